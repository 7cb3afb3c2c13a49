"""The referral status pipeline: which moves are allowed and which need a reason.

new -> contacting -> assessment_scheduled -> admitted | referred_out | declined |
no_response | closed. A referral can leave the pipeline early (declined, referred out,
closed) from any open status; ``no_response`` needs at least one try at contact, so it is
not offered from ``new``; ``admitted`` needs an assessment first. Someone who stopped
responding, declined or was closed can be picked up again (back to ``contacting``);
``admitted`` and ``referred_out`` are final. ``merged`` is final too: staff merged the
referral into another one of the same person (docs/same-person.md); it is never offered as a
move, only the merge sets it.
"""

from typing import Final

NEW: Final = "new"
CONTACTING: Final = "contacting"
ASSESSMENT_SCHEDULED: Final = "assessment_scheduled"
ADMITTED: Final = "admitted"
REFERRED_OUT: Final = "referred_out"
DECLINED: Final = "declined"
NO_RESPONSE: Final = "no_response"
CLOSED: Final = "closed"
MERGED: Final = "merged"

OPEN: Final = (NEW, CONTACTING, ASSESSMENT_SCHEDULED)
ENDED_BY_STAFF: Final = (ADMITTED, REFERRED_OUT, DECLINED, NO_RESPONSE, CLOSED)
"""The endings staff choose on the status form; ``merged`` is set only by a merge."""
TERMINAL: Final = (*ENDED_BY_STAFF, MERGED)

TRANSITIONS: Final[dict[str, tuple[str, ...]]] = {
    NEW: (CONTACTING, ASSESSMENT_SCHEDULED, REFERRED_OUT, DECLINED, CLOSED),
    CONTACTING: (ASSESSMENT_SCHEDULED, REFERRED_OUT, DECLINED, NO_RESPONSE, CLOSED),
    ASSESSMENT_SCHEDULED: (ADMITTED, CONTACTING, REFERRED_OUT, DECLINED, NO_RESPONSE, CLOSED),
    ADMITTED: (),
    REFERRED_OUT: (),
    DECLINED: (CONTACTING,),
    NO_RESPONSE: (CONTACTING,),
    CLOSED: (CONTACTING,),
    MERGED: (),
}


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses a referral in ``status`` may move to, in pipeline order."""
    return TRANSITIONS.get(status, ())


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in allowed_next(from_status)


def needs_reason(from_status: str, to_status: str) -> bool:
    """A reason is required to end a referral, and to reopen one that had ended."""
    return to_status in TERMINAL or from_status in TERMINAL
