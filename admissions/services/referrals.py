"""Working a referral: assignment, status moves, notes and contact attempts.

Every function here is the one way the workspace writes these things: it checks the rule,
writes the rows in one transaction, records an audit event (ids and field names only) and
schedules or cancels follow-ups through ``admissions.services.followups``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditEvent
from core import roles
from core.roles import has_permission, require_permission

from .. import pipeline
from ..models import ContactAttempt, Note, Referral, StatusChange
from . import followups, offers
from .audit_trail import audit_referral

MIN_REASON_LENGTH = 10


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _change_status(
    *, referral: Referral, to_status: str, reason: str, actor, when=None
) -> StatusChange:
    change = StatusChange.objects.create(
        referral=referral,
        from_status=referral.status,
        to_status=to_status,
        reason=reason,
        changed_by=actor,
    )
    referral.status = to_status
    referral.status_changed_at = when or change.created_at
    return change


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
def referral_status_change(
    *, referral: Referral, to_status: str, reason: str = "", actor, ip_address: str | None = None
) -> StatusChange:
    """Move the referral along the pipeline; ending (or reopening) one needs a reason.
    Ending it cancels the follow-ups still pending."""
    require_permission(actor, roles.WORK_REFERRAL)
    referral = _locked(referral)
    from_status = referral.status
    if to_status not in Referral.Status.values:
        raise ValidationError({"to_status": "Choose a status from the list."})
    if not pipeline.is_allowed(from_status, to_status):
        raise ValidationError(
            {
                "to_status": (
                    f"A referral that is {Referral.Status(from_status).label.lower()} can't be "
                    f"moved to {Referral.Status(to_status).label.lower()}."
                )
            }
        )
    if to_status in pipeline.TERMINAL and referral.crisis_open:
        raise ValidationError(
            {"to_status": "Record how the crisis ended first (the crisis section above)."}
        )
    reason = reason.strip()
    if pipeline.needs_reason(from_status, to_status) and len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {"reason": f"Give a reason of at least {MIN_REASON_LENGTH} characters."}
        )
    change = _change_status(referral=referral, to_status=to_status, reason=reason, actor=actor)
    referral.save(update_fields=["status", "status_changed_at", "updated_at"])
    if to_status in pipeline.TERMINAL:
        followups.followups_cancel(referral=referral)
        # Admitted: the held place becomes an enrollment; any other ending frees held places.
        if to_status == pipeline.ADMITTED:
            offers.seat_offer_accept(referral=referral)
        else:
            offers.seat_offers_release_for_referral(referral=referral)
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


@transaction.atomic
def contact_attempt_log(
    *,
    referral: Referral,
    staff,
    channel: str,
    outcome: str,
    note: str = "",
    ip_address: str | None = None,
) -> ContactAttempt:
    """Record one try at reaching the person. The first one records whether the
    first-contact deadline was met; on a new referral it starts ``contacting``."""
    require_permission(staff, roles.WORK_REFERRAL)
    if channel not in ContactAttempt.Channel.values:
        raise ValidationError({"channel": "Choose how you tried to reach them."})
    if outcome not in ContactAttempt.Outcome.values:
        raise ValidationError({"outcome": "Choose what happened."})
    referral = _locked(referral)
    if not referral.is_open:
        raise ValidationError(
            "This referral has ended. Reopen it (status: contacting) before logging contact."
        )
    attempt = ContactAttempt.objects.create(
        referral=referral, staff=staff, channel=channel, outcome=outcome, note=note.strip()
    )
    changed = ["contact_attempts"]
    if referral.first_contact_at is None:
        referral.first_contact_at = attempt.created_at
        referral.deadline_met = attempt.created_at <= referral.due_at
        changed += ["first_contact_at", "deadline_met"]
    if referral.status == pipeline.NEW:
        _change_status(
            referral=referral,
            to_status=pipeline.CONTACTING,
            reason="",
            actor=staff,
            when=attempt.created_at,
        )
        changed += ["status", "status_changed_at"]
    referral.save(update_fields=[f for f in changed if f != "contact_attempts"] + ["updated_at"])
    followups.followups_for_contact_attempt(attempt=attempt)
    audit_referral(
        referral.pk,
        action=AuditEvent.Action.CREATE,
        actor=staff,
        ip_address=ip_address,
        fields=changed,
        detail=f"contact_attempt {attempt.pk}",
    )
    return attempt
