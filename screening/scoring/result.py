"""``ScreeningResult``: everything one scoring produced, as stored and as shown."""

from dataclasses import dataclass

from .summary import applicant_summary
from .vocabulary import FIRST_CONTACT_HOURS


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    rule_set: str
    level: str
    crisis: bool
    urgency: str
    composite: int
    domains: dict[str, int]
    """Domain ratings in domain order (safety, symptoms, ... engagement)."""
    instruments: dict[str, dict[str, object]]
    flags: list[str]
    """Sorted."""
    reasons: list[str]
    """Staff-facing: one per domain in domain order, then one for the level."""
    level_basis: str
    """``"floor"`` or ``"composite"`` (``"floor"`` when both give the same level)."""

    def to_dict(self) -> dict[str, object]:
        """The command-line / API shape: exactly these keys, in this order (fresh copies)."""
        return {
            "rule_set": self.rule_set,
            "level": self.level,
            "crisis": self.crisis,
            "urgency": self.urgency,
            "composite": self.composite,
            "domains": dict(self.domains),
            "instruments": {name: dict(block) for name, block in self.instruments.items()},
            "flags": list(self.flags),
            "reasons": list(self.reasons),
        }

    def applicant_summary(self) -> list[str]:
        """Plain-language sentences for the applicant: no scores, no clinical terms."""
        return applicant_summary(self.level, self.crisis, self.urgency, self.flags)

    @property
    def first_contact_hours(self) -> int:
        """The default first-contact deadline for this urgency (administrators may change it)."""
        return FIRST_CONTACT_HOURS[self.urgency]
