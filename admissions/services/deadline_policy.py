"""Changing the first-contact deadlines (spec section 5: administrators may). New referrals
use the new hours; deadlines already set stand. Audited with the old and new hours."""

from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditEvent
from core.roles import CHANGE_DEADLINE_POLICY, require_permission
from screening.choices import Urgency

from ..models import DeadlinePolicy
from ..selectors.deadlines import deadline_hours
from .audit_trail import audit_subject

MAX_HOURS = 14 * 24


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
    """Set the first-contact hours per urgency. Returns the urgencies that changed."""
    require_permission(actor, CHANGE_DEADLINE_POLICY)
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
        audit_subject(
            "deadline_policy",
            action=AuditEvent.Action.CHANGE,
            actor=actor,
            ip_address=ip_address,
            fields=changed,
            detail="; ".join(f"{u} {before[u]} -> {hours[u]} h" for u in changed),
        )
    return changed
