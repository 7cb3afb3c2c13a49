"""“My day”: the signed-in person's open referrals that need them today — first contact due
(or overdue) and nobody reached yet, or a callback, assessment or held seat's expiry before
the end of the day — in the queue's own order, with the reason each is on the list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from .. import pipeline
from ..models import Referral
from .queue import ROW_FIELDS, attach_row_extras, compiled_queue_order

LIMIT = 200


@dataclass
class MyDay:
    now: datetime
    ends_at: datetime
    rows: list = field(default_factory=list)


def end_of_today(now: datetime) -> datetime:
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def my_day(*, user, now: datetime | None = None) -> MyDay:
    now = now or timezone.now()
    ends_at = end_of_today(now)
    due = Q(reached_at__isnull=True, due_at__lt=ends_at) | Q(next_action_at__lt=ends_at)
    rows = (
        Referral.objects.filter(due, assigned_to=user, status__in=pipeline.OPEN)
        .select_related("assigned_to")
        .only(*ROW_FIELDS)
        .order_by(*compiled_queue_order())[:LIMIT]
    )
    return MyDay(now=now, ends_at=ends_at, rows=attach_row_extras(list(rows)))
