"""Reads whose SQL does not change, compiled from the ORM once per process and run on a cursor.

Some small reads run on every request (the session, the signed-in person) or on every staff
page (the people to assign to, the open crisis episodes, the seats and assessments of a page
of rows), and Django building their SQL cost more than the database running it.
``compiled(build, *stand_ins)`` keeps the ORM query as the one definition: ``build()`` is
compiled on first use (per database vendor) with stand-in values, and ``fetch(statement,
*values)`` runs that SQL with the real values in their places. Rows come back as
``values_list`` would give them: through the same converters (SQLite's timestamps made aware,
its integers made booleans).

A stand-in must reach the SQL as a parameter of its own: an exact match (``field=stand_in``),
not a pattern (``contains``). A datetime, date or UUID stand-in is compared, and its value put
in, as the database adapts it. ``fetch_instances`` gives model instances, as a queryset
does. ``fetch_in`` runs a statement built with ``field__in=[IN_STAND_IN]`` for a list of ids:
the one ``IN (%s)`` becomes one placeholder per id.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from uuid import UUID

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

IN_STAND_IN = -424243
"""The one id a ``fetch_in`` statement is built with (no row has a negative id)."""
IN_MARK = "IN (%s)"


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple
    slots: tuple[tuple[tuple[int, ...], Callable], ...]
    """Per stand-in: the parameter positions it fills, and how its value is adapted."""
    converters: tuple
    """(column, converter functions, expression) for the columns that need converting."""


Statement = Callable[[], Compiled]


def _adapter(value) -> Callable:
    ops = connection.ops
    if isinstance(value, datetime):
        return ops.adapt_datetimefield_value
    if isinstance(value, date):
        return ops.adapt_datefield_value
    if isinstance(value, UUID) and not connection.features.has_native_uuid_field:
        return lambda v: UUID(str(v)).hex  # as UUIDField stores it
    return lambda v: v


def compiled(build: Callable[[], QuerySet], *stand_ins) -> Statement:
    """``build()``'s SQL, parameters and converters, compiled once per database vendor;
    ``stand_ins`` are the values in it that ``fetch`` replaces, in this order."""

    @cache
    def for_vendor(vendor: str) -> Compiled:
        compiler = build().query.get_compiler(DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        params = tuple(params)
        slots = []
        for stand_in in stand_ins:
            adapt = _adapter(stand_in)
            prepared = adapt(stand_in)
            where = tuple(
                i for i, p in enumerate(params) if type(p) is type(prepared) and p == prepared
            )
            if not where:
                raise ValueError(f"stand-in {stand_in!r} is not a parameter of its own")
            slots.append((where, adapt))
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in compiler.get_converters(fields).items()
        )
        return Compiled(sql, params, tuple(slots), converters)

    def statement() -> Compiled:
        return for_vendor(connection.vendor)

    return statement


def _params(statement: Compiled, values: Sequence) -> list:
    if len(values) != len(statement.slots):
        raise TypeError(f"{len(statement.slots)} values expected, {len(values)} given")
    params = list(statement.params)
    for (where, adapt), value in zip(statement.slots, values, strict=True):
        adapted = adapt(value)
        for position in where:
            params[position] = adapted
    return params


def _converted(statement: Compiled, rows: list) -> list[tuple]:
    if not statement.converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for position, functions, expression in statement.converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        converted.append(tuple(row))
    return converted


def fetch(statement: Statement, *values) -> list[tuple]:
    """The rows of ``statement`` with ``values`` in the places of its stand-ins."""
    found = statement()
    with connection.cursor() as cursor:
        cursor.execute(found.sql, _params(found, values))
        return _converted(found, cursor.fetchall())


def fetch_instances(statement: Statement, model: type[Model], *values) -> list[Model]:
    """``fetch``'s rows as ``model`` instances, as a queryset loads them. The statement
    selects the model's every concrete field, in order (a plain ``model.objects.filter``)."""
    names = [field.attname for field in model._meta.concrete_fields]
    rows = fetch(statement, *values)
    if rows and len(rows[0]) != len(names):
        raise ValueError(f"the statement does not select every field of {model.__name__}")
    return [model.from_db(DEFAULT_DB_ALIAS, names, row) for row in rows]


def fetch_in(statement: Statement, ids: Sequence[int]) -> list[tuple]:
    """The rows for ``ids`` (none read when there are none). The statement was built with
    ``__in=[IN_STAND_IN]``, which it must hold exactly once."""
    if not ids:
        return []
    found = statement()
    sql, params = found.sql, found.params
    if found.slots or sql.count(IN_MARK) != 1 or params.count(IN_STAND_IN) != 1:
        raise ValueError("a fetch_in statement has exactly one IN list, of IN_STAND_IN")
    at = params.index(IN_STAND_IN)
    if sql[: sql.index(IN_MARK)].count("%s") != at:
        raise ValueError("the IN list's placeholder is not its stand-in's")
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            sql.replace(IN_MARK, f"IN ({marks})"), [*params[:at], *ids, *params[at + 1 :]]
        )
        return _converted(found, cursor.fetchall())


def aware(stamp) -> datetime | None:
    """A timestamp from a plain cursor: a datetime on PostgreSQL; naive UTC, or text, on
    SQLite."""
    if isinstance(stamp, str):
        stamp = parse_datetime(stamp)
    if stamp is not None and timezone.is_naive(stamp):
        stamp = timezone.make_aware(stamp, UTC)
    return stamp
