"""Reads for the public screener pages."""

from django.http import HttpRequest
from django.utils import timezone

from .models import ResumeToken, Screening
from .services.resume import MAX_TOKEN_LENGTH, resume_token_hash
from .session import session_public_id


def screening_for_session(request: HttpRequest) -> Screening | None:
    """The screening this browser is working on (draft or submitted), if any."""
    public_id = session_public_id(request)
    if public_id is None:
        return None
    return Screening.objects.filter(public_id=public_id).first()


def screening_result(request: HttpRequest) -> Screening | None:
    """This browser's submitted screening with its recommendation and referral, in one query."""
    public_id = session_public_id(request)
    if public_id is None:
        return None
    return (
        Screening.objects.filter(public_id=public_id, status=Screening.Status.SUBMITTED)
        .select_related("recommendation", "referral_link__referral")
        .first()
    )


def resume_token_lookup(*, raw_token: str) -> ResumeToken | None:
    """A token that would open a draft now, without using it up (for the confirm page)."""
    if not raw_token or len(raw_token) > MAX_TOKEN_LENGTH:
        return None
    return (
        ResumeToken.objects.filter(
            token_hash=resume_token_hash(raw_token),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            screening__status=Screening.Status.DRAFT,
        )
        .select_related("screening")
        .first()
    )
