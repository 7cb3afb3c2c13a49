"""Reading the audit trail for the administrators' browse page."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from .models import AuditEvent


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    number: int
    has_previous: bool
    has_next: bool


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_events_q(filters: AuditFilters) -> Q:
    query = Q()
    if filters.actor:
        query &= Q(actor_label__icontains=filters.actor)
    if filters.action:
        query &= Q(action=filters.action)
    if filters.object_type:
        query &= Q(object_type=filters.object_type)
    if filters.object_id:
        query &= Q(object_id=filters.object_id)
    if filters.date_from:
        query &= Q(created_at__gte=_start(filters.date_from))
    if filters.date_to:
        query &= Q(created_at__lt=_start(filters.date_to + timedelta(days=1)))
    return query


def audit_event_page(*, filters: AuditFilters, page: int = 1, per_page: int = 50) -> AuditPage:
    """Newest first. Fetches one row more than a page to know whether there is a next
    page, so the (large, append-only) table is never counted."""
    page = max(page, 1)
    offset = (page - 1) * per_page
    rows = list(
        AuditEvent.objects.filter(audit_events_q(filters))
        .select_related("actor")
        .order_by("-created_at", "-id")[offset : offset + per_page + 1]
    )
    return AuditPage(
        events=rows[:per_page],
        number=page,
        has_previous=page > 1,
        has_next=len(rows) > per_page,
    )
