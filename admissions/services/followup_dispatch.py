"""The safety net under the wake-ups: the dispatcher (Celery beat, every minute) and the
staff retry of a failed send.

A wake-up published after commit normally sends a follow-up within seconds. When that
message is lost (broker down at commit, Redis restarted without persistence, worker killed),
the row is still pending, or stuck in ``sending``; the dispatcher finds it and wakes it
again. So a lost broker message delays a send by about a minute; it never drops one."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.roles import require_permission

from ..models import FollowUp
from ..selectors.followups import due_followups
from .audit_trail import audit_followup
from .followups import followup_wake, followups_wake

logger = logging.getLogger(__name__)

LOST_RETRYING = "WorkerLost: the send did not finish within its lease; retrying"
LOST_GIVING_UP = "WorkerLost: the send did not finish; it may or may not have gone out"


@dataclass(frozen=True)
class DispatchReport:
    reclaimed: int = 0  # stuck in sending past the lease, made pending again
    given_up: int = 0  # stuck, and out of attempts: failed, shown in the outbox
    woken: int = 0  # due rows a wake-up was published (or, eager, run) for
    left: int = 0  # due rows not woken this round (broker down or batch full)


def followups_reclaim_stuck(*, now: datetime, batch_size: int) -> tuple[int, int]:
    """Rows claimed longer ago than the lease, whose worker died: back to pending, or failed
    when out of attempts. The lease is longer than the task's hard time limit, so no live
    task still holds such a row."""
    cutoff = now - timedelta(seconds=settings.FOLLOWUP_SENDING_LEASE_SECONDS)
    stuck = FollowUp.objects.filter(status=FollowUp.Status.SENDING, claimed_at__lt=cutoff)
    ids = list(stuck.order_by("claimed_at").values_list("pk", flat=True)[:batch_size])
    if not ids:
        return 0, 0
    rows = stuck.filter(pk__in=ids)
    given_up = rows.filter(attempts__gte=settings.FOLLOWUP_MAX_ATTEMPTS).update(
        status=FollowUp.Status.FAILED, last_error=LOST_GIVING_UP
    )
    reclaimed = rows.update(
        status=FollowUp.Status.PENDING,
        scheduled_for=now,
        enqueued_at=None,
        last_error=LOST_RETRYING,
    )
    if reclaimed or given_up:
        logger.warning(
            "dispatcher: %s stuck follow-up(s) reclaimed, %s failed", reclaimed, given_up
        )
    return reclaimed, given_up


def followups_dispatch(*, now: datetime | None = None, batch_size: int | None = None):
    """One dispatcher round: reclaim stuck rows, then wake due ones, in bounded batches."""
    now = now or timezone.now()
    batch_size = batch_size or settings.FOLLOWUP_DISPATCH_BATCH
    reclaimed, given_up = followups_reclaim_stuck(now=now, batch_size=batch_size)
    ids = list(due_followups(now=now).values_list("pk", flat=True)[:batch_size])
    woken = followups_wake(ids)
    report = DispatchReport(reclaimed, given_up, woken, len(ids) - woken)
    if report.left:
        logger.warning("dispatcher: %s due follow-up(s) not woken this round", report.left)
    return report


@transaction.atomic
def followup_retry(*, followup: FollowUp, actor, ip_address: str | None = None) -> FollowUp:
    """A staff member sends a failed follow-up again (after fixing an address, say).
    Attempts start over; the idempotency key changes so the provider does not drop it."""
    require_permission(actor, roles.WORK_REFERRAL)
    updated = FollowUp.objects.filter(pk=followup.pk, status=FollowUp.Status.FAILED).update(
        status=FollowUp.Status.PENDING,
        scheduled_for=timezone.now(),
        attempts=0,
        manual_retries=F("manual_retries") + 1,
        claimed_at=None,
        enqueued_at=None,
        last_error="",
    )
    if not updated:
        raise ValidationError("This message has not failed, so there is nothing to retry.")
    audit_followup(
        followup,
        action=AuditEvent.Action.CHANGE,
        actor=actor,
        ip_address=ip_address,
        fields=["followups"],
        detail=f"followup {followup.pk} ({followup.kind}) retry requested",
    )
    transaction.on_commit(lambda: followup_wake(followup.pk))
    followup.refresh_from_db()
    return followup
