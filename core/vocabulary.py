"""The clinic's shared words: levels of care, urgencies, how and when to contact a person.

No Django here: ``screening.choices`` builds its ``TextChoices`` from these, and the pure
packages compare plain strings against them. Each tuple is lowest to highest (levels,
urgencies) or in the order a form offers them."""

from enum import StrEnum
from typing import Final


class Level(StrEnum):
    OUTPATIENT = "outpatient"
    IOP = "iop"
    PHP = "php"
    INPATIENT = "inpatient"


class Urgency(StrEnum):
    ROUTINE = "routine"
    PRIORITY = "priority"
    URGENT = "urgent"
    EMERGENT = "emergent"


class ContactMethod(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"


class BestTime(StrEnum):
    ANY = "any"
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


class SiteLanguage(StrEnum):
    """The language a person used the public site in; every later message to them uses it.
    (Not the language they want their care in: that is ``Screening.language``.)"""

    ENGLISH = "en"
    SPANISH = "es"


LABELS: Final[dict[StrEnum, str]] = {
    Level.OUTPATIENT: "Outpatient",
    Level.IOP: "Intensive outpatient (IOP)",
    Level.PHP: "Partial hospitalization (PHP)",
    Level.INPATIENT: "Inpatient / residential",
    Urgency.ROUTINE: "Routine",
    Urgency.PRIORITY: "Priority",
    Urgency.URGENT: "Urgent",
    Urgency.EMERGENT: "Emergent",
    ContactMethod.PHONE: "Phone call",
    ContactMethod.SMS: "Text message",
    ContactMethod.EMAIL: "Email",
    BestTime.ANY: "Any time",
    BestTime.MORNING: "Morning",
    BestTime.AFTERNOON: "Afternoon",
    BestTime.EVENING: "Evening",
    SiteLanguage.ENGLISH: "English",
    SiteLanguage.SPANISH: "Spanish",
}
"""Each word as staff and applicants read it."""


def choices(words: type[StrEnum]) -> tuple[tuple[str, str], ...]:
    """``(value, label)`` pairs in order, as a form or a model field takes them."""
    return tuple((word.value, LABELS[word]) for word in words)


LEVELS: Final = tuple(level.value for level in Level)
"""Levels of care as plain strings, lowest to highest."""
URGENCIES: Final = tuple(urgency.value for urgency in Urgency)
"""Urgencies of first contact as plain strings, lowest to highest."""
LEVEL_CHOICES: Final = choices(Level)
LEVEL_ORDER: Final = {level.value: rank for rank, level in enumerate(Level)}
URGENCY_ORDER: Final = {urgency.value: rank for rank, urgency in enumerate(Urgency)}
