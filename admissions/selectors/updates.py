"""What changed in the queue since a staff member last looked: for the count badge on every
staff page and the queue page that refreshes itself. One aggregate query; counts only, no
names, so the polled JSON carries no PHI."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Max, Q, Subquery
from django.utils import timezone

from .. import pipeline
from ..models import Referral
from .queue import overdue_q

SEEN_KEY = "queue_seen_referral_id"


def _version(latest_id: int | None, changed_at: datetime | None) -> str:
    """Changes whenever a referral is opened or changed (closing one changes it too)."""
    stamp = changed_at.timestamp() if changed_at else 0
    return f"{latest_id or 0}-{stamp}"


def queue_version() -> tuple[int, str]:
    """The newest referral id and the queue's version, for a queue page: two index reads in
    one statement (the newest id, the newest ``updated_at``), whatever the queue's size."""
    totals = Referral.objects.aggregate(latest_id=Max("pk"), changed_at=Max("updated_at"))
    return totals["latest_id"] or 0, _version(totals["latest_id"], totals["changed_at"])


def queue_updates(*, since_id: int, now: datetime | None = None) -> dict[str, object]:
    """New open referrals (and new crisis ones) with an id above ``since_id``, the open and
    overdue totals, and the version of ``queue_version``."""
    now = now or timezone.now()
    open_ = Q(status__in=pipeline.OPEN)
    new = open_ & Q(pk__gt=since_id)
    # Every count is about open referrals: read only those (an index scan of the open ones),
    # not every referral ever made; the latest id and change are one index read each.
    newest = Referral.objects.order_by("-pk").values("pk")[:1]
    changed = Referral.objects.order_by("-updated_at").values("updated_at")[:1]
    totals = Referral.objects.filter(open_).aggregate(
        latest_id=Max(Subquery(newest)),
        changed_at=Max(Subquery(changed)),
        new=Count("pk", filter=new),
        new_crisis=Count("pk", filter=new & Q(crisis=True)),
        open=Count("pk", filter=open_),
        overdue=Count("pk", filter=overdue_q(now)),
    )
    changed_at = totals.pop("changed_at")
    totals["latest_id"] = totals["latest_id"] or 0
    totals["version"] = _version(totals["latest_id"], changed_at)
    return totals
