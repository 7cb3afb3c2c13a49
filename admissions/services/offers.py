"""Seat offers: a program offered to a referral holds one place until the offer is accepted
(the person is admitted), withdrawn, or expires.

Every state change is a conditional UPDATE on ``status='held'`` (a claim), so a second caller
— a double click, two workers, an expiry sweep racing an admission — changes nothing. The
place itself is held and released in ``offer_holds`` (through ``programs.services``, under a
row lock on the program; the program table's check constraint is the last line of
defence), which also tells the applicant and hands a released place to the waitlist."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import roles
from core.roles import require_permission
from programs.models import Program

from ..models import Referral, SeatOffer, WaitlistEntry
from ..selectors.offers import default_hold_hours
from .offer_holds import audit_offer, offer_close, offer_hold, waitlist_entry_close

MIN_HOLD_HOURS = 1
MAX_HOLD_HOURS = 14 * 24
HELD = SeatOffer.Status.HELD


def _expire_stale(referral: Referral, program: Program, now: datetime) -> None:
    """An expired hold the sweep has not reached yet."""
    stale = SeatOffer.objects.filter(
        referral=referral, program=program, status=HELD, expires_at__lte=now
    ).values_list("pk", flat=True)
    for offer_id in list(stale):
        if offer_close(offer_id, program.pk, SeatOffer.Status.EXPIRED, now):
            audit_offer(offer_id, "expired")


@transaction.atomic
def seat_offer_create(
    *,
    referral: Referral,
    program: Program,
    offered_by,
    hold_hours: int | None = None,
    ip_address: str | None = None,
) -> SeatOffer:
    """Offer ``program`` to an open referral and hold one of its places for ``hold_hours``.
    One live offer per referral and program; the program must be active with a place open.
    A waitlist entry of this person for this program is settled by the offer."""
    require_permission(offered_by, roles.WORK_REFERRAL)
    hours = default_hold_hours() if hold_hours is None else hold_hours
    if not MIN_HOLD_HOURS <= hours <= MAX_HOLD_HOURS:
        raise ValidationError(
            {"hold_hours": f"Hold a place for {MIN_HOLD_HOURS} to {MAX_HOLD_HOURS} hours."}
        )
    referral = Referral.objects.select_for_update().get(pk=referral.pk)  # one offer at a time
    if not referral.is_open:
        raise ValidationError("This referral has ended; reopen it before offering a place.")
    _expire_stale(referral, program, timezone.now())
    if SeatOffer.objects.filter(referral=referral, program=program, status=HELD).exists():
        raise ValidationError(f"A place in {program.name} is already held for this person.")
    if not program.is_active:
        raise ValidationError(f"{program.name} is not taking new people.")
    offer = offer_hold(
        referral=referral,
        program=program,
        offered_by=offered_by,
        hours=hours,
        ip_address=ip_address,
    )
    if offer is None:
        raise ValidationError(f"{program.name} has no open place right now.")
    waiting = WaitlistEntry.objects.filter(
        referral=referral, program=program, status=WaitlistEntry.Status.WAITING
    ).first()
    if waiting is not None:
        waitlist_entry_close(waiting, offer)
    return offer


@transaction.atomic
def seat_offer_withdraw(*, offer: SeatOffer, actor, ip_address: str | None = None) -> bool:
    """Withdraw a live offer and give its place back; False when it was no longer live."""
    require_permission(actor, roles.WORK_REFERRAL)
    if not offer_close(offer.pk, offer.program_id, SeatOffer.Status.WITHDRAWN, timezone.now()):
        return False
    audit_offer(offer.pk, "withdrawn", actor=actor, ip_address=ip_address)
    return True


def seat_offers_expire_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Expire live offers past their time and release their places. Idempotent: each offer is
    claimed by a conditional UPDATE in its own transaction. Returns how many expired."""
    now = now or timezone.now()
    due = SeatOffer.objects.filter(status=HELD, expires_at__lte=now).order_by("expires_at")
    expired = 0
    for offer_id, program_id in list(due.values_list("pk", "program_id")[:limit]):
        with transaction.atomic():
            if offer_close(
                offer_id, program_id, SeatOffer.Status.EXPIRED, now, expires_at__lte=now
            ):
                audit_offer(offer_id, "expired")
                expired += 1
    return expired


@transaction.atomic
def seat_offer_accept(*, referral: Referral, program: Program | None = None) -> SeatOffer | None:
    """Turn the referral's live, unexpired hold into an enrollment — call it when the referral
    is admitted. With several live offers, ``program`` picks one (else the newest); the others
    are withdrawn and their places released. None when no live hold was there to accept."""
    now = timezone.now()
    live = SeatOffer.objects.filter(referral=referral, status=HELD, expires_at__gt=now)
    chosen = live.filter(program=program) if program is not None else live
    offer = chosen.order_by("-created_at", "-id").first()
    if offer is None or not offer_close(offer.pk, offer.program_id, SeatOffer.Status.ACCEPTED, now):
        return None
    audit_offer(offer.pk, "accepted")
    seat_offers_release_for_referral(referral=referral)
    offer.refresh_from_db()
    return offer


@transaction.atomic
def seat_offers_release_for_referral(*, referral: Referral) -> int:
    """Withdraw every live offer of a referral (it ended, or took another place)."""
    now = timezone.now()
    released = 0
    for offer_id, program_id in list(
        SeatOffer.objects.filter(referral=referral, status=HELD).values_list("pk", "program_id")
    ):
        if offer_close(offer_id, program_id, SeatOffer.Status.WITHDRAWN, now):
            audit_offer(offer_id, "withdrawn: referral ended")
            released += 1
    return released
