"""Claiming due follow-ups for a send: pending and due -> sending, a batch at a time.

On PostgreSQL one statement claims the batch: an ``UPDATE … RETURNING`` over a
``SELECT … FOR UPDATE SKIP LOCKED`` subquery, crisis alerts first, then oldest due. Two
workers claiming at once lock disjoint rows (a row another transaction holds is skipped, a
row that stopped being pending is re-checked and left out), so a row is claimed by one
worker only. Elsewhere (SQLite in tests and ``make run``) each candidate is claimed by its
own conditional ``UPDATE`` inside one transaction: slower, and just as exclusive."""

from datetime import datetime

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from ..models import FollowUp

CRISIS_KINDS = (FollowUp.Kind.CRISIS_ALERT, FollowUp.Kind.CRISIS_ESCALATION)


def claim_order(followup: FollowUp) -> tuple:
    """The order a batch is claimed and sent in: crisis alerts, then oldest due."""
    return (followup.kind not in CRISIS_KINDS, followup.scheduled_for, followup.pk)


def _due(now: datetime, ids: list[int] | None) -> QuerySet:
    due = FollowUp.objects.filter(status=FollowUp.Status.PENDING, scheduled_for__lte=now)
    return due.filter(pk__in=ids) if ids is not None else due


def _claim_postgresql(now: datetime, limit: int, ids: list[int] | None) -> list[int]:
    table = connection.ops.quote_name(FollowUp._meta.db_table)
    only = "AND id = ANY(%s)" if ids is not None else ""
    sql = f"""
        UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM {table}
            WHERE status = %s AND scheduled_for <= %s {only}
            ORDER BY CASE WHEN kind IN (%s, %s) THEN 0 ELSE 1 END, scheduled_for, id
            LIMIT %s
            FOR UPDATE SKIP LOCKED
        )
        RETURNING id
    """  # noqa: S608 (the table name is ours, every value a parameter)
    params: list = [FollowUp.Status.SENDING, now, FollowUp.Status.PENDING, now]
    if ids is not None:
        params.append(list(ids))
    params += [*CRISIS_KINDS, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _claim_row_by_row(now: datetime, limit: int, ids: list[int] | None) -> list[int]:
    crisis_first = Case(
        When(kind__in=CRISIS_KINDS, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    claimed = []
    with transaction.atomic():
        candidates = (
            _due(now, ids)
            .annotate(crisis_first=crisis_first)
            .order_by("crisis_first", "scheduled_for", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        for pk in list(candidates):
            taken = _due(now, None).filter(pk=pk)
            if taken.update(
                status=FollowUp.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
            ):
                claimed.append(pk)
    return claimed


def followups_claim(*, now: datetime, limit: int, ids: list[int] | None = None) -> list[int]:
    """Claim up to ``limit`` due pending rows (only among ``ids`` when given); their ids.
    Autocommitted: the claim must be visible (and survive a worker that dies) before any
    message goes out."""
    if limit <= 0 or ids == []:
        return []
    if connection.vendor == "postgresql":
        return _claim_postgresql(now, limit, ids)
    return _claim_row_by_row(now, limit, ids)
