"""First-contact deadlines (spec section 5): hours per urgency from the administrator's
DeadlinePolicy rows, falling back to the rule set's defaults; and the referrals that missed
theirs."""

from datetime import datetime, timedelta

from screening.scoring import FIRST_CONTACT_HOURS

from .. import pipeline
from ..models import DeadlinePolicy, Referral


def first_contact_hours(*, urgency: str) -> int:
    """Hours within which staff must first contact someone of this urgency."""
    policy = DeadlinePolicy.objects.filter(urgency=urgency).values_list("hours", flat=True).first()
    if policy is not None:
        return policy
    return FIRST_CONTACT_HOURS[urgency]


def first_contact_due(*, urgency: str, start: datetime) -> datetime:
    """When first contact is due for a referral of ``urgency`` that arrived at ``start``."""
    return start + timedelta(hours=first_contact_hours(urgency=urgency))


def overdue_unescalated(*, now: datetime):
    """Open referrals past their deadline with no contact logged and no escalation yet."""
    return Referral.objects.filter(
        status__in=pipeline.OPEN,
        due_at__lt=now,
        first_contact_at__isnull=True,
        escalated_at__isnull=True,
    ).order_by("-crisis", "due_at", "pk")
