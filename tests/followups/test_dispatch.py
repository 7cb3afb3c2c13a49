"""The dispatcher (beat, every minute): due rows are woken, stuck rows reclaimed, in bounded
batches, and a staff retry of a failed send."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from admissions.models import FollowUp
from admissions.services.followup_dispatch import (
    LOST_GIVING_UP,
    followup_retry,
    followups_dispatch,
)
from audit.models import AuditEvent
from core import roles
from iop_portal.celery import app
from tests.admissions.factories import make_referral, make_staff

pytestmark = pytest.mark.django_db


def _row(referral, kind="confirmation", **fields) -> FollowUp:
    fields.setdefault("scheduled_for", timezone.now())
    return FollowUp.objects.create(
        referral=referral,
        kind=kind,
        channel="email",
        dedupe_key=f"{kind}:{referral.pk}:{FollowUp.objects.count()}",
        **fields,
    )


def test_due_rows_are_sent_and_future_ones_wait():
    referral = make_referral()
    due = _row(referral)
    later = _row(referral, "no_response_1", scheduled_for=timezone.now() + timedelta(hours=24))

    report = followups_dispatch()

    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, later.status) == ("sent", "pending")
    assert report.woken == 1 and len(mail.outbox) == 1


def test_a_row_whose_worker_died_mid_send_is_reclaimed_after_the_lease(settings):
    settings.FOLLOWUP_SENDING_LEASE_SECONDS = 300
    referral = make_referral()
    fresh = _row(referral, status="sending", attempts=1, claimed_at=timezone.now())
    stale = _row(
        referral,
        "new_referral_alert",
        status="sending",
        attempts=1,
        claimed_at=timezone.now() - timedelta(seconds=301),
        recipient_user=make_staff(roles.ADMISSIONS),
    )

    report = followups_dispatch()

    fresh.refresh_from_db()
    stale.refresh_from_db()
    assert fresh.status == "sending"  # its worker may still be sending it
    assert (stale.status, stale.attempts) == ("sent", 2)
    assert report.reclaimed == 1 and len(mail.outbox) == 1


def test_a_stuck_row_out_of_attempts_is_failed_for_staff_to_decide(settings):
    settings.FOLLOWUP_MAX_ATTEMPTS = 2
    stuck = _row(
        make_referral(),
        status="sending",
        attempts=2,
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    report = followups_dispatch()
    stuck.refresh_from_db()
    assert (stuck.status, stuck.last_error) == ("failed", LOST_GIVING_UP)
    assert report.given_up == 1 and mail.outbox == []


def test_batches_are_bounded_and_crisis_alerts_go_first(settings, monkeypatch):
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    settings.FOLLOWUP_SEND_BATCH = 100
    referral = make_referral(crisis=True)
    for _ in range(3):
        _row(referral, scheduled_for=timezone.now() - timedelta(minutes=5))
    crisis = _row(referral, "crisis_alert")
    with mock.patch("admissions.tasks.followups_send_due.apply_async") as publish:
        report = followups_dispatch(batch_size=2)
    assert publish.call_count == 1  # one batch wake-up for the two rows
    woken = set(FollowUp.objects.filter(enqueued_at__isnull=False).values_list("pk", flat=True))
    assert crisis.pk in woken and len(woken) == 2
    assert report.woken == 2 and report.left == 0


def test_a_woken_row_is_not_woken_again_every_minute(settings, monkeypatch):
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    settings.FOLLOWUP_REWAKE_AFTER_SECONDS = 120
    _row(make_referral())
    with mock.patch("admissions.tasks.followups_send_due.apply_async") as publish:
        followups_dispatch()
        followups_dispatch(now=timezone.now() + timedelta(seconds=60))
        assert publish.call_count == 1  # the wake-up may still be on its way
        followups_dispatch(now=timezone.now() + timedelta(seconds=180))
        assert publish.call_count == 2  # that one was lost: wake it again


def test_staff_retry_sends_a_failed_message_again_and_is_audited(
    django_capture_on_commit_callbacks,
):
    staff = make_staff(roles.ADMISSIONS)
    failed = _row(make_referral(), status="failed", attempts=6, last_error="HTTP: x")

    with django_capture_on_commit_callbacks(execute=True):
        followup_retry(followup=failed, actor=staff)

    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.manual_retries) == ("sent", 1, 1)
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<iop-followup-{failed.pk}-1@")
    event = AuditEvent.objects.get(object_type="referral", fields=["followups"])
    assert event.actor == staff and f"followup {failed.pk}" in event.detail


def test_retry_needs_permission_and_a_failed_row():
    sent = _row(make_referral(), status="sent", sent_at=timezone.now())
    with pytest.raises(PermissionDenied):
        followup_retry(followup=sent, actor=make_staff(roles.CLINICIAN))
    with pytest.raises(ValidationError):
        followup_retry(followup=sent, actor=make_staff(roles.ADMISSIONS))
