"""Several new rows written by one statement: ``insert_together``.

Each INSERT through the ORM is its own round trip, and Django builds its SQL anew every time.
On PostgreSQL ``insert_together`` writes rows of several tables in one statement (one
data-modifying ``WITH`` clause per row), from SQL built once per table and column list.
Elsewhere (SQLite) each row is saved as usual, one INSERT each.

What a row holds must be final when it is passed: a foreign key names a row that exists or
is in the same call (PostgreSQL checks Django's foreign keys at commit, so the order inside
the statement does not matter), and a primary key allocated beforehand
(``next_id_sql``) is used as given. Rows are written without calling ``save()`` and without
``pre_save``/``post_save`` signals; a model that has receivers for them is saved as usual
instead, so nothing listening is skipped. Only for plain inserts: ``auto_now_add`` and
``auto_now`` fields are filled, as ``save()`` fills them.
"""

from collections.abc import Sequence
from functools import cache
from itertools import groupby

from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import UpdateQuery


def next_id_sql(model: type[Model]) -> str:
    """A PostgreSQL expression that allocates the next primary key of ``model``'s table,
    to put in a statement the caller runs anyway."""
    table, column = model._meta.db_table, model._meta.pk.column
    return f"nextval(pg_get_serial_sequence('{table}', '{column}'))"


@cache
def _fields(model: type[Model], with_pk: bool) -> tuple:
    meta = model._meta
    return tuple(
        field
        for field in meta.local_concrete_fields
        if not getattr(field, "generated", False) and (with_pk or field is not meta.auto_field)
    )


@cache
def _row_sql(model: type[Model], with_pk: bool) -> str:
    quote = connection.ops.quote_name
    fields = _fields(model, with_pk)
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(["%s"] * len(fields))
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    # Names from the model's own metadata; every value is a parameter.
    return f"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING {pk}"  # noqa: S608


@cache
def _select_row_sql(model: type[Model], with_pk: bool) -> str:
    """``_row_sql`` as an ``INSERT … SELECT`` that yields the row only when the statement's
    ``"updated"`` clause returned one. A value in a SELECT list has no column to take its
    type from, so each is cast to its column's type."""
    quote = connection.ops.quote_name
    fields = _fields(model, with_pk)
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(f"%s::{field.cast_db_type(connection)}" for field in fields)
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    return (
        f"INSERT INTO {table} ({columns}) SELECT {values} "  # noqa: S608 - names from metadata
        f'WHERE EXISTS (SELECT 1 FROM "updated") RETURNING {pk}'
    )


def _plain(obj: Model) -> bool:
    """Whether ``obj`` can be written by SQL alone: no signal receivers, one returned column
    (the primary key), no field with a placeholder of its own."""
    model = type(obj)
    meta = model._meta
    return (
        not pre_save.has_listeners(model)
        and not post_save.has_listeners(model)
        and list(meta.db_returning_fields) == [meta.pk]
        and not any(hasattr(field, "get_placeholder") for field in meta.local_concrete_fields)
    )


def _values(obj: Model, with_pk: bool) -> list:
    return [
        field.get_db_prep_save(field.pre_save(obj, True), connection)
        for field in _fields(type(obj), with_pk)
    ]


def insert_together(objs: Sequence[Model]) -> None:
    """INSERT every new object in ``objs`` and set its primary key; on PostgreSQL in one
    statement. See the module's docstring for what the rows must hold."""
    if not objs:
        return
    if connection.vendor != "postgresql" or not all(_plain(obj) for obj in objs):
        _insert_by_table(objs)
        return
    clauses, params = [], []
    for index, obj in enumerate(objs):
        with_pk = obj.pk is not None
        clauses.append(f'"row{index}" AS ({_row_sql(type(obj), with_pk)})')
        params.extend(_values(obj, with_pk))
    returned = ", ".join(f'(SELECT * FROM "row{index}")' for index in range(len(objs)))  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(clauses)} SELECT {returned}", params)
        ids = cursor.fetchone()
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def insert_if_updated(rows: QuerySet, changes: dict, obj: Model) -> bool:
    """``rows.update(**changes)`` and, only when it changed a row, INSERT the new ``obj``
    (its primary key set): on PostgreSQL one statement (a data-modifying ``WITH``), the
    UPDATE as Django writes it. Returns whether a row was updated (nothing is inserted when
    none was). For a claim: the row that decides, and the row it lets in."""
    if connection.vendor != "postgresql" or not _plain(obj):
        if not rows.update(**changes):
            return False
        insert_together([obj])
        return True
    query = rows.query.chain(UpdateQuery)
    query.add_update_values(changes)
    query.annotations = {}
    update_sql, update_params = query.get_compiler(rows.db).as_sql()
    with_pk = obj.pk is not None
    sql = f'WITH "updated" AS ({update_sql} RETURNING 1) {_select_row_sql(type(obj), with_pk)}'
    with transaction.mark_for_rollback_on_error(using=rows.db), connection.cursor() as cursor:
        cursor.execute(sql, [*update_params, *_values(obj, with_pk)])
        row = cursor.fetchone()
    if row is None:
        return False
    obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = connection.alias
    return True


def _insert_by_table(objs: Sequence[Model]) -> None:
    """Elsewhere: each run of plain rows of one table by one ``bulk_create``, any other row
    by its own ``save()`` (so its signals are sent), in the order given."""
    for (model, plain), run in groupby(objs, key=lambda obj: (type(obj), _plain(obj))):
        rows = list(run)
        if plain and len(rows) > 1:
            model._default_manager.bulk_create(rows)
        else:
            for obj in rows:
                obj.save(force_insert=True)
