"""Sending one follow-up: the claim, retries with backoff, permanent failures, and the
applicant's request surviving a broken broker or mail server."""

import random
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from admissions.messaging import sms
from admissions.models import FollowUp
from admissions.services import followups
from admissions.services.followup_delivery import backoff_seconds, followup_deliver
from admissions.services.followups import followup_schedule, followups_for_new_referral
from admissions.tasks import followup_send, followups_send_due
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


def _confirmation(referral=None, **fields) -> FollowUp:
    referral = referral or make_referral()
    return FollowUp.objects.create(
        referral=referral,
        kind=FollowUp.Kind.CONFIRMATION,
        channel=fields.pop("channel", FollowUp.Channel.EMAIL),
        dedupe_key=f"confirmation:referral:{referral.pk}",
        scheduled_for=fields.pop("scheduled_for", timezone.now()),
        **fields,
    )


def _broken_smtp(exc: Exception):
    return mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=exc
    )


def test_a_task_delivered_twice_sends_once():
    followup = _confirmation()
    followup_send.delay(followup.pk)
    followup_send.delay(followup.pk)
    followup.refresh_from_db()
    assert len(mail.outbox) == 1
    assert (followup.status, followup.attempts) == ("sent", 1)
    assert followup.sent_at is not None


def test_a_row_another_worker_holds_is_left_alone():
    followup = _confirmation(status=FollowUp.Status.SENDING, claimed_at=timezone.now())
    assert followup_deliver(followup_id=followup.pk).status == "skipped"
    assert mail.outbox == []


def test_a_follow_up_not_yet_due_is_not_sent_early():
    followup = _confirmation(scheduled_for=timezone.now() + timedelta(hours=1))
    assert followup_deliver(followup_id=followup.pk).status == "skipped"
    assert mail.outbox == []


def test_the_email_has_a_stable_message_id_per_follow_up():
    followup = _confirmation()
    followup_deliver(followup_id=followup.pk)
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<iop-followup-{followup.pk}-0@")


def test_sms_goes_through_the_sms_backend_with_an_idempotency_key():
    referral = make_referral(preferred_contact="sms", consent_sms=True, phone="(555) 123-4567")
    followup = _confirmation(referral, channel=FollowUp.Channel.SMS)
    followup_deliver(followup_id=followup.pk)
    assert [(m.to, m.idempotency_key) for m in sms.outbox] == [
        ("(555) 123-4567", f"iop-followup-{followup.pk}-0")
    ]
    assert mail.outbox == []


def test_a_transient_failure_goes_back_to_pending_with_backoff(settings):
    settings.FOLLOWUP_RETRY_BASE_SECONDS = 30
    followup = _confirmation()
    before = timezone.now()
    with _broken_smtp(smtplib.SMTPServerDisconnected("Connection unexpectedly closed")):
        outcome = followup_deliver(followup_id=followup.pk)
    followup.refresh_from_db()
    assert outcome.status == "retry" and 15 <= outcome.retry_in <= 30
    assert followup.status == "pending" and followup.attempts == 1
    assert before + timedelta(seconds=15) <= followup.scheduled_for
    assert followup.last_error == "SMTPServerDisconnected: could not talk to the mail server"


def test_transient_failures_end_in_failed_after_the_last_attempt(settings):
    settings.FOLLOWUP_MAX_ATTEMPTS = 3
    followup = _confirmation()
    with _broken_smtp(ConnectionRefusedError(111, "Connection refused")):
        for _ in range(3):
            FollowUp.objects.filter(pk=followup.pk).update(scheduled_for=timezone.now())
            followup_deliver(followup_id=followup.pk)
    followup.refresh_from_db()
    assert (followup.status, followup.attempts) == ("failed", 3)
    assert followup.last_error.startswith("ConnectionRefusedError:")


def test_a_permanent_refusal_fails_at_once_without_the_address_in_the_error():
    referral = make_referral(email="nobody@example.com")
    followup = _confirmation(referral)
    refused = smtplib.SMTPRecipientsRefused({"nobody@example.com": (550, b"no such user")})
    with _broken_smtp(refused):
        assert followup_deliver(followup_id=followup.pk).status == "failed"
    followup.refresh_from_db()
    assert followup.attempts == 1
    assert followup.last_error == "SMTPRecipientsRefused: the mail server refused the recipient"
    assert "nobody" not in followup.last_error


def test_no_address_or_no_consent_is_a_permanent_failure():
    no_email = _confirmation(make_referral(email=""))
    withdrawn = _confirmation(make_referral(consent_contact=False))
    followup_deliver(followup_id=no_email.pk)
    followup_deliver(followup_id=withdrawn.pk)
    no_email.refresh_from_db()
    withdrawn.refresh_from_db()
    assert no_email.status == withdrawn.status == "failed"
    assert no_email.last_error == "NoAddress: the applicant has no email contact on file"
    assert withdrawn.last_error == "NoConsent: the applicant did not consent to contact"


def test_a_message_for_an_ended_referral_is_cancelled_not_sent():
    followup = _confirmation(make_referral(status="declined"))
    assert followup_deliver(followup_id=followup.pk).status == "cancelled"
    followup.refresh_from_db()
    assert followup.status == "cancelled" and mail.outbox == []


def test_backoff_grows_exponentially_with_jitter_and_a_cap(settings):
    settings.FOLLOWUP_RETRY_BASE_SECONDS = 30
    settings.FOLLOWUP_RETRY_MAX_SECONDS = 600
    rng = random.Random(7)
    for attempt, ceiling in [(1, 30), (2, 60), (3, 120), (4, 240), (5, 480), (6, 600), (12, 600)]:
        delays = [backoff_seconds(attempt, rng=rng) for _ in range(200)]
        assert ceiling / 2 <= min(delays) and max(delays) <= ceiling
        assert max(delays) - min(delays) > ceiling / 4  # jittered, not lockstep


def test_broker_down_the_request_still_succeeds_and_the_row_waits(
    admissions_staff, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(followup_send.app.conf, "task_always_eager", False)
    with (
        mock.patch.object(
            followups_send_due, "apply_async", side_effect=OperationalError("Error 111 connecting")
        ) as publish,
        django_capture_on_commit_callbacks(execute=True),
    ):
        referral = make_referral()
        followups_for_new_referral(referral=referral)

    assert set(referral.followups.values_list("status", flat=True)) == {"pending"}
    assert mail.outbox == []
    # After the first refusal the rest skip the broker instead of each waiting for it.
    assert publish.call_count == 1
    assert followups.broker_marked_down()


def test_an_unexpected_error_in_an_eager_send_never_reaches_the_applicant(
    django_capture_on_commit_callbacks,
):
    with (
        mock.patch(
            "admissions.services.followup_delivery.followup_deliver",
            side_effect=RuntimeError("bug"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        referral = make_referral()
        followup = followup_schedule(
            kind=FollowUp.Kind.CONFIRMATION,
            channel=FollowUp.Channel.EMAIL,
            referral=referral,
            dedupe_key="confirmation:x",
        )
    followup.refresh_from_db()
    assert followup.status == "pending"  # the dispatcher will try again


def test_an_error_while_building_the_message_is_recorded_not_raised():
    followup = _confirmation()
    with mock.patch(
        "admissions.services.followup_delivery.followup_message_build",
        side_effect=KeyError("template bug"),
    ):
        assert followup_deliver(followup_id=followup.pk).status == "retry"
    followup.refresh_from_db()
    assert followup.last_error == "KeyError: unexpected error"
