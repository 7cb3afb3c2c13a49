"""A referral's next action time: the soonest of its callback, its scheduled assessment and
the expiry of a seat held for it. Stored on the referral (``next_action_at``) so the queue
sorts reached referrals by it with no subquery; every service that changes one of the three
calls ``referral_next_action_refresh`` in its own transaction."""

from __future__ import annotations

from django.db.models import Min
from django.utils import timezone

from ..models import Assessment, Referral, SeatOffer


def next_action_time(referral: Referral):
    """The soonest callback, assessment or held-seat expiry; None when there is none."""
    assessment = (
        Assessment.objects.filter(referral=referral, status=Assessment.Status.SCHEDULED)
        .aggregate(at=Min("starts_at"))
        .get("at")
    )
    offer = (
        SeatOffer.objects.filter(referral=referral, status=SeatOffer.Status.HELD)
        .aggregate(at=Min("expires_at"))
        .get("at")
    )
    times = [t for t in (referral.callback_at, assessment, offer) if t is not None]
    return min(times, default=None)


def referral_next_action_refresh(*, referral: Referral) -> None:
    """Recompute and store ``next_action_at`` (and ``callback_at`` as the caller set it)."""
    referral.next_action_at = next_action_time(referral)
    Referral.objects.filter(pk=referral.pk).update(
        next_action_at=referral.next_action_at,
        callback_at=referral.callback_at,
        updated_at=timezone.now(),
    )
