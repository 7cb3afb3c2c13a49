"""First-contact deadlines (spec section 5): hours per urgency from the administrator's
DeadlinePolicy rows, falling back to the rule set's defaults; and the referrals that missed
theirs. A referral's deadline is set when it opens; changing the policy moves no deadline
already set (admissions/services/deadline_policy.py)."""

from datetime import datetime, timedelta

from django.db.models import QuerySet

from screening.choices import Urgency
from screening.scoring import FIRST_CONTACT_HOURS

from .. import pipeline
from ..models import DeadlinePolicy, Referral


def policy_hours(urgency: str) -> QuerySet:
    """The administrator's hours for ``urgency``, as a one-value query (none when unset): to
    read on its own, or as a subquery of a statement the caller runs anyway."""
    return DeadlinePolicy.objects.filter(urgency=urgency).order_by("id").values("hours")[:1]


def hours_in_force(urgency: str, set_hours: int | None) -> int:
    """The administrator's ``set_hours`` for ``urgency``, else the rule set's default."""
    return set_hours if set_hours is not None else FIRST_CONTACT_HOURS[urgency]


def first_contact_hours(*, urgency: str) -> int:
    """Hours within which staff must first contact someone of this urgency."""
    row = policy_hours(urgency).first()
    return hours_in_force(urgency, row["hours"] if row else None)


def due_after(start: datetime, hours: int) -> datetime:
    return start + timedelta(hours=hours)


def first_contact_due(*, urgency: str, start: datetime) -> datetime:
    """When first contact is due for a referral of ``urgency`` that arrived at ``start``."""
    return due_after(start, first_contact_hours(urgency=urgency))


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
