"""First-contact deadlines (spec section 5): hours per urgency from the administrator's
DeadlinePolicy rows, falling back to the rule set's defaults. A referral's deadline is set
when it opens; changing the policy moves no deadline already set."""

from datetime import datetime, timedelta
from itertools import pairwise

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_record
from screening.choices import Urgency
from screening.scoring import FIRST_CONTACT_HOURS

from ..models import DeadlinePolicy


def first_contact_hours(*, urgency: str) -> int:
    """Hours within which staff must first contact someone of this urgency."""
    policy = DeadlinePolicy.objects.filter(urgency=urgency).values_list("hours", flat=True).first()
    if policy is not None:
        return policy
    return FIRST_CONTACT_HOURS[urgency]


def first_contact_due(*, urgency: str, start: datetime) -> datetime:
    """When first contact is due for a referral of ``urgency`` that arrived at ``start``."""
    return start + timedelta(hours=first_contact_hours(urgency=urgency))


CHANGE_POLICY = "admissions.change_deadlinepolicy"
MAX_HOURS = 14 * 24


def deadline_hours() -> dict[str, int]:
    """Hours per urgency now in force, most urgent first (one query)."""
    set_hours = dict(DeadlinePolicy.objects.values_list("urgency", "hours"))
    order = list(reversed(Urgency.values))
    return {u: set_hours.get(u, FIRST_CONTACT_HOURS[u]) for u in order}


def _policy_problems(hours: dict[str, int]) -> dict[str, str]:
    problems = {
        u: f"Give 1 to {MAX_HOURS} hours." for u, h in hours.items() if not 1 <= h <= MAX_HOURS
    }
    order = list(reversed(Urgency.values))  # emergent, urgent, priority, routine
    for faster, slower in pairwise(order):
        if faster not in problems and slower not in problems and hours[faster] > hours[slower]:
            problems[slower] = (
                f"{Urgency(slower).label} can't be due sooner than {Urgency(faster).label.lower()}"
                f" ({hours[faster]} h)."
            )
    return problems


@transaction.atomic
def deadline_policy_set(*, hours: dict[str, int], actor, ip_address: str | None = None) -> list:
    """Set the first-contact hours per urgency. New referrals use them; deadlines already
    set stand. Returns the urgencies that changed; audited with the old and new hours."""
    if not actor.has_perm(CHANGE_POLICY):
        raise PermissionDenied
    if set(hours) != set(Urgency.values):
        raise ValidationError("Give hours for every urgency.")
    problems = _policy_problems(hours)
    if problems:
        raise ValidationError(problems)
    before = deadline_hours()
    changed = [u for u in before if before[u] != hours[u]]
    for urgency in changed:
        DeadlinePolicy.objects.update_or_create(urgency=urgency, defaults={"hours": hours[urgency]})
    if changed:
        audit_record(
            action=AuditEvent.Action.CHANGE,
            actor=actor,
            ip_address=ip_address,
            object_type="deadline_policy",
            fields=changed,
            detail="; ".join(f"{u} {before[u]} -> {hours[u]} h" for u in changed),
        )
    return changed
