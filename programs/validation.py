"""Rules a program's own fields must satisfy, shared by the staff form and the services."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from .matching import SessionSlot, hours_per_week, hours_problem

ADULT_AGE = 18
MIN_AGE = 12
MAX_AGE = 120


def population_age_problem(population: str, min_age: int, max_age: int) -> str | None:
    """Why these age bounds don't fit the population, or None."""
    if min_age > max_age:
        return "The youngest age must not be above the oldest age."
    if population == "adult" and min_age < ADULT_AGE:
        return f"An adult program starts at age {ADULT_AGE} or older."
    if population == "adolescent" and max_age >= ADULT_AGE:
        return f"An adolescent program ends at age {ADULT_AGE - 1} or younger."
    if population == "all" and not (min_age < ADULT_AGE <= max_age):
        return "A program for adolescents and adults must include ages on both sides of 18."
    return None


def schedule_problem(level: str, population: str, sessions: Iterable[SessionSlot]) -> str | None:
    """Why the weekly sessions fall short of the level, or None."""
    return hours_problem(level, population, hours_per_week(sessions))


def overlapping_sessions(sessions: Iterable[SessionSlot]) -> str | None:
    """A sentence naming the first two sessions that overlap on the same day, or None."""
    by_day: dict[int, list[SessionSlot]] = {}
    for slot in sessions:
        by_day.setdefault(slot.weekday, []).append(slot)
    names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    for day, slots in sorted(by_day.items()):
        slots.sort(key=lambda s: s.start)
        for first, second in pairwise(slots):
            if second.start < first.end:
                times = f"{first.start:%H:%M} and {second.start:%H:%M}"
                return f"Two {names[day]} sessions overlap ({times})."
    return None
