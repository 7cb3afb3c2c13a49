"""Median and 90th percentile in the database: ``percentile_cont`` on PostgreSQL (linear
interpolation between the two nearest values, nulls left out). Other databases (SQLite in
tests) have no such aggregate: there the caller's one fallback query fetches the raw
durations and ``percentile_cont`` below computes the same figure in Python."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import timedelta

from django.db import connection
from django.db.models import Aggregate, DurationField, ExpressionWrapper, F

FRACTIONS = (0.5, 0.9)


class PercentileCont(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def in_database() -> bool:
    return connection.vendor == "postgresql"


def elapsed(end: str, start: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


class PercentilesCont(Aggregate):
    """Every fraction of ``FRACTIONS`` from one sort: ``percentile_cont(ARRAY[...])``."""

    function = "percentile_cont"
    template = "%(function)s(ARRAY[%(fractions)s]) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, **extra):
        from django.contrib.postgres.fields import ArrayField

        fractions = ", ".join(repr(float(f)) for f in FRACTIONS)
        super().__init__(
            expression, fractions=fractions, output_field=ArrayField(DurationField()), **extra
        )


def percentile_aggregates(name: str, expression) -> dict[str, PercentilesCont]:
    """``{f"{name}_all": ...}`` for ``.aggregate()``/``.annotate()`` (PostgreSQL); ``unpack``
    turns the result into ``{f"{name}_p50": ..., f"{name}_p90": ...}``."""
    return {f"{name}_all": PercentilesCont(expression)}


def unpack(row: dict, name: str) -> dict[str, object]:
    values = row.pop(f"{name}_all", None) or [None] * len(FRACTIONS)
    return {f"{name}_p{round(f * 100)}": v for f, v in zip(FRACTIONS, values, strict=True)}


def percentile_cont(values: Iterable[float | timedelta | None], fraction: float):
    """PostgreSQL's ``percentile_cont`` in Python: nulls left out, ``None`` if nothing is
    left; between two values, linear interpolation."""
    items = sorted(v for v in values if v is not None)
    if not items:
        return None
    position = fraction * (len(items) - 1)
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return items[low]
    return items[low] + (items[high] - items[low]) * (position - low)


def summarise(values: list, name: str) -> dict[str, object]:
    return {f"{name}_p{round(f * 100)}": percentile_cont(values, f) for f in FRACTIONS}
