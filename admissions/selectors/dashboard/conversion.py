"""The funnel (screened, reached, assessed, admitted and the conversion between steps), and
the same funnel by referral source and by insurance status. Two queries."""

from ...models import InsuranceStatus
from ...source_labels import STAFF_SOURCE_LABELS, source_label
from .cohort import STEPS
from .tables import PERCENT, TEXT, Chart, Column, Table, ratio


def _grouped(groups: list[dict], by: str) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for row in groups:
        sums = found.setdefault(row[by], dict.fromkeys(STEPS, 0))
        for step in STEPS:
            sums[step] += row[step]
    return found


def funnel_table(by_source: dict[str, dict[str, int]]) -> Table:
    totals = {step: sum(group[step] for group in by_source.values()) for step in STEPS}
    rows = []
    previous = None
    for step in STEPS:
        rows.append(
            (
                step.capitalize(),
                totals[step],
                ratio(totals[step], totals[previous]) if previous else None,
                ratio(totals[step], totals["screened"]),
            )
        )
        previous = step
    return Table(
        key="funnel",
        title="Funnel",
        columns=(
            Column("Step", TEXT),
            Column("Referrals"),
            Column("Of the step before (%)", PERCENT),
            Column("Of screened (%)", PERCENT),
        ),
        rows=tuple(rows),
        chart=Chart(
            title="Funnel: referrals reaching each step",
            description="Referrals opened in the range that were screened, reached, "
            "assessed and admitted; each bar counts those who got at least that far.",
            series=("Referrals",),
            categories=tuple((row[0], (row[1],)) for row in rows),
        ),
        empty=totals["screened"] == 0,
    )


def _conversion_table(key, title, label_of, order, groups) -> Table:
    rows = []
    for code in order:
        group = groups.get(code)
        if group is None:
            continue
        rows.append(
            (
                label_of(code),
                group["screened"],
                group["reached"],
                group["assessed"],
                group["admitted"],
                ratio(group["reached"], group["screened"]),
                ratio(group["admitted"], group["screened"]),
            )
        )
    return Table(
        key=key,
        title=title,
        columns=(
            Column(title.split(" by ")[-1].capitalize(), TEXT),
            Column("Screened"),
            Column("Reached"),
            Column("Assessed"),
            Column("Admitted"),
            Column("Reached of screened (%)", PERCENT),
            Column("Admitted of screened (%)", PERCENT),
        ),
        rows=tuple(rows),
        chart=Chart(
            title=f"{title}: admitted of screened",
            description=f"Share of the referrals screened in the range that were admitted, "
            f"{title.split(' by ')[-1]} by {title.split(' by ')[-1]}.",
            series=("Admitted of screened",),
            categories=tuple((row[0], (row[6],)) for row in rows),
            kind=PERCENT,
        ),
        empty=not rows,
    )


def conversion_tables(groups: list[dict]) -> list[Table]:
    by_source = _grouped(groups, "source")
    by_insurance = _grouped(groups, "insurance_status")
    return [
        funnel_table(by_source),
        _conversion_table(
            "by_source",
            "Conversion by source",
            source_label,
            [*STAFF_SOURCE_LABELS, ""],
            by_source,
        ),
        _conversion_table(
            "by_insurance",
            "Conversion by insurance status",
            lambda code: InsuranceStatus(code).label,
            InsuranceStatus.values,
            by_insurance,
        ),
    ]
