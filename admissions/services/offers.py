"""Seat offers: a program offered to a referral holds one place until the offer is accepted
(the person is admitted), withdrawn, or expires.

Every state change is a conditional UPDATE on ``status='held'`` (a claim), so a second caller
— a double click, two workers, an expiry sweep racing an admission — changes nothing. The
place itself is held and released through ``programs.services`` under a row lock on the
program; the program table's check constraint is the last line of defence."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.roles import require_permission
from programs.models import Program
from programs.services import (
    program_seat_enroll_from_hold,
    program_seat_hold,
    program_seat_release,
)

from ..models import Referral, SeatOffer
from ..selectors.offers import default_hold_hours
from .audit_trail import audit_seat_offer

MIN_HOLD_HOURS = 1
MAX_HOLD_HOURS = 14 * 24
HELD = SeatOffer.Status.HELD


def _audit_status(offer_id: int, detail: str, **event) -> None:
    """A status change of an offer; no ``actor`` means the system (expiry, admission)."""
    audit_seat_offer(
        offer_id, action=AuditEvent.Action.CHANGE, fields=["status"], detail=detail, **event
    )


def _close(offer_id: int, program_id: int, to_status: str, now: datetime, **conditions) -> bool:
    """Claim a live offer for ``to_status`` and give its place back (or enroll it)."""
    claimed = SeatOffer.objects.filter(pk=offer_id, status=HELD, **conditions).update(
        status=to_status, closed_at=now
    )
    if not claimed:
        return False
    if to_status == SeatOffer.Status.ACCEPTED:
        program_seat_enroll_from_hold(program_id=program_id)
    else:
        program_seat_release(program_id=program_id)
    return True


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
    One live offer per referral and program; the program must be active with a place open."""
    require_permission(offered_by, roles.WORK_REFERRAL)
    hours = default_hold_hours() if hold_hours is None else hold_hours
    if not MIN_HOLD_HOURS <= hours <= MAX_HOLD_HOURS:
        raise ValidationError(
            {"hold_hours": f"Hold a place for {MIN_HOLD_HOURS} to {MAX_HOLD_HOURS} hours."}
        )
    referral = Referral.objects.select_for_update().get(pk=referral.pk)  # one offer at a time
    if not referral.is_open:
        raise ValidationError("This referral has ended; reopen it before offering a place.")
    now = timezone.now()
    stale = SeatOffer.objects.filter(
        referral=referral, program=program, status=HELD, expires_at__lte=now
    ).values_list("pk", flat=True)
    for offer_id in list(stale):  # an expired hold the sweep has not reached yet
        if _close(offer_id, program.pk, SeatOffer.Status.EXPIRED, now):
            _audit_status(offer_id, "expired")
    if SeatOffer.objects.filter(referral=referral, program=program, status=HELD).exists():
        raise ValidationError(f"A place in {program.name} is already held for this person.")
    if not program.is_active:
        raise ValidationError(f"{program.name} is not taking new people.")
    if not program_seat_hold(program_id=program.pk):
        raise ValidationError(f"{program.name} has no open place right now.")
    offer = SeatOffer.objects.create(
        referral=referral,
        program=program,
        offered_by=offered_by,
        expires_at=now + timedelta(hours=hours),
    )
    audit_seat_offer(
        offer.pk,
        action=AuditEvent.Action.CREATE,
        actor=offered_by,
        ip_address=ip_address,
        fields=["referral", "program", "expires_at"],
        detail=f"referral {referral.pk} program {program.pk} held {hours} h",
    )
    return offer


@transaction.atomic
def seat_offer_withdraw(*, offer: SeatOffer, actor, ip_address: str | None = None) -> bool:
    """Withdraw a live offer and give its place back; False when it was no longer live."""
    require_permission(actor, roles.WORK_REFERRAL)
    if not _close(offer.pk, offer.program_id, SeatOffer.Status.WITHDRAWN, timezone.now()):
        return False
    _audit_status(offer.pk, "withdrawn", actor=actor, ip_address=ip_address)
    return True


def seat_offers_expire_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Expire live offers past their time and release their places. Idempotent: each offer is
    claimed by a conditional UPDATE in its own transaction. Returns how many expired."""
    now = now or timezone.now()
    due = SeatOffer.objects.filter(status=HELD, expires_at__lte=now).order_by("expires_at")
    expired = 0
    for offer_id, program_id in list(due.values_list("pk", "program_id")[:limit]):
        with transaction.atomic():
            if _close(offer_id, program_id, SeatOffer.Status.EXPIRED, now, expires_at__lte=now):
                _audit_status(offer_id, "expired")
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
    if offer is None or not _close(offer.pk, offer.program_id, SeatOffer.Status.ACCEPTED, now):
        return None
    _audit_status(offer.pk, "accepted")
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
        if _close(offer_id, program_id, SeatOffer.Status.WITHDRAWN, now):
            _audit_status(offer_id, "withdrawn: referral ended")
            released += 1
    return released
