"""The crisis pathway's staff actions: acknowledging an alert (the alert's link lands here,
after sign-in), recording a crisis episode's outcome, co-signing or declining a lowered crisis
level, and recording the brief safety assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import audit_record_views, client_ip
from core import roles
from core.roles import has_permission, require_permission

from ..crisis_forms import CosignForm, CrisisOutcomeForm, DeclineForm, SafetyAssessmentForm
from ..models import CrisisEpisode, OverrideRequest
from ..services.cosign import override_cosign, override_request_decline, override_request_withdraw
from ..services.crisis_episodes import crisis_alert_acknowledge, crisis_outcome_record
from ..services.safety_assessments import safety_assessment_record
from .access import referral_or_404
from .referral import referral_action


def _referral_url(pk: int, anchor: str) -> str:
    return reverse("admissions:referral_detail", args=[pk]) + f"#{anchor}"


@login_required
@require_http_methods(["GET", "POST"])
def crisis_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what the alert is about and one button; POST: acknowledge it."""
    episode = get_object_or_404(CrisisEpisode.objects.select_related("acknowledged_by"), pk=pk)
    referral = referral_or_404(request, episode.referral_id)
    if request.method == "POST":
        require_permission(request.user, roles.RESPOND_CRISIS)
        acknowledged = crisis_alert_acknowledge(
            episode=episode, clinician=request.user, ip_address=client_ip(request)
        )
        if acknowledged:
            messages.success(
                request,
                "Alert acknowledged: repeats and escalations have stopped. Now reach the person.",
            )
        else:
            messages.info(request, "This alert had been acknowledged already.")
        return redirect(_referral_url(referral.pk, "crisis"))
    audit_record_views(request=request, objects=[("referral", referral.pk)])
    return render(
        request,
        "admissions/crisis/acknowledge.html",
        {
            "episode": episode,
            "referral": referral,
            "can_respond": has_permission(request.user, roles.RESPOND_CRISIS),
        },
    )


def _episode_of(referral, episode_pk: int) -> CrisisEpisode:
    episode = CrisisEpisode.objects.filter(pk=episode_pk, referral=referral).first()
    if episode is None:
        raise Http404("No such crisis episode")
    return episode


@login_required
@require_POST
def crisis_outcome_view(request: HttpRequest, pk: int, episode_pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.RESPOND_CRISIS,
        form_class=CrisisOutcomeForm,
        form_key="outcome_form",
        perform=lambda referral, data: crisis_outcome_record(
            episode=_episode_of(referral, episode_pk),
            clinician=request.user,
            outcome=data["outcome"],
            note=data["note"],
            ip_address=client_ip(request),
        ),
        message="Crisis outcome recorded; the crisis episode is closed.",
        anchor="crisis",
    )


def _request_of(referral, request_pk: int) -> OverrideRequest:
    row = OverrideRequest.objects.filter(pk=request_pk, referral=referral).first()
    if row is None:
        raise Http404("No such request")
    return row


@login_required
@require_POST
def override_cosign_view(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.OVERRIDE_LEVEL,
        form_class=CosignForm,
        form_key="cosign_form",
        perform=lambda referral, data: override_cosign(
            request=_request_of(referral, request_pk),
            clinician=request.user,
            note=data["note"],
            ip_address=client_ip(request),
        ),
        message="Co-signed: the new level of care is in effect.",
        anchor="level",
    )


@login_required
@require_POST
def override_decline_view(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.OVERRIDE_LEVEL,
        form_class=DeclineForm,
        form_key="decline_form",
        perform=lambda referral, data: override_request_decline(
            request=_request_of(referral, request_pk),
            clinician=request.user,
            note=data["note"],
            ip_address=client_ip(request),
        ),
        message="Declined: the level of care in effect is unchanged.",
        anchor="level",
    )


@login_required
@require_POST
def override_withdraw_view(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.OVERRIDE_LEVEL,
        form_class=CosignForm,
        form_key="withdraw_form",
        perform=lambda referral, data: override_request_withdraw(
            request=_request_of(referral, request_pk),
            clinician=request.user,
            ip_address=client_ip(request),
        ),
        message="Request withdrawn: the level of care in effect is unchanged.",
        anchor="level",
    )


@login_required
@require_POST
def safety_assessment_view(request: HttpRequest, pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.RESPOND_CRISIS,
        form_class=SafetyAssessmentForm,
        form_key="safety_form",
        perform=lambda referral, data: safety_assessment_record(
            referral=referral,
            clinician=request.user,
            summary=data["summary"],
            ip_address=client_ip(request),
        ),
        message="Safety assessment recorded.",
        anchor="safety-assessment",
    )
