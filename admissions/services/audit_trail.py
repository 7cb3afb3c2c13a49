"""The audit events admissions writes, one helper per subject: a referral, a seat offer, the
subject of a follow-up. Ids and field names only, never PHI; an event with no staff actor is
labelled ``system`` (or what the caller names, e.g. the public screener)."""

from collections.abc import Iterable

from audit.models import AuditEvent
from audit.services import audit_event, audit_record

from ..models import FollowUp

SYSTEM = "system"


def _event(
    object_type: str,
    object_id: object,
    *,
    action: str,
    detail: str,
    fields: Iterable[str] = (),
    actor=None,
    actor_label: str = SYSTEM,
    ip_address: str | None = None,
) -> dict:
    """``audit_event``'s arguments for an event on ``object_type`` ``object_id``."""
    return {
        "action": action,
        "actor": actor,
        "actor_label": "" if actor is not None else actor_label,
        "ip_address": ip_address,
        "object_type": object_type,
        "object_id": object_id,
        "fields": fields,
        "detail": detail,
    }


def _audit(object_type: str, object_id: object, **event) -> None:
    audit_record(**_event(object_type, object_id, **event))


def referral_audit_event(referral_id: int, **event) -> AuditEvent:
    """An event on a referral (arguments as ``audit_referral``), not yet saved: for a caller
    that writes it with other rows in one statement (``core.inserts.insert_together``)."""
    return audit_event(**_event("referral", referral_id, **event))


def audit_referral(referral_id: int, **event) -> None:
    """One event on a referral: ``action``, ``detail``, and optionally ``fields``, ``actor``,
    ``actor_label``, ``ip_address``."""
    _audit("referral", referral_id, **event)


def audit_seat_offer(offer_id: int, **event) -> None:
    """One event on a seat offer (arguments as ``audit_referral``)."""
    _audit("seat_offer", offer_id, **event)


def audit_subject(object_type: str, object_id: object = "", **event) -> None:
    """One event on something that is not a referral, offer or follow-up (the deadline
    policy, an inbound text); arguments as ``audit_referral``."""
    _audit(object_type, object_id, **event)


def audit_followup(followup: FollowUp, **event) -> None:
    """One event on what a follow-up is about: its referral, else its screening."""
    if followup.referral_id:
        _audit("referral", followup.referral_id, **event)
    else:
        _audit("screening", followup.screening_id, **event)
