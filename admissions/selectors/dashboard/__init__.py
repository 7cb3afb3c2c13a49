"""The intake metrics dashboard (``/staff/dashboard/``): every figure for one date range,
each as a table with its chart. A fixed number of queries, whatever the data: every figure
is an aggregate in the database (see docs/dashboard.md for what each one counts)."""

from datetime import datetime

from .cohort import cohort_groups
from .conversion import conversion_tables
from .crisis import crisis_table
from .levels import level_tables
from .tables import DateRange, Table
from .timing import timing_tables
from .waitlists import waitlist_table


def dashboard_tables(period: DateRange, *, now: datetime) -> list[Table]:
    """Every table, in page order."""
    groups = cohort_groups(period)
    funnel, by_source, by_insurance = conversion_tables(groups)
    return [
        funnel,
        *timing_tables(period, now),
        crisis_table(period),
        *level_tables(period, groups),
        by_source,
        by_insurance,
        waitlist_table(period),
    ]


TABLE_KEYS = (
    "funnel",
    "speed",
    "deadlines",
    "weekly",
    "crisis",
    "levels",
    "overrides",
    "by_source",
    "by_insurance",
    "waitlists",
)

__all__ = ["TABLE_KEYS", "DateRange", "Table", "dashboard_tables"]
