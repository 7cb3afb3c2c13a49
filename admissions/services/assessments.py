"""Intake assessments: schedule, reschedule, cancel, mark attended or no-show.

Scheduling moves the referral to ``assessment_scheduled`` and books two reminders to the
applicant (24 hours and 2 hours before, in their channel and language, inside their calling
hours); every other change cancels the reminders still pending. A cancelled or missed
assessment sends the referral back to ``contacting``: someone has to call again. Each change
is audited with ids and field names only."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.roles import has_permission, require_permission

from .. import pipeline
from ..models import Assessment, Referral
from .assessment_reminders import assessment_reminders_cancel, assessment_reminders_schedule
from .audit_trail import audit_referral
from .next_action import referral_next_action_refresh
from .status_record import referral_locked, status_change_record

MIN_REASON_LENGTH = 10
HORIZON = timedelta(days=120)
DURATIONS = (30, 45, 60, 90, 120)
SCHEDULED = Assessment.Status.SCHEDULED


def _audit(assessment: Assessment, action: str, fields: list[str], detail: str, actor, ip):
    audit_referral(
        assessment.referral_id,
        action=action,
        actor=actor,
        ip_address=ip,
        fields=fields,
        detail=f"assessment {assessment.pk} {detail}",
    )


def _clinician_busy(clinician, starts_at: datetime, minutes: int, exclude: int | None) -> bool:
    """Whether the clinician has another scheduled assessment overlapping this one."""
    ends_at = starts_at + timedelta(minutes=minutes)
    others = Assessment.objects.filter(
        clinician=clinician,
        status=SCHEDULED,
        starts_at__lt=ends_at,
        starts_at__gt=starts_at - timedelta(minutes=max(DURATIONS)),
    ).exclude(pk=exclude)
    return any(
        o.starts_at + timedelta(minutes=o.duration_minutes) > starts_at
        for o in others.only("starts_at", "duration_minutes")
    )


def _slot_problems(
    *, starts_at: datetime, mode: str, clinician, minutes: int, exclude: int | None = None
) -> dict[str, str]:
    now = timezone.now()
    problems = {}
    if starts_at <= now:
        problems["starts_at"] = "Choose a time in the future."
    elif starts_at > now + HORIZON:
        problems["starts_at"] = "Choose a time within the next four months."
    if mode not in Assessment.Mode.values:
        problems["mode"] = "Choose phone, video or in person."
    if minutes not in DURATIONS:
        problems["duration_minutes"] = "Choose a length from the list."
    if clinician is None or not (
        clinician.is_active and has_permission(clinician, roles.VIEW_REFERRAL)
    ):
        problems["clinician"] = "Choose a clinician who can see referrals."
    elif "starts_at" not in problems and _clinician_busy(clinician, starts_at, minutes, exclude):
        problems["clinician"] = "That clinician has another assessment booked at that time."
    return problems


def _move_status(referral: Referral, to_status: str, reason: str, actor) -> list[str]:
    if referral.status == to_status or not pipeline.is_allowed(referral.status, to_status):
        return []
    status_change_record(referral=referral, to_status=to_status, reason=reason, actor=actor)
    referral.save(update_fields=["status", "status_changed_at", "updated_at"])
    return ["status"]


def _book(referral: Referral, *, actor, replaces: Assessment | None = None, **slot) -> Assessment:
    assessment = Assessment.objects.create(
        referral=referral, scheduled_by=actor, replaces=replaces, **slot
    )
    assessment_reminders_schedule(assessment=assessment)
    return assessment


@transaction.atomic
def assessment_schedule(
    *,
    referral: Referral,
    starts_at: datetime,
    mode: str,
    clinician,
    actor,
    duration_minutes: int = 60,
    location: str = "",
    ip_address: str | None = None,
) -> Assessment:
    """Book the assessment of an open referral that has none booked."""
    require_permission(actor, roles.WORK_REFERRAL)
    referral = referral_locked(referral)
    if not referral.is_open:
        raise ValidationError("This referral has ended; reopen it before booking.")
    if referral.assessments.filter(status=SCHEDULED).exists():
        raise ValidationError("An assessment is already booked: reschedule that one instead.")
    slot = {"starts_at": starts_at, "mode": mode, "clinician": clinician}
    problems = _slot_problems(**slot, minutes=duration_minutes)
    if problems:
        raise ValidationError(problems)
    assessment = _book(
        referral,
        actor=actor,
        duration_minutes=duration_minutes,
        location=location.strip(),
        **slot,
    )
    changed = _move_status(referral, pipeline.ASSESSMENT_SCHEDULED, "", actor)
    referral_next_action_refresh(referral=referral)
    _audit(
        assessment,
        AuditEvent.Action.CREATE,
        ["assessments", *changed],
        "scheduled",
        actor,
        ip_address,
    )
    return assessment


def _live(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().select_related("referral").get(pk=assessment.pk)
    if locked.status != SCHEDULED:
        raise ValidationError(f"This assessment is already {locked.get_status_display().lower()}.")
    return locked


def _close(assessment: Assessment, status: str, reason: str = "") -> None:
    assessment.status, assessment.reason = status, reason
    assessment.closed_at = timezone.now()
    assessment.save(update_fields=["status", "reason", "closed_at"])
    assessment_reminders_cancel(assessment=assessment)


def _reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {"reason": f"Give a reason of at least {MIN_REASON_LENGTH} characters."}
        )
    return reason


@transaction.atomic
def assessment_reschedule(
    *,
    assessment: Assessment,
    starts_at: datetime,
    mode: str,
    clinician,
    actor,
    reason: str,
    duration_minutes: int | None = None,
    location: str | None = None,
    ip_address: str | None = None,
) -> Assessment:
    """Move a booked assessment: the old row is kept as ``rescheduled`` and a new one, with
    fresh reminders, replaces it."""
    require_permission(actor, roles.WORK_REFERRAL)
    old = _live(assessment)
    minutes = duration_minutes or old.duration_minutes
    slot = {"starts_at": starts_at, "mode": mode, "clinician": clinician}
    problems = _slot_problems(**slot, minutes=minutes, exclude=old.pk)
    try:
        reason = _reason(reason)
    except ValidationError as error:
        problems.update({k: v[0] for k, v in error.message_dict.items()})
    if problems:
        raise ValidationError(problems)
    _close(old, Assessment.Status.RESCHEDULED, reason)
    new = _book(
        old.referral,
        actor=actor,
        replaces=old,
        duration_minutes=minutes,
        location=old.location if location is None else location.strip(),
        **slot,
    )
    referral_next_action_refresh(referral=old.referral)
    _audit(new, AuditEvent.Action.CHANGE, ["assessments"], f"replaces {old.pk}", actor, ip_address)
    return new


def _back_to_contacting(assessment: Assessment, why: str, actor) -> list[str]:
    referral = referral_locked(assessment.referral)
    changed = _move_status(referral, pipeline.CONTACTING, why, actor)
    referral_next_action_refresh(referral=referral)
    return changed


@transaction.atomic
def assessment_cancel(
    *, assessment: Assessment, actor, reason: str, ip_address: str | None = None
) -> Assessment:
    """Call off a booked assessment; the referral goes back to ``contacting``."""
    require_permission(actor, roles.WORK_REFERRAL)
    assessment = _live(assessment)
    reason = _reason(reason)
    _close(assessment, Assessment.Status.CANCELLED, reason)
    changed = _back_to_contacting(assessment, f"Assessment cancelled: {reason}", actor)
    _audit(
        assessment,
        AuditEvent.Action.CHANGE,
        ["assessments", *changed],
        "cancelled",
        actor,
        ip_address,
    )
    return assessment


@transaction.atomic
def assessment_record_outcome(
    *, assessment: Assessment, attended: bool, actor, ip_address: str | None = None
) -> Assessment:
    """After its start time: the person came (attended) or did not (no-show, and the
    referral goes back to ``contacting``)."""
    require_permission(actor, roles.WORK_REFERRAL)
    assessment = _live(assessment)
    if assessment.starts_at > timezone.now():
        raise ValidationError("The assessment has not started yet.")
    status = Assessment.Status.ATTENDED if attended else Assessment.Status.NO_SHOW
    _close(assessment, status)
    changed = (
        [] if attended else _back_to_contacting(assessment, "Assessment missed (no-show)", actor)
    )
    _audit(
        assessment, AuditEvent.Action.CHANGE, ["assessments", *changed], status, actor, ip_address
    )
    return assessment


def assessments_close_for_ending(*, referral: Referral, admitted: bool) -> None:
    """The referral ended: a booked assessment in the past counts as attended when the person
    was admitted; any other is cancelled, and its reminders with it."""
    now = timezone.now()
    for assessment in referral.assessments.filter(status=SCHEDULED):
        if admitted and assessment.starts_at <= now:
            _close(assessment, Assessment.Status.ATTENDED)
        else:
            _close(assessment, Assessment.Status.CANCELLED, "The referral ended.")
