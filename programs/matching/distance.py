"""How far a program is from the person, and whether they can get there: the matcher's only
geography. Points are (latitude, longitude) in degrees; the caller looks them up."""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

from .types import Preferences, ProgramInfo

EARTH_RADIUS_MILES = 3958.8


def miles_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in miles (haversine)."""
    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * asin(sqrt(h))


def miles_away(program: ProgramInfo, prefs: Preferences) -> float | None:
    """Miles from the person's ZIP to the program's; None when either place is unknown or
    the program is telehealth only."""
    if program.modality == "telehealth" or program.location is None or prefs.home is None:
        return None
    return miles_between(prefs.home, program.location)


def serves_state(program: ProgramInfo, prefs: Preferences) -> bool:
    """Video care reaches the person: the program offers it and may treat people in their
    state (a person whose state is unknown, or a program with no states listed, is not
    held to this)."""
    if program.modality == "in_person":
        return False
    return (
        not prefs.state
        or not program.telehealth_states
        or (prefs.state in program.telehealth_states)
    )


def by_video(program: ProgramInfo, prefs: Preferences) -> bool:
    """The person can take part by video: it is offered in their state and they did not ask
    for in-person care only."""
    return serves_state(program, prefs) and prefs.telehealth_ok is not False


def too_far(program: ProgramInfo, prefs: Preferences) -> bool:
    """In-person care farther than the person's limit, with no video option for them."""
    miles = miles_away(program, prefs)
    return miles is not None and miles > prefs.max_miles and not by_video(program, prefs)


def miles_words(miles: float) -> str:
    return "under a mile" if miles < 1 else f"about {round(miles)} mile{'s' * (round(miles) != 1)}"
