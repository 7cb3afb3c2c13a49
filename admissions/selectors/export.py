"""The queue as a spreadsheet: the rows the filters match, in queue order, with the words
staff read on the page (labels, not codes), times in the clinic's time zone, and the
attempt and reach figures per referral. Streamed in chunks; costs one query per chunk."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.conf import settings
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


def queue_export_rows(
    *, filters: QueueFilters, user, chunk_size: int = 2000
) -> Iterator[list[object]]:
    """One list of cells per referral the filters match, in queue order."""
    now = timezone.now()
    queryset = (
        Referral.objects.filter(filters_q(filters, user=user, now=now), status_q(filters.status))
        .order_by(*queue_order())
        .values(*FIELDS)
    )
    for row in queryset.iterator(chunk_size=chunk_size):
        yield [read(row) for _, read in COLUMNS]
