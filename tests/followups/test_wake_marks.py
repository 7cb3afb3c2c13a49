"""Batch wake-ups after commit: while one published wake-up waits for a worker, the next
submits add none (it claims after the worker starts it, so it sends their rows too); a worker
starting a batch, a refused publish or the mark's lapse lets the next one out."""

import time
from unittest import mock

import pytest
from django.test import override_settings

from admissions import wake
from admissions.models import FollowUp
from admissions.services import followups
from admissions.tasks import followups_send_due
from core.inserts import insert_together
from tests.admissions.factories import make_referral
from tests.services import REDIS_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(monkeypatch, require_redis):
    """Celery not eager, on the test Redis, every publish caught."""
    conf = followups_send_due.app.conf
    monkeypatch.setattr(conf, "task_always_eager", False)
    monkeypatch.setattr(conf, "broker_url", REDIS_URL)
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    wake.followups_send_due_started()
    with mock.patch.object(followups_send_due, "apply_async") as publish:
        yield publish
    wake.followups_send_due_started()


def _woken_submit(django_capture_on_commit_callbacks) -> FollowUp:
    referral = make_referral()
    row = FollowUp(
        referral=referral,
        kind=FollowUp.Kind.CONFIRMATION,
        channel=FollowUp.Channel.EMAIL,
        dedupe_key=f"confirmation:marks:{referral.pk}",
    )
    row.scheduled_for = referral.created_at
    with django_capture_on_commit_callbacks(execute=True):
        insert_together(followups.followups_fresh([row]))
    return FollowUp.objects.get(pk=row.pk)


def test_a_wake_up_no_worker_started_yet_covers_the_next_submits(
    broker, django_capture_on_commit_callbacks
):
    rows = [_woken_submit(django_capture_on_commit_callbacks) for _ in range(3)]

    assert broker.call_count == 1
    # Every row is stamped as woken: a lost wake-up leaves them to the dispatcher's re-wake.
    assert all(row.enqueued_at is not None and row.status == "pending" for row in rows)


def test_a_worker_starting_the_batch_lets_the_next_wake_up_out(
    broker, django_capture_on_commit_callbacks
):
    _woken_submit(django_capture_on_commit_callbacks)
    wake.followups_send_due_started()  # what the task does before it claims
    _woken_submit(django_capture_on_commit_callbacks)

    assert broker.call_count == 2


def test_a_refused_publish_takes_its_mark_back(broker, django_capture_on_commit_callbacks):
    broker.side_effect = OSError("down")
    refused = _woken_submit(django_capture_on_commit_callbacks)
    assert refused.enqueued_at is None  # back to the dispatcher, as before

    broker.side_effect = None
    followups._broker_down_until = 0.0  # the broker is back
    _woken_submit(django_capture_on_commit_callbacks)
    assert broker.call_count == 2  # the refused one left no mark behind


def test_the_mark_lapses_by_itself(broker, django_capture_on_commit_callbacks, monkeypatch):
    """A wake-up lost on its way (no worker ever starts it) holds the next ones back only
    for QUEUED_MS."""
    monkeypatch.setattr(wake, "QUEUED_MS", 50)
    _woken_submit(django_capture_on_commit_callbacks)
    time.sleep(0.1)
    _woken_submit(django_capture_on_commit_callbacks)

    assert broker.call_count == 2


def test_marks_are_per_queue(broker, django_capture_on_commit_callbacks, monkeypatch):
    _woken_submit(django_capture_on_commit_callbacks)
    monkeypatch.setattr(followups_send_due.app.conf, "task_default_queue", "another-queue")
    _woken_submit(django_capture_on_commit_callbacks)
    wake.followups_send_due_started()

    assert broker.call_count == 2


def test_without_redis_every_wake_up_is_published(monkeypatch, django_capture_on_commit_callbacks):
    conf = followups_send_due.app.conf
    monkeypatch.setattr(conf, "task_always_eager", False)
    monkeypatch.setattr(conf, "broker_url", "memory://localhost/")
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    with mock.patch.object(followups_send_due, "apply_async") as publish:
        for _ in range(2):
            _woken_submit(django_capture_on_commit_callbacks)

    assert publish.call_count == 2


@override_settings(FOLLOWUP_SEND_BATCH=2)
def test_a_full_batch_wakes_the_next_one(monkeypatch):
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    for _ in range(3):
        referral = make_referral()
        FollowUp.objects.create(
            referral=referral,
            kind=FollowUp.Kind.CONFIRMATION,
            channel=FollowUp.Channel.EMAIL,
            dedupe_key=f"confirmation:full:{referral.pk}",
            scheduled_for=referral.created_at,
        )

    with mock.patch.object(followups, "followups_wake_due") as wake_due:
        followups_send_due()  # two sent: the batch was full
        wake_due.assert_called_once_with(unless_queued=True)
        followups_send_due()  # the last one: not full, no further wake-up
        assert wake_due.call_count == 1
    assert FollowUp.objects.filter(status="sent").count() == 3
