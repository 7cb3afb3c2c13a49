"""Waitlist places as staff see them: each entry with its position in its program's line
(first come, first served), in one query however many entries there are."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import WaitlistEntry

WAITING = WaitlistEntry.Status.WAITING


def _ahead():
    """How many waiting entries of the same program were added before this one."""
    earlier = Q(added_at__lt=OuterRef("added_at")) | Q(
        added_at=OuterRef("added_at"), pk__lt=OuterRef("pk")
    )
    return (
        WaitlistEntry.objects.filter(earlier, program=OuterRef("program"), status=WAITING)
        .order_by()
        .values("program")
        .annotate(n=Count("pk"))
        .values("n")
    )


def referral_waitlist_entries(*, referral) -> list[WaitlistEntry]:
    """The referral's waitlist entries, newest first; a waiting one has ``position``."""
    entries = list(
        WaitlistEntry.objects.filter(referral=referral)
        .select_related("program")
        .annotate(ahead=Coalesce(Subquery(_ahead(), output_field=IntegerField()), Value(0)))
        .order_by("-added_at", "-pk")
    )
    for entry in entries:
        entry.position = entry.ahead + 1 if entry.status == WAITING else None
    return entries
