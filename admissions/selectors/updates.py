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


def queue_updates(*, since_id: int, now: datetime | None = None) -> dict[str, object]:
    """New open referrals (and new crisis ones) with an id above ``since_id``, the open and
    overdue totals, and a version that changes whenever an open referral changes."""
    now = now or timezone.now()
    open_ = Q(status__in=pipeline.OPEN)
    new = open_ & Q(pk__gt=since_id)
    # Every figure but the latest id is about open referrals: read only those (an index
    # scan of the open ones), not every referral ever made; the latest id is one index read.
    # With no open referral at all there is nothing new, and the latest id is left at 0.
    newest = Referral.objects.order_by("-pk").values("pk")[:1]
    totals = Referral.objects.filter(open_).aggregate(
        latest_id=Max(Subquery(newest)),
        new=Count("pk", filter=new),
        new_crisis=Count("pk", filter=new & Q(crisis=True)),
        open=Count("pk", filter=open_),
        overdue=Count("pk", filter=overdue_q(now)),
        changed_at=Max("updated_at", filter=open_),
    )
    changed_at = totals.pop("changed_at")
    totals["latest_id"] = totals["latest_id"] or 0
    stamp = changed_at.timestamp() if changed_at else 0
    totals["version"] = f"{totals['latest_id']}-{totals['open']}-{stamp}"
    return totals
