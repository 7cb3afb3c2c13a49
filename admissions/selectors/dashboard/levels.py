"""Level of care as recommended and as in effect after overrides, and overrides per
clinician with their direction. Two queries."""

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.lookups import GreaterThan, LessThan

from screening.choices import LEVEL_ORDER, Level

from ...models import Override
from .tables import PERCENT, TEXT, Chart, Column, DateRange, Table, ratio


def _rank(field: str) -> Case:
    return Case(
        *(When(**{field: level}, then=Value(rank)) for level, rank in LEVEL_ORDER.items()),
        output_field=IntegerField(),
    )


def _staff_name(row: dict) -> str:
    name = f"{row['clinician__first_name']} {row['clinician__last_name']}".strip()
    return name or row["clinician__username"]


def level_tables(period: DateRange, groups: list[dict]) -> list[Table]:
    mix = [{**row, "n": row["screened"]} for row in groups]
    recommended: dict[str, int] = {}
    in_effect: dict[str, int] = {}
    overridden = scored = 0
    for row in mix:
        if not row["level"]:
            continue  # opened at the crisis moment, before any recommendation
        scored += row["n"]
        recommended[row["level"]] = recommended.get(row["level"], 0) + row["n"]
        effective = row["override_level"] or row["level"]
        in_effect[effective] = in_effect.get(effective, 0) + row["n"]
        if row["override_level"]:
            overridden += row["n"]
    mix_rows = tuple(
        (
            label,
            recommended.get(level, 0),
            ratio(recommended.get(level, 0), scored),
            in_effect.get(level, 0),
            ratio(in_effect.get(level, 0), scored),
        )
        for level, label in Level.choices
    )
    mix_table = Table(
        key="levels",
        title="Level of care mix",
        columns=(
            Column("Level", TEXT),
            Column("Recommended"),
            Column("Recommended (%)", PERCENT),
            Column("In effect"),
            Column("In effect (%)", PERCENT),
        ),
        rows=mix_rows,
        chart=Chart(
            title="Level of care: recommended and in effect",
            description="Referrals per level as the rule set recommended and as in effect "
            "after clinicians' overrides.",
            series=("Recommended", "In effect"),
            categories=tuple((r[0], (r[1], r[3])) for r in mix_rows),
        ),
        note=f"Override rate: {overridden:,} of {scored:,} referrals with a recommendation"
        + (f" ({ratio(overridden, scored):.1f}%)." if scored else "."),
        empty=scored == 0,
    )
    per_clinician = (
        Override.objects.filter(
            referral__created_at__gte=period.lower,
            referral__created_at__lt=period.upper,
            superseded_by__isnull=True,
        )
        .order_by()
        .values("clinician", "clinician__first_name", "clinician__last_name", "clinician__username")
        .annotate(
            overrides=Count("pk"),
            up=Count("pk", filter=Q(GreaterThan(_rank("level"), _rank("recommendation__level")))),
            down=Count("pk", filter=Q(LessThan(_rank("level"), _rank("recommendation__level")))),
        )
    )
    clinician_rows = sorted(
        (
            (
                _staff_name(row),
                row["overrides"],
                ratio(row["overrides"], scored),
                row["up"],
                row["down"],
                row["overrides"] - row["up"] - row["down"],
            )
            for row in per_clinician
        ),
        key=lambda r: (-r[1], r[0]),
    )
    clinicians = Table(
        key="overrides",
        title="Overrides per clinician",
        columns=(
            Column("Clinician", TEXT),
            Column("Overrides"),
            Column("Of referrals with a recommendation (%)", PERCENT),
            Column("To a more intensive level"),
            Column("To a less intensive level"),
            Column("To the same level"),
        ),
        rows=tuple(clinician_rows),
        chart=Chart(
            title="Overrides per clinician, by direction",
            description="Overrides in effect on referrals opened in the range, per "
            "clinician: up to a more intensive level, down to a less intensive one.",
            series=("More intensive", "Less intensive"),
            categories=tuple((r[0], (r[3], r[4])) for r in clinician_rows),
        ),
        empty=not clinician_rows,
    )
    return [mix_table, clinicians]
