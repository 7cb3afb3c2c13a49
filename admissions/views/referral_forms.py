"""The empty forms the referral page offers this user, with any bound (invalid) one in
place so its errors show where the user typed."""

from __future__ import annotations

from django.http import HttpRequest

from core import roles
from core.roles import has_permission

from ..forms import AssignForm, ContactAttemptForm, NoteForm, OverrideForm, StatusForm
from ..models import Referral
from ..services.contact_window import applicant_zone, suggested_callback
from ..work_forms import (
    AssessmentForm,
    AssessmentOutcomeForm,
    CancelAssessmentForm,
    ConsentForm,
    RescheduleForm,
)


def contact_form(referral: Referral) -> ContactAttemptForm:
    preferred = referral.preferred_contact
    channel = preferred if preferred in ("phone", "email") else "phone"
    if preferred == "sms" and referral.consent_sms:
        channel = "sms"
    return ContactAttemptForm(
        zone=applicant_zone(referral),
        initial={"channel": channel, "callback_at": suggested_callback(referral)},
    )


def _assessment_forms(referral: Referral, bound: dict, scheduled) -> dict:
    if scheduled is None:
        return {
            "assessment_form": bound.get("assessment_form")
            or AssessmentForm(initial={"clinician": None, "mode": "phone"})
        }
    initial = {
        "starts_at": scheduled.starts_at,
        "duration_minutes": scheduled.duration_minutes,
        "mode": scheduled.mode,
        "clinician": scheduled.clinician_id,
        "location": scheduled.location,
    }
    return {
        "reschedule_form": bound.get("reschedule_form") or RescheduleForm(initial=initial),
        "cancel_assessment_form": bound.get("cancel_assessment_form") or CancelAssessmentForm(),
        "assessment_outcome_form": AssessmentOutcomeForm(),
    }


def _work_forms(referral: Referral, bound: dict, scheduled) -> dict:
    forms = {
        "assign_form": bound.get("assign_form")
        or AssignForm(initial={"assignee": referral.assigned_to_id}),
        "status_form": bound.get("status_form")
        or StatusForm(current_status=referral.status, reached=referral.reached_at is not None),
        "consent_form": bound.get("consent_form")
        or ConsentForm(
            initial={
                "consent_contact": referral.consent_contact,
                "consent_sms": referral.consent_sms,
            }
        ),
    }
    if referral.is_open:
        forms["contact_form"] = bound.get("contact_form") or contact_form(referral)
        forms.update(_assessment_forms(referral, bound, scheduled))
    return forms


def referral_forms(
    request: HttpRequest, referral: Referral, bound: dict, *, can_override: bool, scheduled
) -> dict:
    """Every action form this user may use on this referral."""
    user = request.user
    forms = {}
    if has_permission(user, roles.WORK_REFERRAL):
        forms.update(_work_forms(referral, bound, scheduled))
    if has_permission(user, roles.ADD_NOTE):
        forms["note_form"] = bound.get("note_form") or NoteForm()
    if has_permission(user, roles.OVERRIDE_LEVEL) and can_override:
        forms["override_form"] = bound.get("override_form") or OverrideForm()
    return forms
