"""The fixed words of the rule engine: levels of care and urgencies (the clinic's shared ones,
from ``core.vocabulary``), domains and deadlines."""

from typing import Final

from core.vocabulary import LEVEL_ORDER, LEVELS, URGENCIES

__all__ = ["DOMAINS", "FIRST_CONTACT_HOURS", "LEVELS", "LEVEL_RANK", "URGENCIES"]

DOMAINS: Final = (
    "safety",
    "symptoms",
    "functioning",
    "substance",
    "support",
    "history",
    "engagement",
)
"""The seven rated domains, in the order results list them."""

LEVEL_RANK: Final = LEVEL_ORDER

FIRST_CONTACT_HOURS: dict[str, int] = {
    "emergent": 1,
    "urgent": 4,
    "priority": 24,
    "routine": 72,
}
"""Default hours within which staff must first contact the applicant, per urgency.

These are defaults an administrator may change; the urgency rules themselves belong to the
rule set. Treat this mapping as read-only.
"""
