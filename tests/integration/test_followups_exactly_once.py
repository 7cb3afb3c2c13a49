"""The same task delivered twice, and a worker killed mid-send whose message is redelivered:
the person receives one message. Runs on a private redis-server, because the short
visibility timeout that makes redelivery quick here would disturb other queues."""

import pytest
from django.utils import timezone

from admissions.models import FollowUp
from admissions.services import followups
from admissions.services.followup_dispatch import followups_dispatch
from admissions.tasks import followup_send
from tests.admissions.factories import make_referral
from tests.fixtures.worker import use_broker
from tests.integration.followup_support import emailed, wait_until, worker_env

pytestmark = pytest.mark.integration


@pytest.fixture
def followup(transactional_db):
    referral = make_referral(first_name="Robin", email="robin@example.com")
    return FollowUp.objects.create(
        referral=referral,
        kind=FollowUp.Kind.CONFIRMATION,
        channel=FollowUp.Channel.EMAIL,
        dedupe_key=f"confirmation:referral:{referral.pk}",
        scheduled_for=timezone.now(),
    )


def _status(followup):
    followup.refresh_from_db()
    return followup.status


def test_the_same_task_delivered_twice_to_two_workers_sends_once(
    celery_worker_process, private_redis, followup, tmp_path, monkeypatch
):
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    mail_dir = tmp_path / "mail"
    use_broker(private_redis.url)
    # Both workers hold a claim attempt open for a second, so their windows overlap.
    env = worker_env(mail_dir, TEST_FOLLOWUP_SLEEP_BEFORE_SEND="1")
    first = celery_worker_process(private_redis.url, env=env)
    second = celery_worker_process(private_redis.url, env=env)

    followup_send.apply_async((followup.pk,), retry=False)
    followup_send.apply_async((followup.pk,), retry=False)

    wait_until(lambda: _status(followup) == "sent", timeout=15)

    def both_workers_ran_it():
        text = first.log.read_text() + second.log.read_text()
        return text.count("admissions.followup_send") >= 4  # received + succeeded, twice

    wait_until(both_workers_ran_it, timeout=10)
    assert emailed(mail_dir) == {followup.pk: 1}
    followup.refresh_from_db()
    assert followup.attempts == 1


def test_a_worker_killed_mid_send_and_redelivered_sends_once(
    celery_worker_process, private_redis, followup, tmp_path, monkeypatch, settings
):
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    mail_dir = tmp_path / "mail"
    use_broker(private_redis.url)
    doomed = celery_worker_process(
        private_redis.url, env=worker_env(mail_dir, TEST_FOLLOWUP_SLEEP_BEFORE_SEND="30")
    )
    followup_send.apply_async((followup.pk,), retry=False)

    wait_until(lambda: _status(followup) == "sending", timeout=15)  # claimed, about to send
    doomed.kill()  # SIGKILL: no ack, no clean-up; the row is left in "sending"
    assert emailed(mail_dir) == {}

    # A new worker takes the unacked message back (visibility timeout 1 s here) and runs it:
    # the row is held by the dead worker's claim, so it does nothing.
    survivor = celery_worker_process(
        private_redis.url, env=worker_env(mail_dir, TEST_VISIBILITY_TIMEOUT="1")
    )

    def redelivered_and_skipped():
        return "succeeded" in survivor.log.read_text()

    wait_until(redelivered_and_skipped, timeout=15)
    assert _status(followup) == "sending" and emailed(mail_dir) == {}

    # The dispatcher reclaims the row once its lease has run out (shortened here) and wakes
    # it; the survivor sends it.
    settings.FOLLOWUP_SENDING_LEASE_SECONDS = 1
    wait_until(lambda: followups_dispatch().reclaimed == 1, timeout=5, interval=0.5)
    # Back to the real lease: the rounds below may only wake the row again, never take it
    # back from the survivor while it sends.
    settings.FOLLOWUP_SENDING_LEASE_SECONDS = 600

    def sent():
        # Later dispatcher rounds, as beat runs them, wake the row again if that wake-up is
        # slow to be taken; none of them may make it go out twice (checked below).
        followups_dispatch()
        return _status(followup) == "sent"

    wait_until(sent, timeout=30, interval=1)

    assert emailed(mail_dir) == {followup.pk: 1}
    followup.refresh_from_db()
    assert followup.attempts == 2
