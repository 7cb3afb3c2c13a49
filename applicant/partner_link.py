"""Partner links: ``/screen/?ref=CODE`` records which partner organisation sent the person.

The code is checked against the active partners; an unknown, inactive or malformed code is
ignored without a word (the screener works exactly as without it). A valid one is written
on the draft if there is one, else its partner's id is kept in the session (an id, never
anything about the person) until the draft is made, then written there. The link carries
only the partner's code, never anything about the person."""

from django.http import HttpRequest

from screening.models import Screening
from screening.selectors import partner_for_code
from screening.services import screening_record_partner

PENDING_KEY = "screener_partner_id"


def partner_link_record(request: HttpRequest, screening: Screening | None) -> bool:
    """Handle ``?ref=`` on the start page; True when a code was given (valid or not)."""
    if "ref" not in request.GET:
        return False
    partner = partner_for_code(request.GET.get("ref", ""))
    if partner is None:
        return True
    if screening is not None and screening.status == Screening.Status.DRAFT:
        screening_record_partner(screening=screening, partner_id=partner.pk)
    else:
        request.session[PENDING_KEY] = partner.pk
    return True


def partner_link_apply(request: HttpRequest, screening: Screening | None) -> None:
    """Write a partner kept in the session onto the draft, once there is one."""
    if screening is None or PENDING_KEY not in request.session:
        return
    partner_id = request.session.pop(PENDING_KEY)
    if screening.status == Screening.Status.DRAFT and isinstance(partner_id, int):
        screening_record_partner(screening=screening, partner_id=partner_id)
