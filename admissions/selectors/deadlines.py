"""First-contact deadlines (spec section 5): hours per urgency from the administrator's
DeadlinePolicy rows, falling back to the rule set's defaults; and the referrals that missed
theirs. A referral's deadline is set when it opens; changing the policy moves no deadline
already set (admissions/services/deadline_policy.py)."""

from datetime import datetime, timedelta

from screening.choices import Urgency
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


def deadline_hours() -> dict[str, int]:
    """Hours per urgency now in force, most urgent first (one query)."""
    set_hours = dict(DeadlinePolicy.objects.values_list("urgency", "hours"))
    return {u: set_hours.get(u, FIRST_CONTACT_HOURS[u]) for u in reversed(Urgency.values)}


def overdue_unescalated(*, now: datetime):
    """Open referrals past their deadline, nobody reached yet (attempts do not count), and
    no escalation yet."""
    return Referral.objects.filter(
        status__in=pipeline.OPEN,
        due_at__lt=now,
        reached_at__isnull=True,
        escalated_at__isnull=True,
    ).order_by("-crisis", "due_at", "pk")
