"""Sending follow-ups: claim a batch of due rows, build each message, send them over one
connection, record the whole batch.

The claim (``followup_claim``) is one conditional statement (pending and due -> sending), so
a wake-up delivered twice, or by a dispatcher and a countdown at once, sends each row once. A
worker that dies after its claim leaves the rows in ``sending``; the dispatcher takes them
back after the lease (see ``followup_dispatch``). A failure of one message is that row's
outcome (retry with backoff, failed, cancelled, deferred) and never stops the others; every
outcome of the batch is written by one statement (``followup_record``). Errors are stored as
a class name and fixed text, never PHI."""

import logging
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from ..messaging.errors import SendError, TransientSendError
from ..messaging.session import SendSession
from ..models import FollowUp
from .followup_claim import claim_order, followups_claim
from .followup_messages import (
    FollowUpDeferred,
    FollowUpObsolete,
    MessageTemplates,
    OutgoingMessage,
    followup_message_build,
)
from .followup_record import DeliveryOutcome, RowOutcome, followups_record

logger = logging.getLogger(__name__)

__all__ = ["DeliveryOutcome", "backoff_seconds", "followup_deliver", "followups_deliver"]


SKIPPED = DeliveryOutcome("skipped")


def backoff_seconds(attempt: int, *, rng: random.Random | None = None) -> float:
    """Delay before try ``attempt + 1``: exponential from FOLLOWUP_RETRY_BASE_SECONDS,
    capped at FOLLOWUP_RETRY_MAX_SECONDS, with "equal jitter" (between half and all of it)
    so a burst of failures does not retry in lockstep."""
    base = settings.FOLLOWUP_RETRY_BASE_SECONDS
    ceiling = min(settings.FOLLOWUP_RETRY_MAX_SECONDS, base * 2 ** max(attempt - 1, 0))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


@dataclass(frozen=True)
class BatchReport:
    """What one batch did: each claimed row's outcome, and whether to wake again."""

    outcomes: dict[int, DeliveryOutcome] = field(default_factory=dict)

    @property
    def retry_in(self) -> list[float]:
        return [o.retry_in for o in self.outcomes.values() if o.retry_in is not None]

    @property
    def released(self) -> int:
        """Claimed but not tried (the batch ran out of time): due again at once."""
        return sum(1 for o in self.outcomes.values() if o.status == "released")


_RELATED = ("referral", "screening", "recipient_user", "crisis_episode", "assessment")


def _pause_for_fault_tests() -> None:
    """Tests only (iop_portal.settings.test reads it from the environment): hold the claimed
    rows in ``sending`` so an integration test can kill the worker at this exact point."""
    seconds = getattr(settings, "FOLLOWUP_FAULT_SLEEP_BEFORE_SEND", 0)
    if seconds:
        time.sleep(seconds)


def _send(message: OutgoingMessage, session: SendSession) -> None:
    if message.channel == FollowUp.Channel.SMS:
        session.sms(to=message.to, body=message.body, idempotency_key=message.idempotency_key)
    else:
        session.email(
            to=message.to, subject=message.subject, body=message.body, message_id=message.message_id
        )


def followup_deliver(*, followup_id: int) -> DeliveryOutcome:
    """Claim, send and record one follow-up (a batch of one); never raises for a send
    failure. SKIPPED when it is not due and pending (another worker has it, or it is done)."""
    report = followups_deliver(ids=[followup_id])
    return report.outcomes.get(followup_id, SKIPPED)


def followups_deliver(*, ids: list[int] | None = None, limit: int | None = None) -> BatchReport:
    """Claim up to ``limit`` (FOLLOWUP_SEND_BATCH) due rows, crisis alerts first (only among
    ``ids`` when given), send each, and record every outcome in one statement. Stops sending
    after FOLLOWUP_SEND_BATCH_SECONDS, well inside the task's soft time limit, and hands the
    rows it did not try back as due."""
    limit = limit or settings.FOLLOWUP_SEND_BATCH
    claimed = followups_claim(now=timezone.now(), limit=limit, ids=ids)
    if not claimed:
        return BatchReport()
    batch = sorted(
        FollowUp.objects.select_related(*_RELATED, "seat_offer__program").filter(pk__in=claimed),
        key=claim_order,
    )
    logger.info("follow-ups claimed: %s", ", ".join(str(f.pk) for f in batch))
    _pause_for_fault_tests()
    results: dict[int, RowOutcome] = {}
    deadline = time.monotonic() + settings.FOLLOWUP_SEND_BATCH_SECONDS
    templates = MessageTemplates()
    with SendSession() as session:
        for followup in batch:
            if time.monotonic() > deadline:
                results[followup.pk] = RowOutcome.released()
                continue
            try:
                results[followup.pk] = _deliver_one(followup, session, templates)
            except SoftTimeLimitExceeded:  # should not happen inside the batch deadline
                results[followup.pk] = _failure(
                    followup, TransientSendError("the batch ran out of time", cause="TimeLimit")
                )
                for rest in batch:
                    results.setdefault(rest.pk, RowOutcome.released())
                break
    followups_record(results, followups={f.pk: f for f in batch})
    counts = Counter(result.outcome.status for result in results.values())
    logger.info(
        "follow-up batch of %s: %s",
        len(batch),
        ", ".join(f"{status} {n}" for status, n in sorted(counts.items())),
    )
    return BatchReport({pk: result.outcome for pk, result in results.items()})


def _deliver_one(
    followup: FollowUp, session: SendSession, templates: MessageTemplates
) -> RowOutcome:
    try:
        message = followup_message_build(followup=followup, templates=templates)
        _send(message, session)
    except FollowUpObsolete as exc:
        logger.info("follow-up %s cancelled at send time", followup.pk)
        return RowOutcome.cancelled(exc.reason)
    except FollowUpDeferred as exc:
        logger.info("follow-up %s deferred to calling hours", followup.pk)
        return RowOutcome.deferred(exc.until)
    except SendError as exc:
        return _failure(followup, exc)
    except SoftTimeLimitExceeded:
        raise
    except DatabaseError as exc:
        return _failure(followup, TransientSendError("database error", cause=type(exc).__name__))
    except Exception as exc:  # a bug or an unknown library error: retry, then show staff
        return _failure(followup, TransientSendError("unexpected error", cause=type(exc).__name__))
    logger.debug("follow-up %s sent (%s, %s)", followup.pk, followup.kind, followup.channel)
    return RowOutcome.sent(message)


def _failure(followup: FollowUp, error: SendError) -> RowOutcome:
    """A transient error with attempts left: back to pending after the backoff; else
    failed, for staff to see in the outbox."""
    if error.transient and followup.attempts < settings.FOLLOWUP_MAX_ATTEMPTS:
        delay = backoff_seconds(followup.attempts)
        logger.warning(
            "follow-up %s attempt %s failed (%s); retry in %.0f s",
            followup.pk,
            followup.attempts,
            error.summary,
            delay,
        )
        return RowOutcome.retry(error.summary, timezone.now() + timedelta(seconds=delay), delay)
    logger.error(
        "follow-up %s failed after %s attempt(s): %s",
        followup.pk,
        followup.attempts,
        error.summary,
    )
    return RowOutcome.failed(error.summary)
