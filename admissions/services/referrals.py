"""Working a referral: assignment, status moves, notes and contact attempts.

Every function here is the one way the workspace writes these things: it checks the rule,
writes the rows in one transaction, records an audit event (ids and field names only) and
schedules or cancels follow-ups through ``admissions.services.followups``.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.roles import has_permission, require_permission

from .. import pipeline
from ..models import ContactAttempt, Note, Referral, StatusChange
from . import contact_rules, followups, offers
from .assessments import assessments_close_for_ending
from .audit_trail import audit_referral
from .next_action import referral_next_action_refresh
from .status_record import referral_locked, status_change_record
from .waitlists import waitlist_entries_close_for_ending

MIN_REASON_LENGTH = 10
_locked = referral_locked


@transaction.atomic
def referral_assign(
    *, referral: Referral, assignee, actor, ip_address: str | None = None
) -> Referral:
    """Assign the referral to a staff member who can see referrals, or unassign it
    (``assignee=None``)."""
    require_permission(actor, roles.WORK_REFERRAL)
    if assignee is not None and not (
        assignee.is_active and has_permission(assignee, roles.VIEW_REFERRAL)
    ):
        raise ValidationError({"assignee": "Choose a staff member who works referrals."})
    referral = _locked(referral)
    new_id = assignee.pk if assignee is not None else None
    if referral.assigned_to_id == new_id:
        raise ValidationError({"assignee": "The referral is already assigned that way."})
    previous_id = referral.assigned_to_id
    referral.assigned_to = assignee
    referral.save(update_fields=["assigned_to", "updated_at"])
    audit_referral(
        referral.pk,
        action=AuditEvent.Action.CHANGE,
        actor=actor,
        ip_address=ip_address,
        fields=["assigned_to"],
        detail=f"assigned_to user {previous_id or '-'} -> user {new_id or '-'}",
    )
    return referral


@transaction.atomic
def referrals_assign_bulk(
    *, referral_ids: list[int], assignee, actor, ip_address: str | None = None
) -> int:
    """Assign (or unassign) several referrals at once from the queue; the ones already
    assigned that way are left alone. Returns how many changed; each change is audited."""
    require_permission(actor, roles.WORK_REFERRAL)
    referrals = list(Referral.objects.filter(pk__in=referral_ids).order_by("pk"))
    if len(referrals) != len(set(referral_ids)):
        raise ValidationError({"referrals": "Some of those referrals no longer exist."})
    target = assignee.pk if assignee is not None else None
    changed = 0
    for referral in referrals:
        if referral.assigned_to_id != target:
            referral_assign(
                referral=referral, assignee=assignee, actor=actor, ip_address=ip_address
            )
            changed += 1
    return changed


def _status_problems(
    referral: Referral, to_status: str, reason: str, unreached_reason: str
) -> dict[str, str]:
    from_status = referral.status
    if to_status not in Referral.Status.values:
        return {"to_status": "Choose a status from the list."}
    if not pipeline.is_allowed(from_status, to_status):
        return {
            "to_status": (
                f"A referral that is {Referral.Status(from_status).label.lower()} can't be "
                f"moved to {Referral.Status(to_status).label.lower()}."
            )
        }
    if to_status in pipeline.TERMINAL and referral.crisis_open:
        return {"to_status": "Record how the crisis ended first (the crisis section above)."}
    problems = {}
    if pipeline.needs_reason(from_status, to_status) and len(reason) < MIN_REASON_LENGTH:
        problems["reason"] = f"Give a reason of at least {MIN_REASON_LENGTH} characters."
    if (
        to_status == pipeline.ADMITTED
        and referral.reached_at is None
        and len(unreached_reason) < MIN_REASON_LENGTH
    ):
        problems["unreached_reason"] = (
            "Nobody has logged reaching this person. Log the contact where they were "
            f"reached, or say here (at least {MIN_REASON_LENGTH} characters) why they are "
            "admitted without one."
        )
    return problems


def _on_ending(referral: Referral, to_status: str) -> None:
    """An ended referral owes no messages and holds no place, appointment or waitlist spot;
    admitted turns its held place into an enrollment."""
    followups.followups_cancel(referral=referral)
    if to_status == pipeline.ADMITTED:
        offers.seat_offer_accept(referral=referral)
    else:
        offers.seat_offers_release_for_referral(referral=referral)
    assessments_close_for_ending(referral=referral, admitted=to_status == pipeline.ADMITTED)
    waitlist_entries_close_for_ending(referral=referral)


@transaction.atomic
def referral_status_change(
    *,
    referral: Referral,
    to_status: str,
    reason: str = "",
    unreached_reason: str = "",
    actor,
    ip_address: str | None = None,
) -> StatusChange:
    """Move the referral along the pipeline; ending (or reopening) one needs a reason, and
    admitting someone nobody has reached needs a reason for that too. Ending it cancels the
    follow-ups still pending and frees what it held."""
    require_permission(actor, roles.WORK_REFERRAL)
    referral = _locked(referral)
    reason, unreached_reason = reason.strip(), unreached_reason.strip()
    problems = _status_problems(referral, to_status, reason, unreached_reason)
    if problems:
        raise ValidationError(problems)
    if to_status == pipeline.ADMITTED and referral.reached_at is None:
        reason = f"{reason}\nAdmitted without a reached contact: {unreached_reason}".strip()
    change = status_change_record(
        referral=referral, to_status=to_status, reason=reason, actor=actor
    )
    referral.save(update_fields=["status", "status_changed_at", "updated_at"])
    if to_status in pipeline.TERMINAL:
        _on_ending(referral, to_status)
    audit_referral(
        referral.pk,
        action=AuditEvent.Action.CHANGE,
        actor=actor,
        ip_address=ip_address,
        fields=["status"],
        detail=f"status_change {change.pk}",
    )
    return change


@transaction.atomic
def referral_note_add(
    *, referral: Referral, author, body: str, ip_address: str | None = None
) -> Note:
    require_permission(author, roles.ADD_NOTE)
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write the note before saving it."})
    note = Note.objects.create(referral=referral, author=author, body=body)
    audit_referral(
        referral.pk,
        action=AuditEvent.Action.CREATE,
        actor=author,
        ip_address=ip_address,
        fields=["notes"],
        detail=f"note {note.pk}",
    )
    return note


def _record_attempt(referral: Referral, attempt: ContactAttempt) -> list[str]:
    """Copy what the queue needs from the attempt onto the referral; the changed fields."""
    at = attempt.created_at
    referral.attempt_count += 1
    referral.last_attempt_at, referral.last_outcome = at, attempt.outcome
    referral.callback_at = attempt.callback_at
    changed = ["attempt_count", "last_attempt_at", "last_outcome", "callback_at"]
    if referral.first_attempt_at is None:
        referral.first_attempt_at = at
        changed.append("first_attempt_at")
    if attempt.reached and referral.reached_at is None:
        # Only reaching the person meets the first-contact deadline.
        referral.reached_at, referral.deadline_met = at, at <= referral.due_at
        changed += ["reached_at", "deadline_met"]
    return changed


@transaction.atomic
def contact_attempt_log(
    *,
    referral: Referral,
    staff,
    channel: str,
    outcome: str,
    note: str = "",
    callback_at: datetime | None = None,
    ip_address: str | None = None,
) -> ContactAttempt:
    """Record one try at reaching the person, with what happened and, optionally, when to
    call back. The first reach settles the first-contact deadline; a new referral starts
    ``contacting``. Refused (nothing saved) when the rules in ``contact_rules`` object."""
    require_permission(staff, roles.WORK_REFERRAL)
    referral = _locked(referral)
    if not referral.is_open:
        raise ValidationError(
            "This referral has ended. Reopen it (status: contacting) before logging contact."
        )
    problems = contact_rules.attempt_problems(
        referral=referral,
        channel=channel,
        outcome=outcome,
        callback_at=callback_at,
        now=timezone.now(),
    )
    if problems:
        raise ValidationError(problems)
    attempt = ContactAttempt.objects.create(
        referral=referral,
        staff=staff,
        channel=channel,
        outcome=outcome,
        note=note.strip(),
        callback_at=callback_at,
    )
    changed = _record_attempt(referral, attempt)
    if referral.status == pipeline.NEW:
        status_change_record(
            referral=referral,
            to_status=pipeline.CONTACTING,
            reason="",
            actor=staff,
            when=attempt.created_at,
        )
        changed += ["status", "status_changed_at"]
    referral.save(update_fields=[*changed, "updated_at"])
    referral_next_action_refresh(referral=referral)
    followups.followups_for_contact_attempt(attempt=attempt)
    audit_referral(
        referral.pk,
        action=AuditEvent.Action.CREATE,
        actor=staff,
        ip_address=ip_address,
        fields=["contact_attempts", *changed],
        detail=f"contact_attempt {attempt.pk}",
    )
    return attempt
