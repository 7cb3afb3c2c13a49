"""Program matching: plain Python, no Django. The selector in programs.selectors loads the catalog
and calls ``match_programs``; docs/matching.md explains the rules."""

from core.vocabulary import LEVELS  # the clinic's levels, re-exported

from .preferences import preferences_from_values
from .rank import WEIGHTS, evaluate, is_eligible, match_programs, rank_key
from .schedule import hours_per_week, hours_problem, minimum_hours
from .types import (
    DAY_CODES,
    OPEN,
    TIMES_OF_DAY,
    WAITLIST,
    Match,
    MatchReport,
    Preferences,
    ProgramInfo,
    SessionSlot,
)

__all__ = [
    "DAY_CODES",
    "LEVELS",
    "OPEN",
    "TIMES_OF_DAY",
    "WAITLIST",
    "WEIGHTS",
    "Match",
    "MatchReport",
    "Preferences",
    "ProgramInfo",
    "SessionSlot",
    "evaluate",
    "hours_per_week",
    "hours_problem",
    "is_eligible",
    "match_programs",
    "minimum_hours",
    "preferences_from_values",
    "rank_key",
]
