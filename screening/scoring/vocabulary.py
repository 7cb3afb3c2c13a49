"""The fixed words of the rule engine: levels of care, urgencies, domains and deadlines."""

from typing import Final

LEVELS: Final = ("outpatient", "iop", "php", "inpatient")
"""Levels of care, lowest to highest."""

URGENCIES: Final = ("routine", "priority", "urgent", "emergent")
"""Urgencies of first contact, lowest to highest."""

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

LEVEL_RANK: Final = {level: rank for rank, level in enumerate(LEVELS)}

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
