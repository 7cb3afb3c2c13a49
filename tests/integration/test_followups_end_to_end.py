"""Submission to inbox through real PostgreSQL, real Redis and a real worker process: the
applicant's confirmation, the admissions alert, and a crisis alert within seconds."""

import time

import pytest

from admissions.models import FollowUp
from admissions.services import followups
from core import roles
from tests.admissions.factories import make_staff
from tests.integration.followup_support import emailed, submit_screening, wait_until, worker_env

pytestmark = pytest.mark.integration


def test_submission_is_confirmed_and_staff_alerted_through_a_real_worker(
    celery_worker_process, tmp_path, monkeypatch
):
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    mail_dir = tmp_path / "mail"
    make_staff(roles.ADMISSIONS, email="desk@staff.example.org")
    make_staff(roles.CLINICIAN, groups=[roles.ON_CALL], email="oncall@staff.example.org")
    worker = celery_worker_process(env=worker_env(mail_dir))

    routine = submit_screening(1)
    started = time.monotonic()
    crisis = submit_screening(2, crisis=True)

    crisis_alerts = set(
        FollowUp.objects.filter(referral=crisis, kind="crisis_alert").values_list("pk", flat=True)
    )
    assert len(crisis_alerts) == 2  # the on-call clinician and the on-call address

    def crisis_alerts_delivered():
        return crisis_alerts <= set(emailed(mail_dir))

    wait_until(crisis_alerts_delivered, timeout=15)
    crisis_seconds = time.monotonic() - started
    assert crisis_seconds < 10, f"crisis alert took {crisis_seconds:.1f} s"

    every = set(FollowUp.objects.values_list("pk", flat=True))

    def all_delivered():
        return every <= set(emailed(mail_dir))

    wait_until(all_delivered, timeout=15)
    kinds = sorted(FollowUp.objects.filter(referral=routine).values_list("kind", flat=True))
    assert kinds == ["confirmation", "new_referral_alert"]
    # A batch records its outcomes in one statement after its last send: wait for it.
    wait_until(
        lambda: set(FollowUp.objects.values_list("status", flat=True)) == {"sent"}, timeout=10
    )
    assert max(emailed(mail_dir).values()) == 1
    assert "admissions.followup_send" in worker.log.read_text()
    print(f"crisis alert delivered {crisis_seconds:.2f} s after the crisis referral was stored")
