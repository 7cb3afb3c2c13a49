"""Reads for the public screener pages: the screening this browser is working on."""

from django.http import HttpRequest

from screening.models import Screening

from .session import session_public_id


def screening_for_session(request: HttpRequest) -> Screening | None:
    """The screening this browser is working on (draft or submitted), if any."""
    public_id = session_public_id(request)
    if public_id is None:
        return None
    return Screening.objects.filter(public_id=public_id).first()


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
