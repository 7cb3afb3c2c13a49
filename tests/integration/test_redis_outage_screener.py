"""Redis (cache and broker) stopped in the middle of people filling in the screener, through a
live server: no response is a 5xx, every submission is stored, and once Redis is back every
follow-up is sent exactly once."""

import logging
import time

import pytest

from admissions.models import FollowUp, Referral
from admissions.services import followups
from admissions.tasks import followups_dispatch as followups_dispatch_task
from core import roles
from screening.models import Screening
from tests.admissions.factories import make_staff
from tests.applicant.flow import ABOUT, CONTACT, CRISIS_SAFETY, DETAILS
from tests.fixtures.worker import use_broker
from tests.integration.followup_support import emailed, wait_until, worker_env
from tests.integration.live_applicant import PAGES, LiveApplicant, with_person

pytestmark = pytest.mark.integration
APPLICANTS = 4


def person(n: int) -> dict:
    """Another person each time (intake would merge the same phone or email into one)."""
    return {
        **ABOUT,
        **CONTACT,
        **DETAILS,
        "first_name": f"Outage{n}",
        "email": f"outage{n}@example.net",
        "phone": f"(555) 010-{n:04d}",
    }


def finish(applicant: LiveApplicant, pages) -> None:
    for step, data in pages:
        response = applicant.answer(step, data)
        assert response.status_code == 302, (step, response.status_code)
        if response.headers["Location"] == "/screen/crisis/":
            applicant.get("/screen/crisis/")
    response = applicant.answer("review", {})
    assert response.headers["Location"] == "/screen/result/", response.headers
    assert applicant.get("/screen/result/").status_code == 200


def test_the_screener_rides_through_a_redis_outage(
    celery_worker_process, private_redis, live_server, settings, monkeypatch, tmp_path, caplog
):
    caplog.set_level(logging.WARNING)
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": private_redis.url.replace("/0", "/1"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.REDIS_URL = private_redis.url
    settings.SCREENER_RATE = "1000/m"  # everyone here shares 127.0.0.1
    use_broker(private_redis.url)
    make_staff(roles.ADMISSIONS, email="desk@staff.example.org")
    make_staff(roles.CLINICIAN, groups=[roles.ON_CALL], email="oncall@staff.example.org")
    statuses: list = []
    people = [LiveApplicant(live_server.url, statuses) for _ in range(APPLICANTS)]

    for n, applicant in enumerate(people):  # everyone gets some way with Redis up
        for step, data in with_person(PAGES[:4], person(n)):  # to the mood page
            assert applicant.answer(step, data).status_code == 302

    private_redis.stop()
    health = people[0].get("/healthz")
    crisis_pages = [(s, CRISIS_SAFETY if s == "safety" else d) for s, d in PAGES[4:]]
    finish(people[0], crisis_pages)
    for applicant in people[1:]:
        finish(applicant, PAGES[4:])
    late = LiveApplicant(live_server.url, statuses)  # starts and finishes during the outage
    finish(late, with_person(PAGES, person(99)))
    saver = LiveApplicant(live_server.url, statuses)
    saver.answer("about", person(50))
    saver.answer("consent", PAGES[1][1])
    saver.answer("contact", person(50))
    assert saver.post("/screen/save/", {"email": "outage50@example.net"}).status_code == 200

    assert [s for s in statuses if s[1] >= 500] == []
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    assert Screening.objects.filter(status="submitted").count() == APPLICANTS + 1
    assert Referral.objects.count() == APPLICANTS + 1
    assert Referral.objects.filter(crisis=True).count() == 1
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"pending"}
    outage_lines = [r for r in caplog.records if "rate limits: cache unavailable" in r.message]
    assert len(outage_lines) == 1  # once per outage, not per request

    private_redis.start()
    mail_dir = tmp_path / "mail"
    celery_worker_process(private_redis.url, env=worker_env(mail_dir))
    followups_dispatch_task.apply_async(retry=False)  # what beat does every minute
    every = set(FollowUp.objects.values_list("pk", flat=True))
    wait_until(lambda: every <= set(emailed(mail_dir)), timeout=30)
    followups_dispatch_task.apply_async(retry=False)  # a later round finds nothing to do
    time.sleep(1.0)

    counts = emailed(mail_dir)
    assert set(counts) == every and set(counts.values()) == {1}
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"sent"}
    kinds = set(FollowUp.objects.values_list("kind", flat=True))
    assert {"confirmation", "new_referral_alert", "crisis_alert", "resume_link"} <= kinds
    assert people[1].get("/screen/step/about/").status_code == 302  # submitted: to the result
