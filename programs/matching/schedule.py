"""Weekly schedules: hours per week, the level minimums, time-of-day buckets, and the words used
to describe a schedule ("Tue/Thu evenings")."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from .types import DAY_CODES, TIMES_OF_DAY, SessionSlot

# Time-of-day buckets, by clock time: morning before 12:00, afternoon 12:00-17:00, evening 17:00
# onward. A session belongs to every bucket it overlaps (a 9:00-15:00 day is morning and
# afternoon).
NOON = 12 * 60
FIVE_PM = 17 * 60
BUCKET_BOUNDS = {"morning": (0, NOON), "afternoon": (NOON, FIVE_PM), "evening": (FIVE_PM, 24 * 60)}

DAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
BUCKET_PLURAL = {"morning": "mornings", "afternoon": "afternoons", "evening": "evenings"}

# Minimum hours per week for a level (spec: IOP 9+ adults, 6+ adolescents; PHP 20+).
IOP_MIN_HOURS_ADULT = 9
IOP_MIN_HOURS_ADOLESCENT = 6
PHP_MIN_HOURS = 20


def _minute(value: time) -> int:
    return value.hour * 60 + value.minute


def hours_per_week(sessions: Iterable[SessionSlot]) -> float:
    return round(sum(slot.minutes for slot in sessions) / 60, 2)


def minimum_hours(level: str, population: str) -> int:
    """The fewest weekly hours a program at this level must offer; 0 when the level sets none.
    A program open to adults and adolescents must meet the adult minimum."""
    if level == "iop":
        return IOP_MIN_HOURS_ADOLESCENT if population == "adolescent" else IOP_MIN_HOURS_ADULT
    if level == "php":
        return PHP_MIN_HOURS
    return 0


def hours_problem(level: str, population: str, hours: float) -> str | None:
    """A sentence saying why these weekly hours are too few for the level, or None."""
    needed = minimum_hours(level, population)
    if needed and hours < needed:
        who = " for adolescents" if population == "adolescent" else " for adults"
        who = who if level == "iop" else ""  # only IOP's minimum depends on age
        name = {
            "iop": "An intensive outpatient program",
            "php": "A partial hospitalization program",
        }
        return (
            f"{name[level]}{who} needs at least {needed} hours a week; "
            f"these sessions add up to {format_hours(hours)}."
        )
    return None


def format_hours(hours: float) -> str:
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return f"{text} hour" if text == "1" else f"{text} hours"


def minutes_in_bucket(slot: SessionSlot, bucket: str) -> int:
    low, high = BUCKET_BOUNDS[bucket]
    return max(0, min(_minute(slot.end), high) - max(_minute(slot.start), low))


def buckets_of(slot: SessionSlot) -> tuple[str, ...]:
    return tuple(bucket for bucket in TIMES_OF_DAY if minutes_in_bucket(slot, bucket) > 0)


def main_bucket(slot: SessionSlot) -> str:
    """The bucket holding most of the session (the earlier one on a tie)."""
    return max(
        TIMES_OF_DAY,
        key=lambda bucket: (minutes_in_bucket(slot, bucket), -TIMES_OF_DAY.index(bucket)),
    )


def minutes_available(slot: SessionSlot, days: frozenset[str], times: frozenset[str]) -> int:
    """Minutes of the session on a day and at times the person said they are free.
    Days or times not stated count as free."""
    if days and DAY_CODES[slot.weekday] not in days:
        return 0
    if not times:
        return slot.minutes
    return sum(minutes_in_bucket(slot, bucket) for bucket in times)


def day_list(weekdays: Iterable[int]) -> str:
    return "/".join(DAY_SHORT[day] for day in sorted(set(weekdays)))


def bucket_list(buckets: Iterable[str]) -> str:
    wanted = set(buckets)
    ordered = [BUCKET_PLURAL[b] for b in TIMES_OF_DAY if b in wanted]
    return " and ".join(ordered)


def bucket_names(buckets: Iterable[str]) -> str:
    """e.g. "morning or evening"."""
    wanted = set(buckets)
    return " or ".join(b for b in TIMES_OF_DAY if b in wanted)


def describe(slots: Iterable[SessionSlot]) -> str:
    """e.g. "Tue/Thu evenings"."""
    slots = list(slots)
    return f"{day_list(s.weekday for s in slots)} {bucket_list(main_bucket(s) for s in slots)}"
