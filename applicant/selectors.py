"""Reads for the public screener pages: the screening this browser is working on."""

from uuid import UUID

from django.http import HttpRequest

from core.compiled import compiled, fetch_instances
from screening.models import Screening

from .session import session_public_id

PUBLIC_ID_STAND_IN = UUID("00000000-0000-4000-8000-000000001871")
_by_public_id = compiled(
    lambda: Screening.objects.filter(public_id=PUBLIC_ID_STAND_IN), PUBLIC_ID_STAND_IN
)


def screening_for_session(request: HttpRequest) -> Screening | None:
    """The screening this browser is working on (draft or submitted), if any: read on every
    screener page, by SQL compiled once per process."""
    public_id = session_public_id(request)
    if public_id is None:
        return None
    found = fetch_instances(_by_public_id, Screening, public_id)
    return found[0] if found else None


def screening_result(request: HttpRequest) -> Screening | None:
    """This browser's submitted screening with its recommendation and referral, in one query
    (the applicant layer may follow the admissions link; screening itself never does)."""
    public_id = session_public_id(request)
    if public_id is None:
        return None
    return (
        Screening.objects.filter(public_id=public_id, status=Screening.Status.SUBMITTED)
        .select_related("recommendation", "referral_link__referral")
        .first()
    )
