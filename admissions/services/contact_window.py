"""When the clinic may call or text an applicant: 8 a.m. to 9 p.m. in their own time zone
(admissions.applicant_time), checked when staff log a call or text and when a follow-up
is scheduled or sent.

``clock()`` is the one place "now, for the applicant" is read, so tests can set it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .. import applicant_time


def clock() -> datetime:
    """Now, unless test settings fix the applicant's clock (``APPLICANT_CLOCK_AT``, "HH:MM
    Area/Zone", today at that local time): the integration tier runs real processes at any
    hour and needs calling hours to be open, as the unit tier's fixture makes them."""
    fixed = getattr(settings, "APPLICANT_CLOCK_AT", "")
    if not fixed:
        return timezone.now()
    hour_minute, zone = fixed.split()
    hour, minute = (int(part) for part in hour_minute.split(":"))
    return datetime.combine(timezone.localdate(), time(hour, minute), tzinfo=ZoneInfo(zone))


def applicant_zone(person) -> ZoneInfo:
    """The time zone of a referral (or screening) from its state and ZIP code."""
    return ZoneInfo(
        applicant_time.zone_name(
            state=getattr(person, "state", ""),
            zip_code=getattr(person, "zip_code", ""),
            default=settings.TIME_ZONE,
        )
    )


def zone_is_known(person) -> bool:
    return bool(getattr(person, "state", "") or getattr(person, "zip_code", ""))


def is_calling_time(person, moment: datetime | None = None) -> bool:
    return applicant_time.is_calling_time(moment or clock(), applicant_zone(person))


def next_calling_time(person, moment: datetime) -> datetime:
    return applicant_time.next_calling_time(moment, applicant_zone(person))


def calling_time_before(person, moment: datetime, deadline: datetime) -> datetime:
    return applicant_time.calling_time_before(moment, deadline, applicant_zone(person))


@dataclass(frozen=True)
class LocalClock:
    """The applicant's time now, for the referral page."""

    local: datetime
    zone_label: str
    known: bool
    calling_time: bool


def local_clock(person) -> LocalClock:
    zone = applicant_zone(person)
    local = clock().astimezone(zone)
    return LocalClock(
        local=local,
        zone_label=local.tzname() or str(zone),
        known=zone_is_known(person),
        calling_time=applicant_time.is_calling_time(local, zone),
    )


# Where each "best time to call" starts, in the applicant's own time.
BEST_TIME_STARTS = {"morning": time(9, 0), "afternoon": time(13, 0), "evening": time(17, 30)}
ANY_TIME_GAP = timedelta(hours=3)


def suggested_callback(person, now: datetime | None = None) -> datetime:
    """When to call back by default: the next start of the person's best time to call (at
    least an hour away), or for "any time" about three hours on; always a calling time."""
    now = now or timezone.now()
    zone = applicant_zone(person)
    start = BEST_TIME_STARTS.get(getattr(person, "best_time", ""))
    if start is None:
        later = (now + ANY_TIME_GAP).astimezone(zone)
        rounded = later.replace(minute=0 if later.minute < 30 else 30, second=0, microsecond=0)
        return applicant_time.next_calling_time(rounded + timedelta(minutes=30), zone)
    local = now.astimezone(zone)
    candidate = datetime.combine(local.date(), start, tzinfo=zone)
    if candidate <= local + timedelta(hours=1):
        candidate = datetime.combine(local.date() + timedelta(days=1), start, tzinfo=zone)
    return candidate
