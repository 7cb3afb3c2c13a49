"""Crisis episodes opened in the range: how many, how they ended, and the minutes from the
alert (the episode's opening) to a clinician's acknowledgement and to the first reached
contact after it. One query on PostgreSQL, two elsewhere."""

from django.db.models import Count, DurationField, ExpressionWrapper, F, OuterRef, Q, Subquery

from ...models import ContactAttempt, CrisisEpisode
from .percentiles import in_database, percentile_aggregates, summarise, unpack
from .tables import COUNT, MINUTES, TEXT, Chart, Column, DateRange, Table, minutes


def _episodes(period: DateRange):
    first_reach = (
        ContactAttempt.objects.filter(
            referral=OuterRef("referral"),
            outcome=ContactAttempt.Outcome.REACHED,
            created_at__gte=OuterRef("opened_at"),
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return CrisisEpisode.objects.filter(
        opened_at__gte=period.lower, opened_at__lt=period.upper
    ).annotate(reached_at=Subquery(first_reach))


def crisis_table(period: DateRange) -> Table:
    episodes = _episodes(period)
    aggregates = {
        "episodes": Count("pk"),
        "acknowledged": Count("acknowledged_at"),
        "reached": Count("reached_at"),
        "closed": Count("closed_at"),
        **{
            f"outcome_{code}": Count("pk", filter=Q(outcome=code))
            for code in CrisisEpisode.Outcome.values
        },
    }
    if in_database():
        to_ack = ExpressionWrapper(F("acknowledged_at") - F("opened_at"), DurationField())
        to_reach = ExpressionWrapper(F("reached_at") - F("opened_at"), DurationField())
        aggregates |= percentile_aggregates("ack", to_ack)
        aggregates |= percentile_aggregates("reach", to_reach)
    found = episodes.aggregate(**aggregates)
    if in_database():
        found |= unpack(found, "ack") | unpack(found, "reach")
    if not in_database():
        acks, reaches = [], []
        for opened, acked, reached in episodes.values_list(
            "opened_at", "acknowledged_at", "reached_at"
        ):
            acks.append(acked - opened if acked else None)
            reaches.append(reached - opened if reached else None)
        found |= summarise(acks, "ack") | summarise(reaches, "reach")
    rows = (
        (
            "Alert to acknowledgement",
            found["acknowledged"],
            minutes(found["ack_p50"]),
            minutes(found["ack_p90"]),
        ),
        (
            "Alert to reach",
            found["reached"],
            minutes(found["reach_p50"]),
            minutes(found["reach_p90"]),
        ),
    )
    outcomes = ", ".join(
        f"{label.lower()}: {found[f'outcome_{code}']}"
        for code, label in CrisisEpisode.Outcome.choices
        if found[f"outcome_{code}"]
    )
    note = (
        f"{found['episodes']} episode{'s' if found['episodes'] != 1 else ''} opened; "
        f"{found['closed']} closed with an outcome" + (f" ({outcomes})" if outcomes else "") + "."
    )
    return Table(
        key="crisis",
        title="Crisis episodes",
        columns=(
            Column("From the alert", TEXT),
            Column("Episodes", COUNT),
            Column("Median (minutes)", MINUTES),
            Column("90th percentile (minutes)", MINUTES),
        ),
        rows=rows,
        chart=Chart(
            title="Crisis: minutes from alert",
            description="Median and 90th-percentile minutes from a crisis alert to a "
            "clinician's acknowledgement and to reaching the person.",
            series=("Median", "90th percentile"),
            categories=tuple((r[0], (r[2], r[3])) for r in rows),
            kind=MINUTES,
        ),
        note=note,
        empty=found["episodes"] == 0,
    )
