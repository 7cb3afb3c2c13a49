"""Turning what a screening recorded into Preferences. Tolerant: a malformed optional answer is
treated as not stated, never as an error, because matching must not fail a result page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .types import DAY_CODES, TIMES_OF_DAY, Preferences


def _codes(value: object, allowed: tuple[str, ...]) -> frozenset[str]:
    if not isinstance(value, list | tuple | set | frozenset):
        return frozenset()
    return frozenset(item for item in value if isinstance(item, str) and item in allowed)


def preferences_from_values(
    *,
    level: str,
    answers: Mapping[str, object] | None = None,
    insurance_carrier: str = "",
    language: str = "",
    flags: Iterable[str] = (),
    crisis: bool = False,
    home: tuple[float, float] | None = None,
    state: str = "",
    max_miles: float = Preferences.max_miles,
) -> Preferences:
    """``answers`` is the screening's answer dict: ``age``, ``days_available``, ``time_of_day``
    and ``telehealth_ok`` are read; everything else is ignored. ``home`` is the point of the
    person's ZIP code (the caller looks it up) and ``state`` their two-letter state."""
    answers = answers or {}
    age = answers.get("age")
    telehealth = answers.get("telehealth_ok")
    return Preferences(
        level=level,
        age=age if isinstance(age, int) and not isinstance(age, bool) else None,
        days=_codes(answers.get("days_available"), DAY_CODES),
        time_of_day=_codes(answers.get("time_of_day"), TIMES_OF_DAY),
        telehealth_ok=telehealth if isinstance(telehealth, bool) else None,
        insurance=insurance_carrier or "",
        language=language or "",
        flags=frozenset(flags),
        crisis=bool(crisis),
        home=home,
        state=(state or "").strip().upper(),
        max_miles=float(max_miles),
    )
