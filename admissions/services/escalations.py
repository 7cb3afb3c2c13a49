"""Missed first-contact deadlines (nobody reached in time): tell the admissions lead, once
per referral.

Celery beat runs ``referrals_escalate_overdue`` every minute. Each overdue referral is
claimed with a conditional UPDATE of ``escalated_at`` in the same transaction that writes
its escalation follow-up(s), so two overlapping runs, or a run repeated after a crash,
escalate it exactly once."""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent

from ..models import Referral
from ..selectors.deadlines import overdue_unescalated
from .audit_trail import audit_referral
from .followups import followups_for_escalation

logger = logging.getLogger(__name__)


def referral_escalate(*, referral_id: int, now: datetime) -> bool:
    """Escalate one referral if it is still overdue and not escalated; True if it was."""
    with transaction.atomic():
        claimed = overdue_unescalated(now=now).filter(pk=referral_id).update(escalated_at=now)
        if not claimed:
            return False
        referral = Referral.objects.get(pk=referral_id)
        followups_for_escalation(referral=referral)
        audit_referral(
            referral_id,
            action=AuditEvent.Action.CHANGE,
            fields=["escalated_at"],
            detail="first-contact deadline passed, nobody reached: escalated to admissions lead",
        )
    return True


def referrals_escalate_overdue(*, now: datetime | None = None, batch_size: int = 100) -> int:
    """One beat round: escalate every overdue referral (bounded batch); returns how many."""
    now = now or timezone.now()
    ids = list(overdue_unescalated(now=now).values_list("pk", flat=True)[:batch_size])
    escalated = sum(referral_escalate(referral_id=pk, now=now) for pk in ids)
    if escalated:
        logger.warning("escalations: %s referral(s) passed their first-contact deadline", escalated)
    return escalated
