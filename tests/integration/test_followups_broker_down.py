"""Redis stopped while applicants submit: every submission succeeds, its follow-ups wait in
the database, and all are sent exactly once after Redis returns."""

import time

import pytest

from admissions import roles
from admissions.models import FollowUp
from admissions.services import followups
from admissions.tasks import followups_dispatch_task
from tests.admissions.factories import make_staff
from tests.fixtures.worker import use_broker
from tests.integration.followup_support import emailed, submit_screening, wait_until, worker_env

pytestmark = pytest.mark.integration


def test_submissions_survive_a_broker_outage_and_are_sent_once_after(
    celery_worker_process, private_redis, tmp_path, monkeypatch
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

    assert len(referrals) == 5
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"pending"}
    assert FollowUp.objects.count() == 5 * 2 + 2  # confirmations, alerts, two crisis alerts
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
    print(f"submission times with Redis down: {', '.join(f'{t:.2f}' for t in timings)} s")
