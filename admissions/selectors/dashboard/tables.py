"""What every dashboard figure is handed to the page as: a table (the numbers, also its CSV)
and the chart drawn from it. Plain values; the page and the CSV format them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

TEXT, COUNT, PERCENT, HOURS, MINUTES = "text", "count", "percent", "hours", "minutes"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = COUNT


@dataclass(frozen=True)
class Chart:
    """Horizontal bars: one group per category, one bar per series; ``markers`` (one value
    per category, or none) are drawn as a line across the group (a deadline)."""

    title: str
    description: str
    series: tuple[str, ...]
    categories: tuple[tuple[str, tuple[float | None, ...]], ...]
    kind: str = COUNT
    marker_label: str = ""
    markers: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class Table:
    key: str  # the CSV's name: /staff/dashboard/<key>.csv
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    chart: Chart | None = None
    note: str = ""
    empty: bool = field(default=False)


@dataclass(frozen=True)
class DateRange:
    """Whole days in the clinic's time zone, both ends included."""

    start: date
    end: date

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(settings.TIME_ZONE)

    @property
    def lower(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=self.zone)

    @property
    def upper(self) -> datetime:
        """The first moment after the range (midnight after ``end``)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=self.zone)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def ratio(part: int | float | None, whole: int | float | None) -> float | None:
    """``part / whole`` as a percentage; ``None`` (shown as "—") when there is no whole."""
    if part is None or not whole:
        return None
    return 100.0 * part / whole


def hours(value: timedelta | float | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, timedelta):
        return value.total_seconds() / 3600
    return float(value) / 3600  # seconds


def minutes(value: timedelta | float | None) -> float | None:
    h = hours(value)
    return None if h is None else h * 60
