"""Recording a batch of sends: every claimed row's outcome in one ``UPDATE``.

Each outcome is a set of column values for its row; the statement sets each column with a
``CASE`` on the row's id. A sent row is recorded whatever happened to it meanwhile (a
reclaim by the dispatcher after a very slow send): the message went out, so it must not be
sent again. Every other outcome applies only while the row is still ``sending`` (still ours).
A failure to write the record is retried on a fresh connection, because rows left in
``sending`` after their message went out would be sent again after the lease."""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from audit.models import AuditEvent

from .. import pipeline
from ..models import FollowUp, Referral
from .audit_trail import audit_referral
from .followup_messages import OutgoingMessage

logger = logging.getLogger(__name__)

CALLING_HOURS_WAIT = "Waiting for the applicant's calling hours (8 AM-9 PM their time)"
UNCLAIM = object()  # attempts - 1: the claim was no attempt (deferred, or never tried)
NOW = object()  # the time the record is written
RECORD_TRIES = 3


@dataclass(frozen=True)
class DeliveryOutcome:
    status: str  # "skipped", "sent", "retry", "failed", "cancelled", "deferred", "released"
    retry_in: float | None = None


@dataclass(frozen=True)
class RowOutcome:
    """``outcome`` is what the caller sees; ``fields`` what the row gets (``now`` is filled
    in when it is written)."""

    outcome: DeliveryOutcome
    fields: dict[str, Any]

    @staticmethod
    def _outcome(status: str, retry_in: float | None = None) -> DeliveryOutcome:
        return DeliveryOutcome(status, retry_in=retry_in)

    @classmethod
    def sent(cls, message: OutgoingMessage) -> "RowOutcome":
        return cls(
            cls._outcome("sent"),
            {
                "status": FollowUp.Status.SENT,
                "sent_at": NOW,
                "last_error": "",
                "subject": message.subject[:200],
                "body": message.stored_body[:4000],
            },
        )

    @classmethod
    def retry(cls, summary: str, when: datetime, delay: float) -> "RowOutcome":
        return cls(
            cls._outcome("retry", retry_in=delay),
            {
                "status": FollowUp.Status.PENDING,
                "scheduled_for": when,
                "enqueued_at": None,
                "last_error": summary,
            },
        )

    @classmethod
    def failed(cls, summary: str) -> "RowOutcome":
        fields = {"status": FollowUp.Status.FAILED, "last_error": summary}
        return cls(cls._outcome("failed"), fields)

    @classmethod
    def cancelled(cls, reason: str) -> "RowOutcome":
        return cls(
            cls._outcome("cancelled"),
            {"status": FollowUp.Status.CANCELLED, "last_error": f"Cancelled: {reason}"[:200]},
        )

    @classmethod
    def deferred(cls, until: datetime) -> "RowOutcome":
        """Outside calling hours: back to pending for ``until``; the claim was no attempt."""
        return cls(
            cls._outcome("deferred"),
            {
                "status": FollowUp.Status.PENDING,
                "scheduled_for": until,
                "enqueued_at": None,
                "attempts": UNCLAIM,
                "last_error": CALLING_HOURS_WAIT,
            },
        )

    @classmethod
    def released(cls) -> "RowOutcome":
        """Claimed, never tried: pending and due again, the attempt not counted."""
        return cls(
            cls._outcome("released"),
            {"status": FollowUp.Status.PENDING, "enqueued_at": None, "attempts": UNCLAIM},
        )


def _assignments(results: dict[int, RowOutcome], now: datetime) -> dict[str, Case]:
    """column -> CASE over the ids, rows with the same value sharing one WHEN."""
    by_column: dict[str, dict[Any, list[int]]] = defaultdict(lambda: defaultdict(list))
    for pk, result in results.items():
        for column, value in result.fields.items():
            by_column[column][now if value is NOW else value].append(pk)
    assignments = {}
    for column, groups in by_column.items():
        model_field = FollowUp._meta.get_field(column)
        whens = [
            When(
                pk__in=pks,
                then=F(column) - 1 if value is UNCLAIM else Value(value, output_field=model_field),
            )
            for value, pks in groups.items()
        ]
        assignments[column] = Case(*whens, default=F(column), output_field=model_field)
    return assignments


def _write(results: dict[int, RowOutcome], followups: dict[int, FollowUp]) -> int:
    now = timezone.now()
    sent = [pk for pk, r in results.items() if r.fields.get("status") == FollowUp.Status.SENT]
    others = [pk for pk in results if pk not in set(sent)]
    still_ours = Q(pk__in=sent) & ~Q(status=FollowUp.Status.SENT) | Q(
        pk__in=others, status=FollowUp.Status.SENDING
    )
    with transaction.atomic():
        written = FollowUp.objects.filter(still_ours).update(**_assignments(results, now))
        for pk in sent:
            followup = followups.get(pk)
            if followup and followup.kind == FollowUp.Kind.NO_RESPONSE_3 and followup.referral_id:
                _propose_no_response(followup.referral_id, now)
    return written


def followups_record(results: dict[int, RowOutcome], *, followups: dict[int, FollowUp]) -> None:
    """Write a batch's outcomes (one UPDATE; plus, rarely, a no-response proposal)."""
    if not results:
        return
    for attempt in range(1, RECORD_TRIES + 1):
        try:
            _write(results, followups)
            return
        except DatabaseError as exc:
            if attempt == RECORD_TRIES or connection.in_atomic_block:
                raise
            logger.warning(
                "recording %s follow-up outcome(s) failed (%s); trying again",
                len(results),
                type(exc).__name__,
            )
            connection.close()
            close_old_connections()
            time.sleep(0.2 * attempt)


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
