"""Waitlists: a referral waits for a place in a full program, first come first served.

Staff add and remove people; the place itself is offered by ``offer_holds`` the moment one
frees on the admissions side (an offer expired, withdrawn, or its referral ended), and by
``waitlists_fill_open_seats`` — run by beat every minute — when the program side adds places
(capacity raised, an enrollment ended). Every change is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.roles import require_permission
from programs.models import Program

from ..models import Referral, SeatOffer, WaitlistEntry
from .audit_trail import audit_referral
from .offer_holds import program_waitlist_fill
from .offers import seat_offers_expire_due
from .status_record import referral_locked

WAITING = WaitlistEntry.Status.WAITING


def _audit(entry: WaitlistEntry, action: str, detail: str, *, actor=None, ip=None) -> None:
    audit_referral(
        entry.referral_id,
        action=action,
        actor=actor,
        ip_address=ip,
        fields=["waitlist"],
        detail=f"waitlist entry {entry.pk} program {entry.program_id} {detail}",
    )


def _add_problem(referral: Referral, program: Program) -> str | None:
    if not referral.is_open:
        return "This referral has ended; reopen it before adding it to a waitlist."
    if not program.is_active:
        return f"{program.name} is not taking new people."
    if program.open_seats > 0:
        return f"{program.name} has an open place: offer it instead."
    if WaitlistEntry.objects.filter(referral=referral, program=program, status=WAITING).exists():
        return f"This person is already on the {program.name} waitlist."
    held = SeatOffer.objects.filter(
        referral=referral, program=program, status=SeatOffer.Status.HELD
    )
    if held.exists():
        return f"A place in {program.name} is already held for this person."
    return None


@transaction.atomic
def waitlist_add(
    *, referral: Referral, program: Program, actor, ip_address: str | None = None
) -> WaitlistEntry:
    """Put an open referral at the end of a full program's waitlist."""
    require_permission(actor, roles.WORK_REFERRAL)
    referral = referral_locked(referral)
    program = Program.objects.select_for_update().get(pk=program.pk)
    problem = _add_problem(referral, program)
    if problem:
        raise ValidationError(problem)
    entry = WaitlistEntry.objects.create(referral=referral, program=program, added_by=actor)
    _audit(entry, AuditEvent.Action.CREATE, "added", actor=actor, ip=ip_address)
    return entry


@transaction.atomic
def waitlist_remove(
    *, entry: WaitlistEntry, actor, reason: str, ip_address: str | None = None
) -> bool:
    """Take someone off a waitlist; False when they were no longer waiting."""
    require_permission(actor, roles.WORK_REFERRAL)
    reason = reason.strip()[:200]
    if len(reason) < 5:
        raise ValidationError({"reason": "Say in a few words why they come off the list."})
    removed = WaitlistEntry.objects.filter(pk=entry.pk, status=WAITING).update(
        status=WaitlistEntry.Status.REMOVED, removed_reason=reason, closed_at=timezone.now()
    )
    if removed:
        _audit(entry, AuditEvent.Action.CHANGE, "removed", actor=actor, ip=ip_address)
    return bool(removed)


def waitlist_entries_close_for_ending(*, referral: Referral) -> int:
    """The referral ended: it stops waiting everywhere."""
    entries = list(WaitlistEntry.objects.filter(referral=referral, status=WAITING))
    WaitlistEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
        status=WaitlistEntry.Status.REMOVED,
        removed_reason="The referral ended.",
        closed_at=timezone.now(),
    )
    for entry in entries:
        _audit(entry, AuditEvent.Action.CHANGE, "removed: referral ended")
    return len(entries)


def waitlists_fill_open_seats() -> int:
    """Offer the open places of every active program with people waiting (beat, every
    minute); idempotent. Returns how many offers were made."""
    programs = (
        Program.objects.filter(is_active=True, waitlist_entries__status=WAITING)
        .filter(capacity__gt=F("enrolled") + F("held"))
        .values_list("pk", flat=True)
        .distinct()
    )
    return sum(program_waitlist_fill(program_id=pk) for pk in list(programs))


def seats_sweep() -> tuple[int, int]:
    """One beat round: expire the holds past their time (each freed place goes to the
    waitlist at once), then offer places the program side opened. (expired, offered)."""
    return seat_offers_expire_due(), waitlists_fill_open_seats()
