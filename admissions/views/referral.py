"""A referral's review page and the actions taken from it."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from audit.services import audit_record_views, client_ip
from core import roles
from core.roles import has_permission, require_permission

from ..forms import AssignForm, ContactAttemptForm, NoteForm, OverrideForm, StatusForm
from ..models import ContactAttempt, Referral
from ..selectors.detail import referral_detail_queryset, referral_screening_reviews
from ..selectors.same_person import open_matches
from ..services.contact_window import applicant_zone, local_clock
from ..services.cosign import override_request
from ..services.overrides import needs_cosign, recommendation_override
from ..services.referrals import (
    contact_attempt_log,
    referral_assign,
    referral_note_add,
    referral_status_change,
)
from ..source_labels import source_label
from .access import referral_or_404
from .crisis_context import crisis_context
from .program_matches import referral_matches_context
from .queue import queue_back_url
from .referral_forms import referral_forms


def render_referral(request: HttpRequest, pk: int, *, bound: dict | None = None, status=200):
    """The review page. Every render records who viewed the referral and its screenings."""
    referral = referral_or_404(request, pk, referral_detail_queryset())
    reviews = referral_screening_reviews(referral)
    overrides = list(referral.overrides.all())
    assessments = list(referral.assessments.all())
    scheduled = next((a for a in assessments if a.is_scheduled), None)
    audit_record_views(
        request=request,
        objects=[("referral", referral.pk)] + [("screening", r.screening.pk) for r in reviews],
    )
    context = {
        "referral": referral,
        "reviews": reviews,
        "latest_review": reviews[0] if reviews else None,
        "current_override": overrides[0] if overrides else None,
        "earlier_overrides": overrides[1:],
        "status_changes": list(referral.status_changes.all()),
        "notes": list(referral.notes.all()),
        "attempts": list(referral.contact_attempts.all()),
        "followups": list(referral.followups.all()),
        "assessments": assessments,
        "scheduled_assessment": scheduled,
        "their_clock": local_clock(referral),
        "now": timezone.now(),
        "zone": applicant_zone(referral),
        "back_url": queue_back_url(request),
        "program_matches": referral_matches_context(request=request, referral=referral)
        if has_permission(request.user, roles.VIEW_REFERRAL)
        else None,
        "same_person_matches": open_matches(referral),
        "has_errors": bool(bound),
        "referral_source_label": source_label(referral.source),
        **crisis_context(request, referral, bound or {}),
        **referral_forms(
            request,
            referral,
            bound or {},
            # Only a scored screening can be overridden (a crisis-moment draft is not yet).
            can_override=any(
                r.screening.pk == referral.latest_screening_id and r.recommendation for r in reviews
            ),
            scheduled=scheduled,
        ),
    }
    return render(request, "admissions/referral_detail.html", context, status=status)


@login_required
@require_GET
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_referral(request, pk)


def _failed(request, pk, key, form, error: ValidationError) -> HttpResponse:
    """Show the service's objection next to the field it concerns; nothing was changed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
    return render_referral(request, pk, bound={key: form}, status=400)


def referral_action(
    request: HttpRequest,
    pk: int,
    *,
    permission: str,
    form_class: type[forms.Form],
    form_key: str,
    perform: Callable[[Referral, dict], object],
    message: str | Callable[[dict], str],
    anchor: str,
    form_kwargs: Callable[[Referral], dict] | None = None,
) -> HttpResponse:
    """One action from the review page: check access, bind ``form_class`` to the POST and let
    ``perform(referral, cleaned_data)`` call the service. Bad input or the service's objection
    re-renders the page with the form as ``form_key`` (400); success redirects to ``anchor``."""
    referral = referral_or_404(request, pk)
    require_permission(request.user, permission)
    form = form_class(request.POST, **(form_kwargs(referral) if form_kwargs else {}))
    if not form.is_valid():
        return render_referral(request, pk, bound={form_key: form}, status=400)
    try:
        perform(referral, form.cleaned_data)
    except ValidationError as error:
        return _failed(request, pk, form_key, form, error)
    messages.success(request, message(form.cleaned_data) if callable(message) else message)
    return redirect(reverse("admissions:referral_detail", args=[pk]) + f"#{anchor}")


@login_required
@require_POST
def referral_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.WORK_REFERRAL,
        form_class=AssignForm,
        form_key="assign_form",
        perform=lambda referral, data: referral_assign(
            referral=referral,
            assignee=data["assignee"],
            actor=request.user,
            ip_address=client_ip(request),
        ),
        message="Assignment saved.",
        anchor="assignment",
    )


def _status_changed(data: dict) -> str:
    return f"Status changed to {Referral.Status(data['to_status']).label.lower()}."


@login_required
@require_POST
def referral_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.WORK_REFERRAL,
        form_class=StatusForm,
        form_kwargs=lambda referral: {
            "current_status": referral.status,
            "reached": referral.reached_at is not None,
        },
        form_key="status_form",
        perform=lambda referral, data: referral_status_change(
            referral=referral,
            to_status=data["to_status"],
            reason=data["reason"],
            unreached_reason=data.get("unreached_reason", ""),
            actor=request.user,
            ip_address=client_ip(request),
        ),
        message=_status_changed,
        anchor="status",
    )


@login_required
@require_POST
def referral_note_view(request: HttpRequest, pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.ADD_NOTE,
        form_class=NoteForm,
        form_key="note_form",
        perform=lambda referral, data: referral_note_add(
            referral=referral,
            author=request.user,
            body=data["body"],
            ip_address=client_ip(request),
        ),
        message="Note added.",
        anchor="notes",
    )


def _attempt_logged(data: dict) -> str:
    outcome = ContactAttempt.Outcome(data["outcome"]).label.lower()
    if data.get("callback_at"):
        return f"Contact attempt logged ({outcome}); callback set."
    return f"Contact attempt logged ({outcome})."


@login_required
@require_POST
def referral_contact_view(request: HttpRequest, pk: int) -> HttpResponse:
    return referral_action(
        request,
        pk,
        permission=roles.WORK_REFERRAL,
        form_class=ContactAttemptForm,
        form_kwargs=lambda referral: {"zone": applicant_zone(referral)},
        form_key="contact_form",
        perform=lambda referral, data: contact_attempt_log(
            referral=referral,
            staff=request.user,
            channel=data["channel"],
            outcome=data["outcome"],
            note=data["note"],
            callback_at=data.get("callback_at"),
            ip_address=client_ip(request),
        ),
        message=_attempt_logged,
        anchor="contact",
    )


def _override_or_request(request: HttpRequest, referral: Referral, data: dict):
    """A crisis referral lowered below inpatient waits for a co-sign; anything else is
    recorded at once."""
    record = override_request if needs_cosign(referral, data["level"]) else recommendation_override
    return record(
        referral=referral,
        clinician=request.user,
        level=data["level"],
        reason=data["reason"],
        note=data["note"],
        ip_address=client_ip(request),
    )


def _override_message(referral: Referral, data: dict) -> str:
    if needs_cosign(referral, data["level"]):
        return (
            "Waiting for a second clinician to co-sign. Until then the level of care in "
            "effect is unchanged."
        )
    return "Override recorded."


@login_required
@require_POST
def referral_override_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    return referral_action(
        request,
        pk,
        permission=roles.OVERRIDE_LEVEL,
        form_class=OverrideForm,
        form_key="override_form",
        perform=lambda referral, data: _override_or_request(request, referral, data),
        message=lambda data: _override_message(referral, data),
        anchor="level",
    )
