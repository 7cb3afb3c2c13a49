"""The referral queue: filters, counts per status, one page of rows, and the CSV export.

A page costs the same number of queries whatever the filters or page size: one for every
count at the top (per status, overdue, total — which also sizes the paginator, so there is
no separate COUNT) and one for the rows.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache, cached_property

from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import (
    Case,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.lookups import Exact
from django.utils import timezone

from core.compiled import IN_STAND_IN, aware, compiled, fetch_in
from screening.contact import phone_digits

from .. import pipeline
from ..level_in_effect import level_in_effect
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
        query &= Q(Exact(level_in_effect(), filters.level))  # an index look-up
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
"""Each status's count stops here: past it the queue says "10,000+" instead of counting a
million rows on every page view."""
MATCH_CAP = 50_000
"""A filtered queue counts its matching rows in one pass that stops here; past it every
count is shown as at least what the pass found."""


VERSION_KEY = "_version"


class AtLeast(int):
    """A count that stopped early: the true number is this or more. Shown as "N+"."""

    def __str__(self) -> str:
        return f"{int(self):,}+"

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else format(int(self), spec)


def _capped(values: list[int]) -> int:
    total = sum(values)
    return AtLeast(total) if any(isinstance(v, AtLeast) for v in values) else total


@dataclass(frozen=True)
class QueueCounts:
    counts: dict[str, int]
    latest_id: int
    """The newest referral's id and when any referral last changed: the queue's version."""
    changed_at: datetime | None


def _sql(rows: QuerySet) -> tuple[str, list]:
    sql, params = rows.query.sql_with_params()
    return sql, list(params)


@cache
def version_sql() -> tuple[str, tuple]:
    """``SELECT '_version', newest id, newest updated_at``: one index read each, the parts
    of the queue's version (``updates.queue_version_stamp``)."""
    newest, p1 = _sql(Referral.objects.order_by("-pk").values("pk")[:1])
    changed, p2 = _sql(Referral.objects.order_by("-updated_at").values("updated_at")[:1])
    return f"SELECT %s, ({newest}), ({changed})", (VERSION_KEY, *p1, *p2)


def capped_count_sql(rows: QuerySet, cap: int) -> tuple[str, list]:
    """``(SELECT COUNT(*) ...)`` of ``rows`` that stops at ``cap + 1``: an index scan that
    ends there instead of counting every row."""
    sql, params = _sql(rows.order_by().values("pk")[: cap + 1])
    return f"(SELECT COUNT(*) FROM ({sql}) capped)", params  # noqa: S608


@cache
def _status_parts(cap: int) -> tuple[tuple[str, ...], tuple]:
    """Each status counted up to ``cap + 1``: the same SQL on every page view, so it is
    built once per process (a millisecond of query compiling saved on every view)."""
    parts, params = [], []
    for status in Referral.Status.values:
        sql, row_params = capped_count_sql(Referral.objects.filter(status=status), cap)
        parts.append(f"SELECT %s, {sql}, NULL")
        params += [status, *row_params]
    return tuple(parts), tuple(params)


def _per_status_parts(now: datetime) -> tuple[str, list, list[str], list]:
    """The whole queue: each status (and the overdue) counted up to COUNT_CAP + 1 by an
    index scan that stops there."""
    parts, params = _status_parts(COUNT_CAP)
    overdue, overdue_params = capped_count_sql(Referral.objects.filter(overdue_q(now)), COUNT_CAP)
    return "", [], [*parts, f"SELECT %s, {overdue}, NULL"], [*params, OVERDUE, *overdue_params]


def _one_pass_parts(query: Q, now: datetime) -> tuple[str, list, list[str], list]:
    """A filtered queue: the matching rows are read once (by whichever index serves the
    filters best), at most MATCH_CAP + 1 of them, and counted per status and overdue."""
    matching = (
        Referral.objects.filter(query)
        .order_by()
        .annotate(late=Case(When(overdue_q(now), then=Value(1)), default=Value(0)))
        .values("status", "late")[: MATCH_CAP + 1]
    )
    sql, params = _sql(matching)
    parts = [
        "SELECT m.status, COUNT(*), NULL FROM m GROUP BY m.status",
        "SELECT %s, SUM(m.late), NULL FROM m",
    ]
    return f"WITH m AS ({sql}) ", params, parts, [OVERDUE]


def queue_counts(*, filters: QueueFilters, user, now: datetime) -> QueueCounts:
    """Counts per status, ``open``, ``overdue`` and ``all`` for the filtered queue, and the
    queue's version, in one statement. A count that stopped early is an :class:`AtLeast`; a
    total with one in it is one too."""
    query = filters_q(filters, user=user, now=now)
    prefix, prefix_params, parts, params = (
        _one_pass_parts(query, now) if query else _per_status_parts(now)
    )
    version, version_params = version_sql()
    # The version row goes first: its timestamp column gives the NULLs below it their type.
    sql = prefix + " UNION ALL ".join([version, *parts])
    with connection.cursor() as cursor:
        cursor.execute(sql, [*prefix_params, *version_params, *params])
        found = cursor.fetchall()
    counts = dict.fromkeys([*Referral.Status.values, OVERDUE], 0)
    latest_id, changed_at = 0, None
    for key, n, stamp in found:
        if key == VERSION_KEY:
            latest_id, changed_at = n or 0, aware(stamp)
        else:
            counts[key] = int(n or 0)
    if not query:
        counts = {key: AtLeast(COUNT_CAP) if n > COUNT_CAP else n for key, n in counts.items()}
    elif sum(counts[value] for value in Referral.Status.values) > MATCH_CAP:
        counts = {key: AtLeast(n) for key, n in counts.items()}
    counts[ALL] = _capped([counts[value] for value in Referral.Status.values])
    counts[OPEN] = _capped([counts[value] for value in pipeline.OPEN])
    return QueueCounts(counts=counts, latest_id=latest_id, changed_at=changed_at)


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


@dataclass(frozen=True)
class HeldSeat:
    program_name: str
    expires_at: datetime | None


@dataclass(frozen=True)
class ScheduledAssessment:
    starts_at: datetime | None


_held_seats = compiled(
    lambda: (
        SeatOffer.objects.filter(referral_id__in=[IN_STAND_IN], status=SeatOffer.Status.HELD)
        .order_by("expires_at", "pk")
        .values_list("referral_id", "program__name", "expires_at")
    )
)
_scheduled_assessments = compiled(
    lambda: (
        Assessment.objects.filter(referral_id__in=[IN_STAND_IN], status=Assessment.Status.SCHEDULED)
        .order_by("starts_at", "pk")
        .values_list("referral_id", "starts_at")
    )
)


def attach_row_extras(referrals: list) -> list:
    """Give each row its held seats (soonest expiry first) and scheduled assessments, as
    ``held_offers`` and ``scheduled_assessments``: one statement each for the whole page,
    none for an empty one, their SQL compiled once per process."""
    by_id = {}
    for referral in referrals:
        referral.held_offers, referral.scheduled_assessments = [], []
        by_id[referral.pk] = referral
    ids = list(by_id)
    for referral_id, program_name, expires_at in fetch_in(_held_seats, ids):
        by_id[referral_id].held_offers.append(HeldSeat(program_name, expires_at))
    for referral_id, starts_at in fetch_in(_scheduled_assessments, ids):
        by_id[referral_id].scheduled_assessments.append(ScheduledAssessment(starts_at))
    return referrals


@cache
def _order_for(vendor: str) -> tuple:
    query = Referral.objects.order_by(*queue_order()).query
    compiler = query.get_compiler(DEFAULT_DB_ALIAS)
    return tuple(
        # The ORM's own SQL for queue_order(), no outside text in it.
        RawSQL(*compiler.compile(order.expression)).asc()  # noqa: S611
        for order, _ in compiler.get_order_by()
    )


def compiled_queue_order() -> tuple:
    """``queue_order()`` as SQL compiled once per process: resolving its CASE expressions
    anew took longer than compiling the rest of a page's query. The text is the same, so the
    functional index ``referral_queue_rank`` still serves it."""
    return _order_for(connection.vendor)


def queue_rows(*, filters: QueueFilters, user, now: datetime) -> QuerySet:
    """The queue's referrals in its order (``attach_row_extras`` then gives a page's rows
    their seats and assessments)."""
    return (
        Referral.objects.filter(filters_q(filters, user=user, now=now), status_q(filters.status))
        .select_related("assigned_to")
        .only(*ROW_FIELDS)
        .order_by(*compiled_queue_order())
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
    latest_id: int = 0
    changed_at: datetime | None = None

    @property
    def total(self) -> int:
        """The count to show: exact, or an :class:`AtLeast` past the cap."""
        return self.page.paginator.count if self.shown_total is None else self.shown_total


def referral_queue(
    *, filters: QueueFilters, user, page_number: object = 1, per_page: int = 25
) -> QueuePage:
    now = timezone.now()
    found = queue_counts(filters=filters, user=user, now=now)
    counts = found.counts
    total = counts[filters.status] if filters.status in counts else counts[ALL]
    # Past the cap the true total is unknown: let the paginator reach one page beyond the
    # lower bound (so no row of a full page is cut off; a page past the end is just short).
    known = int(total) + per_page if isinstance(total, AtLeast) else total
    paginator = KnownCountPaginator(
        queue_rows(filters=filters, user=user, now=now), per_page, known_count=known
    )
    page = paginator.get_page(page_number)
    return QueuePage(
        filters=filters,
        counts=counts,
        page=page,
        now=now,
        rows=attach_row_extras(list(page)),
        shown_total=total,
        latest_id=found.latest_id,
        changed_at=found.changed_at,
    )
