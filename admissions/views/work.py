"""Actions on the referral page beyond the first call: book, move, cancel or close an
assessment; record consent; put the person on a program's waitlist or take them off it.
Each goes through ``referral_action``: bad input or the service's objection re-renders the
page with the form's errors and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.services import client_ip
from core import roles
from core.roles import require_permission
from programs.models import Program

from ..models import Assessment, WaitlistEntry
from ..services.assessments import (
    assessment_cancel,
    assessment_record_outcome,
    assessment_reschedule,
    assessment_schedule,
)
from ..services.consent import referral_consent_change
from ..services.waitlists import waitlist_add, waitlist_remove
from ..work_forms import (
    AssessmentForm,
    AssessmentOutcomeForm,
    CancelAssessmentForm,
    ConsentForm,
    RescheduleForm,
    WaitlistRemoveForm,
)
from .access import referral_or_404
from .referral import referral_action


def _booked(data: dict) -> str:
    return "Assessment booked; reminders will go out 24 hours and 2 hours before."


@login_required
@require_POST
def assessment_schedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.WORK_REFERRAL,
        form_class=AssessmentForm,
        form_key="assessment_form",
        perform=lambda referral, data: assessment_schedule(
            referral=referral,
            starts_at=data["starts_at"],
            mode=data["mode"],
            clinician=data["clinician"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
            actor=request.user,
            ip_address=client_ip(request),
        ),
        message=_booked,
        anchor="assessment",
    )


def _assessment(referral, assessment_pk: int) -> Assessment:
    return get_object_or_404(Assessment, pk=assessment_pk, referral=referral)


@login_required
@require_POST
def assessment_reschedule_view(request: HttpRequest, pk: int, assessment_pk: int):
    return referral_action(
        request,
        pk,
        permission=roles.WORK_REFERRAL,
        form_class=RescheduleForm,
        form_key="reschedule_form",
        perform=lambda referral, data: assessment_reschedule(
            assessment=_assessment(referral, assessment_pk),
            starts_at=data["starts_at"],
            mode=data["mode"],
            clinician=data["clinician"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
            reason=data["reason"],
            actor=request.user,
            ip_address=client_ip(request),
        ),
        message="Assessment moved; the reminders follow the new time.",
        anchor="assessment",
    )


@login_required
@require_POST
def assessment_cancel_view(request: HttpRequest, pk: int, assessment_pk: int):
    return referral_action(
        request,
        pk,
        permission=roles.WORK_REFERRAL,
        form_class=CancelAssessmentForm,
        form_key="cancel_assessment_form",
        perform=lambda referral, data: assessment_cancel(
            assessment=_assessment(referral, assessment_pk),
            reason=data["reason"],
            actor=request.user,
            ip_address=client_ip(request),
        ),
        message="Assessment cancelled; the referral is back to contacting.",
        anchor="assessment",
    )


def _outcome_message(data: dict) -> str:
    if data["attended"]:
        return "Assessment marked attended."
    return "Marked as a no-show; the referral is back to contacting."


@login_required
@require_POST
def assessment_outcome_view(request: HttpRequest, pk: int, assessment_pk: int):
    return referral_action(
        request,
        pk,
        permission=roles.WORK_REFERRAL,
        form_class=AssessmentOutcomeForm,
        form_key="assessment_outcome_form",
        perform=lambda referral, data: assessment_record_outcome(
            assessment=_assessment(referral, assessment_pk),
            attended=data["attended"],
            actor=request.user,
            ip_address=client_ip(request),
        ),
        message=_outcome_message,
        anchor="assessment",
    )


@login_required
@require_POST
def consent_view(request: HttpRequest, pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.WORK_REFERRAL,
        form_class=ConsentForm,
        form_key="consent_form",
        perform=lambda referral, data: referral_consent_change(
            referral=referral,
            consent_contact=data["consent_contact"],
            consent_sms=data["consent_sms"],
            note=data["note"],
            actor=request.user,
            ip_address=client_ip(request),
        ),
        message="Consent recorded.",
        anchor="consent",
    )


def _to_matches(pk: int) -> HttpResponse:
    return redirect(reverse("admissions:referral_detail", args=[pk]) + "#section-program_matches")


@login_required
@require_POST
def waitlist_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    require_permission(request.user, roles.WORK_REFERRAL)
    program = Program.objects.filter(pk=request.POST.get("program", "0") or 0).first()
    if program is None:
        messages.error(request, "That program is not in the catalog.")
        return _to_matches(pk)
    try:
        waitlist_add(
            referral=referral, program=program, actor=request.user, ip_address=client_ip(request)
        )
    except ValidationError as error:
        messages.error(request, f"Not added: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Added to the {program.name} waitlist.")
    return _to_matches(pk)


@login_required
@require_POST
def waitlist_remove_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    require_permission(request.user, roles.WORK_REFERRAL)
    entry = get_object_or_404(
        WaitlistEntry.objects.select_related("program"), pk=entry_pk, referral=referral
    )
    form = WaitlistRemoveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        removed = waitlist_remove(
            entry=entry, actor=request.user, reason=reason, ip_address=client_ip(request)
        )
    except ValidationError as error:
        messages.error(request, f"Not removed: {' '.join(error.messages)}")
        return _to_matches(pk)
    if removed:
        messages.success(request, f"Taken off the {entry.program.name} waitlist.")
    else:
        messages.info(request, f"They were no longer waiting for {entry.program.name}.")
    return _to_matches(pk)
