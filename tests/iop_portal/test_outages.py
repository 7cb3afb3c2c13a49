"""Degrade, never fail. With the database unreachable a person gets the kind page with
crisis resources (503, try again) and /healthz answers 503; with the cache down every
screener page, the rate limits and the staff pages keep working."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from core import roles
from tests.admissions.factories import make_referral, make_staff, sign_in_verified
from tests.applicant.flow import ABOUT, CONSENT, post_step

pytestmark = pytest.mark.django_db


def database_down():
    refused = OperationalError('connection to server at "10.0.0.9", port 5432 failed')
    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=refused)


@pytest.mark.parametrize("path", ["/screen/", "/screen/step/about/", "/staff/referrals/"])
def test_with_the_database_down_people_get_the_kind_page_with_crisis_resources(path):
    client = Client(raise_request_exception=False)
    sign_in_verified(client, make_staff(roles.ADMISSIONS))  # a session to load, as a real visit has
    with database_down():
        response = client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "We can't open this page right now" in page
    assert 'href="tel:988"' in page and 'href="tel:911"' in page
    assert "Everything you already saved is kept" in page
    assert "10.0.0.9" not in page and "Traceback" not in page


def test_other_server_errors_keep_the_500_page_with_crisis_resources():
    client = Client(raise_request_exception=False)
    with mock.patch("applicant.views.pages.render", side_effect=RuntimeError("bug")):
        response = client.get("/screen/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert 'href="tel:988"' in response.content.decode()


def test_healthz_answers_503_when_the_database_is_down():
    with database_down():
        response = Client(raise_request_exception=False).get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"


@pytest.fixture
def cache_down():
    error = ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    methods = ("get", "set", "add", "incr", "delete")
    patches = [mock.patch(f"django.core.cache.cache.{m}", side_effect=error) for m in methods]
    for patch in patches:
        patch.start()
    yield
    for patch in patches:
        patch.stop()


def test_with_the_cache_down_the_screener_saves_every_page(client, cache_down, settings):
    settings.SCREENER_RATE = "3/m"
    assert post_step(client, "about", ABOUT).status_code == 302
    assert post_step(client, "consent", CONSENT).status_code == 302
    assert client.get("/screen/step/contact/").status_code == 200  # the page after consent
    # The limiter still limits, locally, and says so kindly.
    assert post_step(client, "consent", CONSENT).status_code == 302
    assert post_step(client, "consent", CONSENT).status_code == 429


def test_with_the_cache_down_staff_pages_work_and_healthz_says_degraded(signed_in, cache_down):
    referral = make_referral()
    staff = signed_in(make_staff(roles.ADMISSIONS))

    assert staff.get("/staff/referrals/").status_code == 200
    assert staff.get(f"/staff/referrals/{referral.pk}/").status_code == 200
    health = Client().get("/healthz")
    assert health.status_code == 200 and health.json()["checks"]["cache"] == "down"
