"""Holding and releasing seats for offers, and the waitlist that takes a released seat.

Every offer, whoever makes it, is created here: it holds the place (``programs.services``,
under a row lock on the program), is audited, tells the applicant (in their channel, when
they consented, in their calling hours) and moves the referral's next action. Every release
of a place ends here too, and offers it straight to the first person waiting for that
program — so an expiry, a withdrawal or a referral that ended hands the seat on at once.
Capacity raised and enrollments ended on the programs side are picked up by the beat sweep
(``waitlists_fill_open_seats``), because programs never imports admissions."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from programs.models import Program
from programs.services import (
    program_seat_enroll_from_hold,
    program_seat_hold,
    program_seat_release,
)

from .. import pipeline
from ..models import FollowUp, Referral, SeatOffer, WaitlistEntry
from ..selectors.offers import default_hold_hours
from .audit_trail import audit_referral, audit_seat_offer
from .contact_window import next_calling_time
from .followups import applicant_channel, followup_schedule
from .next_action import referral_next_action_refresh

HELD = SeatOffer.Status.HELD
WAITLIST_ACTOR = "waitlist"


def audit_offer(offer_id: int, detail: str, **event) -> None:
    """A status change of an offer; no ``actor`` means the system (expiry, admission)."""
    audit_seat_offer(
        offer_id, action=AuditEvent.Action.CHANGE, fields=["status"], detail=detail, **event
    )


def offer_close(offer_id: int, program_id: int, to_status: str, now: datetime, **conditions):
    """Claim a live offer for ``to_status`` and enroll its place (accepted) or give it back
    and offer it to the waitlist. False when the offer was no longer live."""
    claimed = SeatOffer.objects.filter(pk=offer_id, status=HELD, **conditions).update(
        status=to_status, closed_at=now
    )
    if not claimed:
        return False
    if to_status == SeatOffer.Status.ACCEPTED:
        program_seat_enroll_from_hold(program_id=program_id)
    else:
        program_seat_release(program_id=program_id)
    referral_id = SeatOffer.objects.values_list("referral_id", flat=True).get(pk=offer_id)
    referral_next_action_refresh(referral=Referral.objects.get(pk=referral_id))
    if to_status != SeatOffer.Status.ACCEPTED:
        program_waitlist_fill(program_id=program_id)
    return True


def _notify(offer: SeatOffer) -> None:
    referral = offer.referral
    channel = applicant_channel(referral)
    if channel is None:
        return
    followup_schedule(
        kind=FollowUp.Kind.SEAT_OFFER,
        channel=channel,
        referral=referral,
        seat_offer=offer,
        scheduled_for=next_calling_time(referral, offer.created_at),
        dedupe_key=f"seat_offer:offer:{offer.pk}",
    )


def offer_hold(
    *, referral: Referral, program: Program, offered_by, hours: int, ip_address: str | None = None
) -> SeatOffer | None:
    """Hold one place of ``program`` for ``referral``; None when there is no open place.
    ``offered_by`` None: the waitlist offered it. Call inside a transaction."""
    if not program_seat_hold(program_id=program.pk):
        return None
    offer = SeatOffer.objects.create(
        referral=referral,
        program=program,
        offered_by=offered_by,
        expires_at=timezone.now() + timedelta(hours=hours),
    )
    audit_seat_offer(
        offer.pk,
        action=AuditEvent.Action.CREATE,
        actor=offered_by,
        actor_label=WAITLIST_ACTOR,
        ip_address=ip_address,
        fields=["referral", "program", "expires_at"],
        detail=f"referral {referral.pk} program {program.pk} held {hours} h",
    )
    _notify(offer)
    referral_next_action_refresh(referral=referral)
    return offer


def _next_waiting(program_id: int) -> WaitlistEntry | None:
    return (
        WaitlistEntry.objects.select_for_update()
        .select_related("referral", "program")
        .filter(
            program_id=program_id,
            status=WaitlistEntry.Status.WAITING,
            referral__status__in=pipeline.OPEN,
        )
        .order_by("added_at", "id")
        .first()
    )


def waitlist_entry_close(entry: WaitlistEntry, offer: SeatOffer) -> None:
    """The person waiting got a place: their entry is settled by ``offer``."""
    entry.status, entry.offer = WaitlistEntry.Status.OFFERED, offer
    entry.closed_at = offer.created_at
    entry.save(update_fields=["status", "offer", "closed_at"])
    audit_referral(
        entry.referral_id,
        action=AuditEvent.Action.CHANGE,
        fields=["waitlist"],
        detail=f"waitlist entry {entry.pk} program {entry.program_id} offered {offer.pk}",
    )


@transaction.atomic
def program_waitlist_fill(*, program_id: int) -> int:
    """Offer every open place of the program to the people waiting for it, first come
    first served; returns how many offers were made."""
    made = 0
    while (entry := _next_waiting(program_id)) is not None:
        live = SeatOffer.objects.filter(
            referral=entry.referral, program_id=program_id, status=HELD
        ).first()
        offer = live or offer_hold(
            referral=entry.referral,
            program=entry.program,
            offered_by=None,
            hours=default_hold_hours(),
        )
        if offer is None:
            break
        waitlist_entry_close(entry, offer)
        made += live is None
    return made
