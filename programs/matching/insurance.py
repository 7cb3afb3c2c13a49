"""Matching a person's insurance carrier, as they typed or chose it, to a program's plan names."""

from __future__ import annotations

import re
from collections.abc import Iterable

# What people write when they have no insurance and would pay themselves.
NO_INSURANCE = frozenset(
    {"none", "no insurance", "uninsured", "self pay", "self-pay", "selfpay", "private pay", "cash"}
)

# Common short names -> the name a plan list uses.
ALIASES = {
    "bcbs": "blue cross blue shield",
    "blue cross": "blue cross blue shield",
    "anthem": "blue cross blue shield",
    "uhc": "unitedhealthcare",
    "united healthcare": "unitedhealthcare",
    "united health care": "unitedhealthcare",
    "kaiser": "kaiser permanente",
    "medi-cal": "medicaid",
}


def normalize(name: str) -> str:
    text = re.sub(r"[^a-z0-9\- ]+", " ", name.casefold())
    text = re.sub(r"\s+", " ", text).strip()
    return ALIASES.get(text, text)


def is_uninsured(carrier: str) -> bool:
    return normalize(carrier) in NO_INSURANCE


def in_network(carrier: str, plans: Iterable[str]) -> str | None:
    """The program's plan name that matches the carrier, or None. A carrier matches a plan
    with the same name, or one whose name starts with it ("Aetna" -> "Aetna Better Health")."""
    wanted = normalize(carrier)
    if not wanted or wanted in NO_INSURANCE:
        return None
    for plan in plans:
        have = normalize(plan)
        if have == wanted or have.startswith(wanted + " ") or wanted.startswith(have + " "):
            return plan
    return None
