"""Sending one follow-up: claim the row, build the message, send it, record the result.

The claim is a conditional UPDATE (pending and due -> sending), so a wake-up delivered twice,
or by a dispatcher and a countdown at once, sends once. A worker that dies after its claim
leaves the row in ``sending``; the dispatcher takes it back after the lease (see
``followup_dispatch``). Errors are stored as a class name and fixed text, never PHI."""

import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from audit.models import AuditEvent

from .. import pipeline
from ..messaging.email import email_send
from ..messaging.errors import SendError, TransientSendError
from ..messaging.sms import sms_send
from ..models import FollowUp, Referral
from .audit_trail import audit_referral
from .followup_messages import (
    FollowUpDeferred,
    FollowUpObsolete,
    OutgoingMessage,
    followup_message_build,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryOutcome:
    status: str  # "skipped", "sent", "retry", "failed", "cancelled" or "deferred"
    retry_in: float | None = None


SKIPPED = DeliveryOutcome("skipped")


def backoff_seconds(attempt: int, *, rng: random.Random | None = None) -> float:
    """Delay before try ``attempt + 1``: exponential from FOLLOWUP_RETRY_BASE_SECONDS,
    capped at FOLLOWUP_RETRY_MAX_SECONDS, with "equal jitter" (between half and all of it)
    so a burst of failures does not retry in lockstep."""
    base = settings.FOLLOWUP_RETRY_BASE_SECONDS
    ceiling = min(settings.FOLLOWUP_RETRY_MAX_SECONDS, base * 2 ** max(attempt - 1, 0))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


def followup_claim(*, followup_id: int) -> bool:
    """pending and due -> sending, in one statement. False when another worker has it, or it
    is not due, or it is sent, failed or cancelled."""
    now = timezone.now()
    return bool(
        FollowUp.objects.filter(
            pk=followup_id, status=FollowUp.Status.PENDING, scheduled_for__lte=now
        ).update(status=FollowUp.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def _pause_for_fault_tests() -> None:
    """Tests only (iop_portal.settings.test reads it from the environment): hold the claimed
    row in ``sending`` so an integration test can kill the worker at this exact point."""
    seconds = getattr(settings, "FOLLOWUP_FAULT_SLEEP_BEFORE_SEND", 0)
    if seconds:
        time.sleep(seconds)


def _send(message: OutgoingMessage) -> None:
    if message.channel == FollowUp.Channel.SMS:
        sms_send(to=message.to, body=message.body, idempotency_key=message.idempotency_key)
    else:
        email_send(
            to=message.to, subject=message.subject, body=message.body, message_id=message.message_id
        )


def followup_deliver(*, followup_id: int) -> DeliveryOutcome:
    """Claim, send and record one follow-up; never raises for a send failure."""
    if not followup_claim(followup_id=followup_id):
        return SKIPPED
    followup = FollowUp.objects.select_related(
        "referral",
        "screening",
        "recipient_user",
        "crisis_episode",
        "assessment",
        "seat_offer__program",
    ).get(pk=followup_id)
    logger.info("follow-up %s claimed (attempt %s)", followup.pk, followup.attempts)
    _pause_for_fault_tests()
    try:
        message = followup_message_build(followup=followup)
        _send(message)
    except FollowUpObsolete as exc:
        return _record_cancelled(followup, exc.reason)
    except FollowUpDeferred as exc:
        return _record_deferred(followup, exc.until)
    except SendError as exc:
        return _record_failure(followup, exc)
    except DatabaseError as exc:
        return _record_failure(
            followup, TransientSendError("database error", cause=type(exc).__name__)
        )
    except Exception as exc:  # a bug or an unknown library error: retry, then show staff
        return _record_failure(
            followup, TransientSendError("unexpected error", cause=type(exc).__name__)
        )
    return _record_sent(followup, message)


def _record_sent(followup: FollowUp, message: OutgoingMessage) -> DeliveryOutcome:
    now = timezone.now()
    with transaction.atomic():
        # Whatever happened to the row meanwhile (a reclaim by the dispatcher after a very
        # slow send), the message went out: record that, so it is not sent again.
        FollowUp.objects.filter(pk=followup.pk).exclude(status=FollowUp.Status.SENT).update(
            status=FollowUp.Status.SENT,
            sent_at=now,
            last_error="",
            subject=message.subject[:200],
            body=message.stored_body[:4000],
        )
        if followup.kind == FollowUp.Kind.NO_RESPONSE_3 and followup.referral_id:
            _propose_no_response(followup.referral_id, now)
    logger.info("follow-up %s sent (%s, %s)", followup.pk, followup.kind, followup.channel)
    return DeliveryOutcome("sent")


def _propose_no_response(referral_id: int, now) -> None:
    proposed = Referral.objects.filter(
        pk=referral_id, status__in=pipeline.OPEN, no_response_proposed_at__isnull=True
    ).update(no_response_proposed_at=now)
    if proposed:
        audit_referral(
            referral_id,
            action=AuditEvent.Action.CHANGE,
            fields=["no_response_proposed_at"],
            detail="no reply after the last no-response follow-up: no_response proposed",
        )


def _record_deferred(followup: FollowUp, until) -> DeliveryOutcome:
    """Outside calling hours: back to pending for ``until``; the claim was no attempt."""
    FollowUp.objects.filter(pk=followup.pk, status=FollowUp.Status.SENDING).update(
        status=FollowUp.Status.PENDING,
        scheduled_for=until,
        enqueued_at=None,
        attempts=F("attempts") - 1,
        last_error="Waiting for the applicant's calling hours (8 AM-9 PM their time)",
    )
    logger.info("follow-up %s deferred to calling hours", followup.pk)
    return DeliveryOutcome("deferred")


def _record_cancelled(followup: FollowUp, reason: str) -> DeliveryOutcome:
    FollowUp.objects.filter(pk=followup.pk, status=FollowUp.Status.SENDING).update(
        status=FollowUp.Status.CANCELLED, last_error=f"Cancelled: {reason}"[:200]
    )
    logger.info("follow-up %s cancelled at send time", followup.pk)
    return DeliveryOutcome("cancelled")


def _record_failure(followup: FollowUp, error: SendError) -> DeliveryOutcome:
    claimed = FollowUp.objects.filter(pk=followup.pk, status=FollowUp.Status.SENDING)
    if error.transient and followup.attempts < settings.FOLLOWUP_MAX_ATTEMPTS:
        delay = backoff_seconds(followup.attempts)
        claimed.update(
            status=FollowUp.Status.PENDING,
            scheduled_for=timezone.now() + timedelta(seconds=delay),
            enqueued_at=None,
            last_error=error.summary,
        )
        logger.warning(
            "follow-up %s attempt %s failed (%s); retry in %.0f s",
            followup.pk,
            followup.attempts,
            error.summary,
            delay,
        )
        return DeliveryOutcome("retry", retry_in=delay)
    claimed.update(status=FollowUp.Status.FAILED, last_error=error.summary)
    logger.error(
        "follow-up %s failed after %s attempt(s): %s",
        followup.pk,
        followup.attempts,
        error.summary,
    )
    return DeliveryOutcome("failed")
