"""What changed in the queue since a staff member last looked: for the count badge on every
staff page and the queue page that refreshes itself. Every staff browser asks every 15
seconds, so it is one statement of index reads whatever the queue's size: the newest id, the
newest change, and the open referrals that arrived since (counted up to NEW_CAP). Counts
only, no names, so the polled JSON carries no PHI."""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.db.models import Q

from core.compiled import aware

from .. import pipeline
from ..models import Referral
from .queue import capped_count_sql, version_sql

SEEN_KEY = "queue_seen_referral_id"
NEW_CAP = 999
"""The badge counts new referrals up to here ("999+" past it)."""


def queue_version_stamp(latest_id: int | None, changed_at: datetime | None) -> str:
    """Changes whenever a referral is opened or changed (closing one changes it too)."""
    stamp = changed_at.timestamp() if changed_at else 0
    return f"{latest_id or 0}-{stamp}"


def queue_updates(*, since_id: int) -> dict[str, object]:
    """New open referrals (and new crisis ones) with an id above ``since_id``, each counted
    up to NEW_CAP (``new_capped`` says a count stopped there), and the queue's version, the
    same as a queue page's."""
    new = Referral.objects.filter(Q(status__in=pipeline.OPEN), pk__gt=since_id)
    version, version_params = version_sql()
    new_sql, new_params = capped_count_sql(new, NEW_CAP)
    crisis_sql, crisis_params = capped_count_sql(new.filter(crisis=True), NEW_CAP)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{version}, {new_sql}, {crisis_sql}",
            [*version_params, *new_params, *crisis_params],
        )
        _, latest_id, changed_at, new_count, crisis_count = cursor.fetchone()
    return {
        "latest_id": latest_id or 0,
        "version": queue_version_stamp(latest_id, aware(changed_at)),
        "new": min(new_count, NEW_CAP),
        "new_crisis": min(crisis_count, NEW_CAP),
        "new_capped": new_count > NEW_CAP,
    }
