"""The queue as a spreadsheet: the rows the filters match, in queue order, with the words
staff read on the page (labels, not codes), times in the clinic's time zone, and the
attempt and reach figures per referral. Streamed in chunks; costs one query per chunk."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from screening.choices import Level, Urgency

from ..display import flag_label
from ..models import ContactAttempt, InsuranceStatus, Referral
from ..source_labels import source_label
from .queue import QueueFilters, filters_q, queue_order, status_q

TIME_FORMAT = "%Y-%m-%d %H:%M"


def _time(value: datetime | None) -> str:
    return timezone.localtime(value).strftime(TIME_FORMAT) if value else ""


def _hours(start: datetime | None, end: datetime | None) -> str:
    """Hours between two times, one decimal (a number a spreadsheet can average)."""
    if start is None or end is None:
        return ""
    return f"{(end - start) / timedelta(hours=1):.1f}"


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def _label(choices) -> Callable[[str], str]:
    labels = dict(choices)
    return lambda value: labels.get(value, value or "")


_level, _urgency = _label(Level.choices), _label(Urgency.choices)
_insurance = _label(InsuranceStatus.choices)
_status, _outcome = _label(Referral.Status.choices), _label(ContactAttempt.Outcome.choices)


def _assignee(row: dict) -> str:
    parts = (row["assigned_to__first_name"], row["assigned_to__last_name"])
    return " ".join(p for p in parts if p) or row["assigned_to__username"] or ""


# header, and how to read it from a row of ``FIELDS`` values
COLUMNS: tuple[tuple[str, Callable[[dict], object]], ...] = (
    ("Referral", lambda r: r["id"]),
    ("Submitted", lambda r: _time(r["created_at"])),
    ("First name", lambda r: r["first_name"]),
    ("Last name", lambda r: r["last_name"]),
    ("Date of birth", lambda r: r["date_of_birth"].isoformat() if r["date_of_birth"] else ""),
    ("Phone", lambda r: r["phone"]),
    ("Email", lambda r: r["email"]),
    ("State", lambda r: r["state"]),
    ("Recommended level", lambda r: _level(r["level"])),
    ("Level override", lambda r: _level(r["override_level"])),
    ("Urgency", lambda r: _urgency(r["urgency"])),
    ("Crisis", lambda r: _yes_no(r["crisis"])),
    ("Flags", lambda r: "; ".join(flag_label(f) for f in r["flags"] or [])),
    ("Status", lambda r: _status(r["status"])),
    ("Assigned to", _assignee),
    ("First contact due", lambda r: _time(r["due_at"])),
    ("First attempt", lambda r: _time(r["first_attempt_at"])),
    ("Hours to first attempt", lambda r: _hours(r["created_at"], r["first_attempt_at"])),
    ("Reached", lambda r: _time(r["reached_at"])),
    ("Hours to reach", lambda r: _hours(r["created_at"], r["reached_at"])),
    ("Deadline met", lambda r: _yes_no(r["deadline_met"])),
    ("Attempts", lambda r: r["attempt_count"]),
    ("Last attempt", lambda r: _time(r["last_attempt_at"])),
    ("Last outcome", lambda r: _outcome(r["last_outcome"])),
    ("Callback", lambda r: _time(r["callback_at"])),
    ("Source", lambda r: source_label(r["source"])),
    ("Partner", lambda r: r["partner__organisation"] or ""),
    ("Referring provider", lambda r: r["referring_provider_name"]),
    ("Referring organisation", lambda r: r["referring_provider_organisation"]),
    ("Insurance status", lambda r: _insurance(r["insurance_status"])),
)
FIELDS = (
    "id",
    "created_at",
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "state",
    "level",
    "override_level",
    "urgency",
    "crisis",
    "flags",
    "status",
    "assigned_to__username",
    "assigned_to__first_name",
    "assigned_to__last_name",
    "due_at",
    "first_attempt_at",
    "reached_at",
    "deadline_met",
    "attempt_count",
    "last_attempt_at",
    "last_outcome",
    "callback_at",
    "source",
    "partner__organisation",
    "referring_provider_name",
    "referring_provider_organisation",
    "insurance_status",
)


TIME_COLUMNS = frozenset(
    {"Submitted", "First contact due", "First attempt", "Reached", "Last attempt", "Callback"}
)


def export_headers() -> list[str]:
    """Column headers; each time column names the clinic's zone its times are in."""
    zone = settings.TIME_ZONE
    return [f"{name} ({zone})" if name in TIME_COLUMNS else name for name, _ in COLUMNS]


def _fast_cells() -> Callable[[tuple], list[object]]:
    """The cells of ``COLUMNS`` for one ``FIELDS`` tuple, as ``COLUMNS`` reads them, with
    what ``COLUMNS`` looks up per row looked up once per export: the time zone (a context
    lookup), the labels (lazy translations, translated on every ``str``), flag labels. At a
    million rows the per-cell calls and lookups were most of the export's time."""
    zone = timezone.get_current_timezone()

    def labels(choices) -> dict:
        return {value: str(label) for value, label in choices}

    level, urgency = labels(Level.choices), labels(Urgency.choices)
    insurance, status = labels(InsuranceStatus.choices), labels(Referral.Status.choices)
    outcome = labels(ContactAttempt.Outcome.choices)
    flag_texts: dict[tuple, str] = {}
    source_texts: dict[str, str] = {}

    def when(value: datetime | None) -> str:
        # == localtime(value).strftime("%Y-%m-%d %H:%M") for the years a referral has
        return value.astimezone(zone).isoformat(" ", "minutes")[:16] if value else ""

    def hours(start: datetime, end: datetime | None) -> str:
        return "" if end is None else f"{(end - start) / timedelta(hours=1):.1f}"

    def yes_no(value: bool | None) -> str:
        return "" if value is None else ("Yes" if value else "No")

    def cells(row: tuple) -> list[object]:
        (
            pk, created, first_name, last_name, born, phone, email, state,
            level_, override, urgency_, crisis, flags, status_,
            username, assignee_first, assignee_last,
            due, first_attempt, reached, met, attempts, last_attempt, outcome_, callback,
            source, partner, provider, organisation, insurance_,
        ) = row  # fmt: skip
        key = tuple(flags) if flags else ()
        flag_text = flag_texts.get(key)
        if flag_text is None:
            flag_text = flag_texts[key] = "; ".join(str(flag_label(f)) for f in key)
        source_text = source_texts.get(source)
        if source_text is None:
            source_text = source_texts[source] = str(source_label(source))
        assignee = " ".join(p for p in (assignee_first, assignee_last) if p) or username or ""
        return [
            pk,
            when(created),
            first_name,
            last_name,
            born.isoformat() if born else "",
            phone,
            email,
            state,
            level.get(level_, level_ or ""),
            level.get(override, override or ""),
            urgency.get(urgency_, urgency_ or ""),
            yes_no(crisis),
            flag_text,
            status.get(status_, status_ or ""),
            assignee,
            when(due),
            when(first_attempt),
            "" if created is None else hours(created, first_attempt),
            when(reached),
            "" if created is None else hours(created, reached),
            yes_no(met),
            attempts,
            when(last_attempt),
            outcome.get(outcome_, outcome_ or ""),
            when(callback),
            source_text,
            partner or "",
            provider,
            organisation,
            insurance.get(insurance_, insurance_ or ""),
        ]

    return cells


def queue_export_rows(
    *, filters: QueueFilters, user, chunk_size: int = 5000
) -> Iterator[list[object]]:
    """One list of cells per referral the filters match, in queue order (the cells
    ``COLUMNS`` describes)."""
    now = timezone.now()
    queryset = (
        Referral.objects.filter(filters_q(filters, user=user, now=now), status_q(filters.status))
        .order_by(*queue_order())
        .values_list(*FIELDS)
    )
    cells = _fast_cells()
    # In a transaction, so the server-side cursor is an ordinary one. Outside one, Django
    # declares it WITH HOLD, and PostgreSQL then computes and stores the whole result before
    # the first row comes back (4.5 s and a 300 MB temporary file at a million referrals).
    with transaction.atomic():
        for row in queryset.iterator(chunk_size=chunk_size):
            yield cells(row)
