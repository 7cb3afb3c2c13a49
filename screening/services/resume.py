"""Single-use resume links: only a SHA-256 hash of each token is stored."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..models import ResumeToken, Screening
from ..tokens import MAX_TOKEN_LENGTH, resume_token_hash

RESUME_TOKEN_TTL = timedelta(hours=72)


def resume_token_issue(*, screening: Screening) -> str:
    """Mint a token for ``screening``, valid once for 72 hours; returns the raw token (put it
    in the link, never store it)."""
    raw = secrets.token_urlsafe(32)
    ResumeToken.objects.create(
        screening=screening,
        token_hash=resume_token_hash(raw),
        expires_at=timezone.now() + RESUME_TOKEN_TTL,
    )
    return raw


def resume_token_redeem(*, raw_token: str) -> Screening | None:
    """Use a token: the draft it opens, or ``None`` if it is unknown, used, expired, or its
    screening is no longer a draft. A token works once, even under concurrent requests."""
    if not raw_token or len(raw_token) > MAX_TOKEN_LENGTH:
        return None
    now = timezone.now()
    with transaction.atomic():
        token = (
            ResumeToken.objects.select_related("screening")
            .filter(token_hash=resume_token_hash(raw_token))
            .first()
        )
        if (
            token is None
            or token.used_at is not None
            or token.expires_at <= now
            or token.screening.status != Screening.Status.DRAFT
        ):
            return None
        claimed = ResumeToken.objects.filter(pk=token.pk, used_at__isnull=True).update(used_at=now)
        if claimed != 1:
            return None
        # Coming back counts as activity: the draft is not purged from under the person.
        Screening.objects.filter(pk=token.screening_id).update(updated_at=now)
    return token.screening
