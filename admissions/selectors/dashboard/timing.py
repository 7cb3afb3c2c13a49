"""Speed to contact, per urgency: median and 90th percentile of the time to first attempt
and to reach, beside the deadline now in force; deadline attainment per urgency and per
week. Two queries on PostgreSQL (plus the deadline policy), three elsewhere (the raw
durations for the percentiles)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, DateTimeField, F, Func, IntegerField, Q, Value
from django.db.models.functions import TruncWeek

from screening.choices import Urgency

from ...models import Referral
from ..deadlines import deadline_hours
from .percentiles import elapsed, in_database, percentile_aggregates, summarise, unpack
from .tables import HOURS, PERCENT, TEXT, Chart, Column, DateRange, Table, hours, ratio

MET = Q(reached_at__isnull=False, reached_at__lte=F("due_at"))


def _missed(now: datetime) -> Q:
    return Q(reached_at__gt=F("due_at")) | Q(reached_at__isnull=True, due_at__lt=now)


def _pending(now: datetime) -> Q:
    return Q(reached_at__isnull=True, due_at__gte=now)


def _in_range(period: DateRange):
    return Referral.objects.filter(created_at__gte=period.lower, created_at__lt=period.upper)


def _per_urgency(period: DateRange, now: datetime) -> dict[str, dict]:
    aggregates = {
        "referrals": Count("pk"),
        "attempted": Count("first_attempt_at"),
        "reached": Count("reached_at"),
        "met": Count("pk", filter=MET),
        "missed": Count("pk", filter=_missed(now)),
        "pending": Count("pk", filter=_pending(now)),
    }
    if in_database():
        aggregates |= percentile_aggregates("attempt", elapsed("first_attempt_at", "created_at"))
        aggregates |= percentile_aggregates("reach", elapsed("reached_at", "created_at"))
    rows = _in_range(period).order_by().values("urgency").annotate(**aggregates)
    found = {row["urgency"]: dict(row) for row in rows}
    if in_database():
        for row in found.values():
            row |= unpack(row, "attempt") | unpack(row, "reach")
    if not in_database():
        durations: dict[str, dict[str, list]] = defaultdict(lambda: {"attempt": [], "reach": []})
        for urgency, created, attempted, reached in _in_range(period).values_list(
            "urgency", "created_at", "first_attempt_at", "reached_at"
        ):
            durations[urgency]["attempt"].append(attempted - created if attempted else None)
            durations[urgency]["reach"].append(reached - created if reached else None)
        for urgency, row in found.items():
            for name in ("attempt", "reach"):
                row |= summarise(durations[urgency][name], name)
    return found


def _mondays(period: DateRange) -> list[date]:
    """The Monday starting each week that meets the range (clinic time)."""
    first = period.start - timedelta(days=period.start.weekday())
    return [first + timedelta(weeks=n) for n in range((period.end - first).days // 7 + 1)]


def _week_of(period: DateRange):
    """Each referral's week, as an expression to group by. On PostgreSQL the bucket number
    among the weeks' first moments (``width_bucket`` over a sorted array: a binary search
    per row, no time-zone conversion per row, which made the grouping twice as slow); the
    buckets are exactly the clinic-time weeks ``TruncWeek`` gives elsewhere."""
    if not in_database():
        return TruncWeek("created_at", tzinfo=period.zone)
    from django.contrib.postgres.fields import ArrayField

    starts = [datetime.combine(day, time.min, tzinfo=period.zone) for day in _mondays(period)]
    return Func(
        F("created_at"),
        Value(starts, output_field=ArrayField(DateTimeField())),
        function="width_bucket",
        output_field=IntegerField(),
    )


def _per_week(period: DateRange, now: datetime) -> dict:
    rows = (
        _in_range(period)
        .annotate(week=_week_of(period))
        .order_by()
        .values("week", "urgency")
        .annotate(met=Count("pk", filter=MET), missed=Count("pk", filter=_missed(now)))
    )
    mondays = _mondays(period)
    weeks: dict = defaultdict(dict)
    for row in rows:
        week = row["week"]
        if isinstance(week, int):
            key = mondays[week - 1]  # bucket n starts at the n-th Monday
        else:
            key = week.date() if hasattr(week, "date") else week
        weeks[key][row["urgency"]] = (row["met"], row["missed"])
    return dict(sorted(weeks.items()))


URGENCIES = tuple(reversed(Urgency.values))  # most urgent first, as the deadline page


def timing_tables(period: DateRange, now: datetime) -> list[Table]:
    policy = deadline_hours()
    found = _per_urgency(period, now)
    speed_rows, attainment_rows = [], []
    for urgency in URGENCIES:
        row = found.get(urgency)
        if row is None:
            continue
        label = Urgency(urgency).label
        speed_rows.append(
            (
                label,
                policy[urgency],
                row["attempted"],
                hours(row["attempt_p50"]),
                hours(row["attempt_p90"]),
                row["reached"],
                hours(row["reach_p50"]),
                hours(row["reach_p90"]),
            )
        )
        settled = row["met"] + row["missed"]
        attainment_rows.append(
            (
                label,
                row["referrals"],
                row["met"],
                row["missed"],
                row["pending"],
                ratio(row["met"], settled),
            )
        )
    speed = Table(
        key="speed",
        title="Time to first attempt and to reach",
        columns=(
            Column("Urgency", TEXT),
            Column("Deadline (hours)"),
            Column("Attempted"),
            Column("First attempt, median (hours)", HOURS),
            Column("First attempt, 90th percentile (hours)", HOURS),
            Column("Reached"),
            Column("Reach, median (hours)", HOURS),
            Column("Reach, 90th percentile (hours)", HOURS),
        ),
        rows=tuple(speed_rows),
        chart=Chart(
            title="Time to reach, by urgency",
            description="Median and 90th-percentile hours from submission to reaching the "
            "person, per urgency; the line in each group is the first-contact deadline.",
            series=("Median", "90th percentile"),
            categories=tuple((r[0], (r[6], r[7])) for r in speed_rows),
            kind=HOURS,
            marker_label="Deadline",
            markers=tuple(float(r[1]) for r in speed_rows),
        ),
        empty=not speed_rows,
    )
    attainment = Table(
        key="deadlines",
        title="Deadline attainment by urgency",
        columns=(
            Column("Urgency", TEXT),
            Column("Referrals"),
            Column("Reached in time"),
            Column("Missed"),
            Column("Not yet due"),
            Column("Attainment (%)", PERCENT),
        ),
        rows=tuple(attainment_rows),
        chart=Chart(
            title="Deadline attainment, by urgency",
            description="Share of referrals whose deadline has been settled (reached, or "
            "past due) that were reached in time.",
            series=("Attainment",),
            categories=tuple((r[0], (r[5],)) for r in attainment_rows),
            kind=PERCENT,
        ),
        empty=not attainment_rows,
    )
    return [speed, attainment, _weekly_table(period, now)]


def _weekly_table(period: DateRange, now: datetime) -> Table:
    rows = []
    for week, by_urgency in _per_week(period, now).items():
        met = sum(m for m, _ in by_urgency.values())
        missed = sum(x for _, x in by_urgency.values())
        per = [
            ratio(by_urgency[u][0], sum(by_urgency[u])) if u in by_urgency else None
            for u in URGENCIES
        ]
        rows.append(
            (f"{week:%b} {week.day}, {week.year}", met, missed, ratio(met, met + missed), *per)
        )
    return Table(
        key="weekly",
        title="Deadline attainment by week",
        columns=(
            Column("Week of (Monday)", TEXT),
            Column("Reached in time"),
            Column("Missed"),
            Column("Attainment (%)", PERCENT),
            *(Column(f"{Urgency(u).label} (%)", PERCENT) for u in URGENCIES),
        ),
        rows=tuple(rows),
        chart=Chart(
            title="Deadline attainment, by week",
            description="Per week of submission (weeks start on Monday, clinic time), the "
            "share of settled deadlines that were met.",
            series=("Attainment",),
            categories=tuple((r[0], (r[3],)) for r in rows),
            kind=PERCENT,
        ),
        empty=not rows,
    )
