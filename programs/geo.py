"""US ZIP codes to places, offline: the ``zipcodes`` package ships the ZIP list with each
code's state and centre point, so nothing is looked up over the network. A program's point
is its ZIP's centre (good to a few miles, which is all "how far is it" needs)."""

from __future__ import annotations

import re
from functools import lru_cache

import zipcodes

Point = tuple[float, float]
ZIP5 = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")


def zip5(zip_code: str | None) -> str:
    """The five-digit ZIP in ``zip_code`` (``02139-4307`` → ``02139``), or ``""``."""
    match = ZIP5.match(zip_code or "")
    return match.group(1) if match else ""


@lru_cache(maxsize=8192)
def _place(code: str) -> tuple[Point | None, str]:
    rows = zipcodes.matching(code) if code else []
    if not rows:
        return None, ""
    row = rows[0]
    try:
        point = (float(row["lat"]), float(row["long"]))
    except (KeyError, TypeError, ValueError):
        point = None
    return point, str(row.get("state") or "")


def zip_point(zip_code: str | None) -> Point | None:
    """(latitude, longitude) of the ZIP's centre; None for a ZIP that is not a US ZIP."""
    return _place(zip5(zip_code))[0]


def zip_state(zip_code: str | None) -> str:
    """The two-letter state of a US ZIP (``02139`` → ``MA``); ``""`` when unknown."""
    return _place(zip5(zip_code))[1]


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """Every two-letter code a US ZIP belongs to: the states, DC, the territories."""
    return frozenset(str(row["state"]) for row in zipcodes.list_all() if row.get("state"))


def parse_states(text: str | list | tuple) -> tuple[list[str], list[str]]:
    """``"ma, NH ri"`` → (["MA", "NH", "RI"], []): the codes in order, without repeats, and
    any words that are not US state codes."""
    words = text if isinstance(text, list | tuple) else re.split(r"[\s,;/]+", text or "")
    codes, unknown = [], []
    for word in (str(w).strip().upper() for w in words):
        if not word or word in codes:
            continue
        (codes if word in state_codes() else unknown).append(word)
    return codes, unknown
