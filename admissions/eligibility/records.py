"""What an eligibility check asks and what it learns, as plain values (no Django)."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class EligibilityRequest:
    trace: str  # our trace number (TRN02), echoed by the payer
    payer_id: str
    payer_name: str
    provider_npi: str
    provider_name: str
    member_id: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    service_date: date
    service_type: str = "MH"  # X12 service type code: mental health


@dataclass(frozen=True)
class EligibilityResult:
    trace: str
    active: bool | None  # None when the payer refused the request (see ``rejection``)
    in_network: bool | None = None
    plan: str = ""
    group_number: str = ""
    coverage_start: date | None = None
    coverage_end: date | None = None
    benefit_notes: str = ""
    cost_notes: str = ""
    rejection: str = ""  # a reason code's words (AAA segment), never the member's data
    messages: tuple[str, ...] = field(default_factory=tuple)


class EligibilityError(Exception):
    """The check could not be made (not configured, unreachable, a malformed answer). The
    message is safe to show staff and to log: it never holds the member's data."""
