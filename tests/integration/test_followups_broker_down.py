"""Redis stopped while applicants submit: every submission succeeds, its follow-ups wait in
the database, and all are sent exactly once after Redis returns."""

import time

import pytest
from django.urls import reverse

from admissions.models import FollowUp
from admissions.services import followups
from admissions.tasks import followups_dispatch as followups_dispatch_task
from applicant.session import SESSION_KEY
from core import roles
from screening.models import Screening
from tests.admissions.factories import make_staff
from tests.fixtures.worker import use_broker
from tests.integration.followup_support import emailed, submit_screening, wait_until, worker_env

pytestmark = pytest.mark.integration


def test_submissions_survive_a_broker_outage_and_are_sent_once_after(
    celery_worker_process, private_redis, tmp_path, monkeypatch, client
):
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    mail_dir = tmp_path / "mail"
    make_staff(roles.ADMISSIONS, email="desk@staff.example.org")
    make_staff(roles.CLINICIAN, groups=[roles.ON_CALL], email="oncall@staff.example.org")
    use_broker(private_redis.url)
    private_redis.stop()

    timings = []
    referrals = []
    for n in range(1, 6):
        started = time.monotonic()
        referrals.append(submit_screening(n, crisis=(n == 3)))  # raises on any failure
        timings.append(time.monotonic() - started)

    # And one through the web stack: "email me a link to finish later" on a draft.
    draft = Screening.objects.create(first_name="Lee", email="lee@example.com")
    session = client.session
    session[SESSION_KEY] = str(draft.public_id)
    session.save()
    response = client.post(reverse("applicant:save_later"), {"email": "lee@example.com"})
    assert response.status_code == 200

    assert len(referrals) == 5
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"pending"}
    # confirmations, alerts, two crisis alerts, the resume link
    assert FollowUp.objects.count() == 5 * 2 + 2 + 1
    assert max(timings) < 4  # the broker's connection timeout (2 s), paid once
    assert sorted(timings)[-2] < 1  # later submissions skip the dead broker
    assert emailed(mail_dir) == {}

    private_redis.start()  # same port
    celery_worker_process(private_redis.url, env=worker_env(mail_dir))
    followups_dispatch_task.apply_async(retry=False)  # what beat does every minute

    every = set(FollowUp.objects.values_list("pk", flat=True))

    def all_delivered():
        return every <= set(emailed(mail_dir))

    wait_until(all_delivered, timeout=20)
    followups_dispatch_task.apply_async(retry=False)  # a later round finds nothing to do
    time.sleep(1.0)
    counts = emailed(mail_dir)
    assert set(counts) == every and set(counts.values()) == {1}
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"sent"}
    resume = FollowUp.objects.get(kind="resume_link")
    mail_text = b"".join(path.read_bytes() for path in mail_dir.iterdir()).decode()
    assert "/screen/resume/" in mail_text and draft.resume_tokens.count() == 1
    assert resume.sent_at is not None
    print(f"submission times with Redis down: {', '.join(f'{t:.2f}' for t in timings)} s")
