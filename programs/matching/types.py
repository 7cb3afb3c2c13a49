"""The plain values matching works on: a program as the matcher sees it, what the person can do,
and what comes back. No Django here — the selector converts model rows into these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIMES_OF_DAY = ("morning", "afternoon", "evening")

OPEN = "open"
WAITLIST = "waitlist"
SHOWN = 3  # programs suggested to the person on their result page


@dataclass(frozen=True)
class SessionSlot:
    """One weekly session: weekday 0 = Monday ... 6 = Sunday."""

    weekday: int
    start: time
    end: time

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


@dataclass(frozen=True)
class ProgramInfo:
    id: int
    name: str
    level: str
    min_age: int
    max_age: int
    modality: str
    focus: str
    sessions: tuple[SessionSlot, ...] = ()
    insurance: tuple[str, ...] = ()
    self_pay: bool = True
    languages: tuple[str, ...] = ("en",)
    open_seats: int = 0
    waitlist_weeks: int = 0
    active: bool = True
    slug: str = ""
    city: str = ""
    location: tuple[float, float] | None = None  # (latitude, longitude) of its ZIP
    telehealth_states: tuple[str, ...] = ()  # where it may treat people by video


@dataclass(frozen=True)
class Preferences:
    """What the person told us. Empty sets and None mean "not stated": that part is not scored."""

    level: str
    age: int | None = None
    days: frozenset[str] = frozenset()
    time_of_day: frozenset[str] = frozenset()
    telehealth_ok: bool | None = None
    insurance: str = ""
    language: str = ""
    flags: frozenset[str] = frozenset()
    crisis: bool = False
    home: tuple[float, float] | None = None  # (latitude, longitude) of the person's ZIP
    state: str = ""  # two-letter code
    max_miles: float = 40.0  # in-person care farther than this is "farther away"


@dataclass(frozen=True)
class Match:
    program: ProgramInfo
    score: int  # 0..100, fit only; open places rank ahead of waitlists regardless of score
    status: str  # OPEN or WAITLIST
    fits: tuple[str, ...]
    shortfalls: tuple[str, ...]
    language_ok: bool = True  # held in the person's language (or they did not say)
    miles: float | None = None  # from the person's ZIP, for in-person care
    for_young_people: bool = False  # a program for adolescents, and the person is one

    @property
    def is_waitlist(self) -> bool:
        return self.status == WAITLIST


@dataclass(frozen=True)
class MatchReport:
    level: str
    matches: tuple[Match, ...] = ()  # at the recommended level, best first
    alternatives: tuple[Match, ...] = ()  # nearest other levels, when no match has a place
    farther: tuple[Match, ...] = ()  # at the level but in person beyond max_miles, nearest first
    max_miles: float = 40.0
    higher_care: bool = False
    crisis: bool = False
    summary: str = ""
    guidance: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def top(self, count: int = SHOWN) -> tuple[Match, ...]:
        return self.matches[:count]

    @property
    def has_open_match(self) -> bool:
        return any(not match.is_waitlist for match in self.matches)

    def suggestions(self, count: int = SHOWN) -> tuple[Match, ...]:
        """What to show the person first: matches with a place, then the nearest alternatives,
        then waitlists. Empty for a crisis (the page shows crisis help instead)."""
        if self.crisis:
            return ()
        open_matches = tuple(m for m in self.matches if not m.is_waitlist)
        waitlists = tuple(m for m in self.matches if m.is_waitlist)
        return (open_matches + self.alternatives + waitlists)[:count]

    @property
    def top_suggestions(self) -> tuple[Match, ...]:
        return self.suggestions()
