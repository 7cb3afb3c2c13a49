from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_dependency_when_all_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "up"
    assert body["checks"]["cache"] == "up"
    assert body["checks"]["broker"] in {"up", "not configured"}


def test_healthz_is_503_without_a_stack_trace_when_the_database_is_down(client):
    with mock.patch("iop_portal.health.connection.cursor", side_effect=OSError("refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body == {
        "status": "unavailable",
        "checks": {"database": "down", "cache": "up", "broker": body["checks"]["broker"]},
    }
    assert "Traceback" not in response.content.decode()
    assert "refused" not in response.content.decode()


def test_healthz_reports_an_unreachable_broker_as_degraded_but_still_serving(client, settings):
    """Pages and submissions work without Redis (follow-ups wait in the outbox), so a load
    balancer must keep sending people here: 200, with the outage in the body."""
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["broker"] == "down"


def test_healthz_reports_a_cache_outage_as_degraded(client):
    with mock.patch("iop_portal.health.cache.set", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "down"


def test_healthz_rejects_writes(client):
    assert client.post("/healthz").status_code == 405
