"""The referral queue: filters, counts per status, one page of rows, and the CSV export.

A page costs the same number of queries whatever the filters or page size: one for every
count at the top (per status, overdue, total — which also sizes the paginator, so there is
no separate COUNT) and one for the rows.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from screening.contact import phone_digits

from .. import pipeline
from ..models import AWAITING_VERIFICATION, Assessment, Referral, SeatOffer
from ..queue_order import queue_order

OPEN = "open"
ALL = "all"
NO_SOURCE = "none"
AWAITING = "awaiting"
"""Insurance filter: not started or in progress (the verification still to be done)."""
OVERDUE = "overdue"
ASSIGNED_TO_ME = "me"
UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class QueueFilters:
    status: str = OPEN  # "open", "all" or one status
    urgency: str = ""
    level: str = ""  # the level in effect: the override if there is one
    flag: str = ""
    assigned: str = ""  # "", "me" or "unassigned"
    overdue: bool = False
    submitted_from: date | None = None
    submitted_to: date | None = None
    source: str = ""  # a ReferralSource code, or NO_SOURCE
    insurance: str = ""  # an InsuranceStatus code, or AWAITING
    q: str = ""

    def active_names(self) -> list[str]:
        """Names (never values) of the filters in use — safe for the audit trail."""
        defaults = QueueFilters()
        return [
            name
            for name in self.__dataclass_fields__
            if getattr(self, name) != getattr(defaults, name)
        ]


def overdue_q(now: datetime) -> Q:
    """Open, never reached (attempts do not count), and past the first-contact deadline."""
    return Q(status__in=pipeline.OPEN, reached_at__isnull=True, due_at__lt=now)


def status_q(status: str) -> Q:
    if status == ALL:
        return Q()
    if status == OPEN:
        return Q(status__in=pipeline.OPEN)
    return Q(status=status)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


PHONE_LIKE = re.compile(r"[\d\s()+.\-]+")


def _search_q(text: str) -> Q:
    """Name, phone or email. A phone number may be typed any way; otherwise every word
    must match a name or the email."""
    if PHONE_LIKE.fullmatch(text):
        digits = phone_digits(text)  # as phone keys are stored
        return Q(phone_key__contains=digits) if len(digits) >= 3 else Q(pk__in=[])
    query = Q()
    for word in text.split()[:5]:
        query &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email_key__contains=word.lower())
        )
    return query


def filters_q(filters: QueueFilters, *, user, now: datetime) -> Q:
    """Every filter except status (the counts at the top are per status)."""
    query = Q()
    if filters.urgency:
        query &= Q(urgency=filters.urgency)
    if filters.level:
        query &= Q(override_level=filters.level) | Q(override_level="", level=filters.level)
    if filters.flag:
        query &= Q(flags_text__contains=f" {filters.flag} ")
    if filters.assigned == ASSIGNED_TO_ME:
        query &= Q(assigned_to=user)
    elif filters.assigned == UNASSIGNED:
        query &= Q(assigned_to__isnull=True)
    if filters.overdue:
        query &= overdue_q(now)
    if filters.submitted_from:
        query &= Q(created_at__gte=_day_start(filters.submitted_from))
    if filters.submitted_to:
        query &= Q(created_at__lt=_day_start(filters.submitted_to + timedelta(days=1)))
    if filters.source == NO_SOURCE:
        query &= Q(source="")
    elif filters.source:
        query &= Q(source=filters.source)
    if filters.insurance == AWAITING:
        query &= Q(insurance_status__in=AWAITING_VERIFICATION)
    elif filters.insurance:
        query &= Q(insurance_status=filters.insurance)
    if filters.q.strip():
        query &= _search_q(filters.q.strip())
    return query


COUNT_CAP = 10_000
"""Each status's count stops here: past it the queue says "more than 10,000" instead of
counting a million rows on every page view."""


class AtLeast(int):
    """A count that stopped at its cap: the true number is larger. Shown as such."""

    def __str__(self) -> str:
        return f"more than {int(self):,}"

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else format(int(self), spec)


def _capped(values: list[int]) -> int:
    total = sum(values)
    return AtLeast(total) if any(isinstance(v, AtLeast) for v in values) else total


def queue_counts(*, filters: QueueFilters, user, now: datetime) -> dict[str, int]:
    """Counts per status, ``open``, ``overdue`` and ``all`` for the filtered queue, in one
    statement: for each status (and the overdue), the rows matching the filters are counted
    up to COUNT_CAP + 1 (an index scan that stops there), UNION ALL. A count past the cap is
    an :class:`AtLeast`; a total with one in it is one too."""
    matching = Referral.objects.filter(filters_q(filters, user=user, now=now)).order_by()
    groups = [(status, matching.filter(status=status)) for status in Referral.Status.values]
    groups.append((OVERDUE, matching.filter(overdue_q(now))))
    parts, params = [], []
    for key, rows in groups:
        sql, row_params = rows.values("pk")[: COUNT_CAP + 1].query.sql_with_params()
        parts.append(f"SELECT %s, (SELECT COUNT(*) FROM ({sql}) capped)")  # noqa: S608
        params += [key, *row_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = cursor.fetchall()
    counts: dict[str, int] = {}
    for key, n in found:
        counts[key] = AtLeast(COUNT_CAP) if n > COUNT_CAP else n
    counts[ALL] = _capped([counts[value] for value in Referral.Status.values])
    counts[OPEN] = _capped([counts[value] for value in pipeline.OPEN])
    return counts


ROW_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "date_of_birth",
    "level",
    "override_level",
    "urgency",
    "crisis",
    "crisis_open",
    "flags",
    "safety_assessed_at",
    "possible_same_person",
    "status",
    "due_at",
    "first_attempt_at",
    "reached_at",
    "deadline_met",
    "attempt_count",
    "last_outcome",
    "callback_at",
    "next_action_at",
    "created_at",
    "state",
    "zip_code",
    "assigned_to__id",
    "assigned_to__username",
    "assigned_to__first_name",
    "assigned_to__last_name",
)


def row_prefetches() -> list[Prefetch]:
    """The held seats and the scheduled assessment each row shows: one query each."""
    return [
        Prefetch(
            "offers",
            queryset=SeatOffer.objects.filter(status=SeatOffer.Status.HELD)
            .select_related("program")
            .only("id", "referral_id", "expires_at", "status", "program__id", "program__name")
            .order_by("expires_at"),
            to_attr="held_offers",
        ),
        Prefetch(
            "assessments",
            queryset=Assessment.objects.filter(status=Assessment.Status.SCHEDULED).only(
                "id", "referral_id", "starts_at", "mode", "status"
            ),
            to_attr="scheduled_assessments",
        ),
    ]


def queue_rows(*, filters: QueueFilters, user, now: datetime) -> QuerySet:
    return (
        Referral.objects.filter(filters_q(filters, user=user, now=now), status_q(filters.status))
        .select_related("assigned_to")
        .only(*ROW_FIELDS)
        .prefetch_related(*row_prefetches())
        .order_by(*queue_order())
    )


class KnownCountPaginator(Paginator):
    """A paginator told its count (from the aggregate), so it never runs COUNT(*)."""

    def __init__(self, object_list, per_page, *, known_count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = known_count

    @cached_property
    def count(self) -> int:
        return self._known_count


@dataclass
class QueuePage:
    filters: QueueFilters
    counts: dict[str, int]
    page: object
    now: datetime
    rows: list = field(default_factory=list)
    shown_total: int | None = None

    @property
    def total(self) -> int:
        """The count to show: exact, or an :class:`AtLeast` past the cap."""
        return self.page.paginator.count if self.shown_total is None else self.shown_total


def referral_queue(
    *, filters: QueueFilters, user, page_number: object = 1, per_page: int = 25
) -> QueuePage:
    now = timezone.now()
    counts = queue_counts(filters=filters, user=user, now=now)
    total = counts[filters.status] if filters.status in counts else counts[ALL]
    # Past the cap the true total is unknown: let the paginator reach one page beyond the
    # lower bound (so no row of a full page is cut off; a page past the end is just short).
    known = int(total) + per_page if isinstance(total, AtLeast) else total
    paginator = KnownCountPaginator(
        queue_rows(filters=filters, user=user, now=now), per_page, known_count=known
    )
    page = paginator.get_page(page_number)
    return QueuePage(
        filters=filters, counts=counts, page=page, now=now, rows=list(page), shown_total=total
    )
