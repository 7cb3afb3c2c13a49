"""Waitlist length and fill per program: who waits now, and in the range how many were
added, offered a freed place and accepted it; seats filled now. One query."""

from django.db.models import Count, Q

from programs.models import Program

from ...models import SeatOffer, WaitlistEntry
from .tables import PERCENT, TEXT, Chart, Column, DateRange, Table, ratio


def waitlist_table(period: DateRange) -> Table:
    in_range = Q(
        waitlist_entries__added_at__gte=period.lower, waitlist_entries__added_at__lt=period.upper
    )
    offered = Q(
        waitlist_entries__offer__created_at__gte=period.lower,
        waitlist_entries__offer__created_at__lt=period.upper,
    )
    programs = (
        Program.objects.filter(is_active=True)
        .order_by("name")
        .values("name", "capacity", "enrolled", "held")
        .annotate(
            waiting=Count(
                "waitlist_entries", filter=Q(waitlist_entries__status=WaitlistEntry.Status.WAITING)
            ),
            added=Count("waitlist_entries", filter=in_range),
            offered=Count("waitlist_entries", filter=offered),
            accepted=Count(
                "waitlist_entries",
                filter=offered & Q(waitlist_entries__offer__status=SeatOffer.Status.ACCEPTED),
            ),
        )
    )
    rows = tuple(
        (
            p["name"],
            p["waiting"],
            p["added"],
            p["offered"],
            p["accepted"],
            p["enrolled"],
            p["capacity"],
            ratio(p["enrolled"], p["capacity"]),
        )
        for p in programs
    )
    return Table(
        key="waitlists",
        title="Waitlists and fill per program",
        columns=(
            Column("Program", TEXT),
            Column("Waiting now"),
            Column("Added in range"),
            Column("Offered a place in range"),
            Column("Accepted"),
            Column("Enrolled now"),
            Column("Capacity"),
            Column("Fill now (%)", PERCENT),
        ),
        rows=rows,
        chart=Chart(
            title="Waitlist length per program",
            description="People waiting now for each active program, and how many were "
            "added in the range.",
            series=("Waiting now", "Added in range"),
            categories=tuple((r[0], (r[1], r[2])) for r in rows),
        ),
        empty=not rows,
    )
