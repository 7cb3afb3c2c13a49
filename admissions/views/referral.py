"""A referral's review page and the actions taken from it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from audit.services import audit_record_views

from .. import roles
from ..forms import AssignForm, ContactAttemptForm, NoteForm, OverrideForm, StatusForm
from ..models import Referral
from ..sections import detail_sections
from ..selectors.detail import referral_detail_queryset, referral_screening_reviews
from ..services.overrides import recommendation_override
from ..services.referrals import (
    contact_attempt_log,
    referral_assign,
    referral_note_add,
    referral_status_change,
)
from .access import ip, referral_or_404, require_perm


def _forms_for(request: HttpRequest, referral: Referral, bound: dict, can_override: bool) -> dict:
    """Empty forms for every action this user may take, with ``bound`` ones in place."""
    user = request.user
    forms = {}
    if user.has_perm(roles.WORK_REFERRAL):
        forms["assign_form"] = bound.get("assign_form") or AssignForm(
            initial={"assignee": referral.assigned_to_id}
        )
        forms["status_form"] = bound.get("status_form") or StatusForm(
            current_status=referral.status
        )
        if referral.is_open:
            forms["contact_form"] = bound.get("contact_form") or ContactAttemptForm(
                initial={
                    "channel": referral.preferred_contact
                    if referral.preferred_contact in ("phone", "sms", "email")
                    else "phone"
                }
            )
    if user.has_perm(roles.ADD_NOTE):
        forms["note_form"] = bound.get("note_form") or NoteForm()
    if user.has_perm(roles.OVERRIDE_LEVEL) and can_override:
        forms["override_form"] = bound.get("override_form") or OverrideForm()
    return forms


def render_referral(request: HttpRequest, pk: int, *, bound: dict | None = None, status=200):
    """The review page. Every render records who viewed the referral and its screenings."""
    referral = referral_or_404(request, pk, referral_detail_queryset())
    reviews = referral_screening_reviews(referral)
    overrides = list(referral.overrides.all())
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
        "sections": detail_sections(request=request, referral=referral),
        "has_errors": bool(bound),
        **_forms_for(
            request,
            referral,
            bound or {},
            # Only a scored screening can be overridden (a crisis-moment draft is not yet).
            can_override=any(
                r.screening.pk == referral.latest_screening_id and r.recommendation for r in reviews
            ),
        ),
    }
    return render(request, "admissions/referral_detail.html", context, status=status)


@login_required
@require_GET
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_referral(request, pk)


def _done(request: HttpRequest, pk: int, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("admissions:referral_detail", args=[pk]) + f"#{anchor}")


def _failed(request, pk, key, form, error: ValidationError) -> HttpResponse:
    """Show the service's objection next to the field it concerns; nothing was changed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
    return render_referral(request, pk, bound={key: form}, status=400)


@login_required
@require_POST
def referral_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    require_perm(request, roles.WORK_REFERRAL)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return render_referral(request, pk, bound={"assign_form": form}, status=400)
    try:
        referral_assign(
            referral=referral,
            assignee=form.cleaned_data["assignee"],
            actor=request.user,
            ip_address=ip(request),
        )
    except ValidationError as error:
        return _failed(request, pk, "assign_form", form, error)
    return _done(request, pk, "Assignment saved.", "assignment")


@login_required
@require_POST
def referral_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    require_perm(request, roles.WORK_REFERRAL)
    form = StatusForm(request.POST, current_status=referral.status)
    if not form.is_valid():
        return render_referral(request, pk, bound={"status_form": form}, status=400)
    try:
        referral_status_change(
            referral=referral,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
            ip_address=ip(request),
        )
    except ValidationError as error:
        return _failed(request, pk, "status_form", form, error)
    label = Referral.Status(form.cleaned_data["to_status"]).label
    return _done(request, pk, f"Status changed to {label.lower()}.", "status")


@login_required
@require_POST
def referral_note_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    require_perm(request, roles.ADD_NOTE)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render_referral(request, pk, bound={"note_form": form}, status=400)
    try:
        referral_note_add(
            referral=referral,
            author=request.user,
            body=form.cleaned_data["body"],
            ip_address=ip(request),
        )
    except ValidationError as error:
        return _failed(request, pk, "note_form", form, error)
    return _done(request, pk, "Note added.", "notes")


@login_required
@require_POST
def referral_contact_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    require_perm(request, roles.WORK_REFERRAL)
    form = ContactAttemptForm(request.POST)
    if not form.is_valid():
        return render_referral(request, pk, bound={"contact_form": form}, status=400)
    try:
        contact_attempt_log(
            referral=referral,
            staff=request.user,
            channel=form.cleaned_data["channel"],
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            ip_address=ip(request),
        )
    except ValidationError as error:
        return _failed(request, pk, "contact_form", form, error)
    return _done(request, pk, "Contact attempt logged.", "contact")


@login_required
@require_POST
def referral_override_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    require_perm(request, roles.OVERRIDE_LEVEL)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return render_referral(request, pk, bound={"override_form": form}, status=400)
    try:
        recommendation_override(
            referral=referral,
            clinician=request.user,
            level=form.cleaned_data["level"],
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            ip_address=ip(request),
        )
    except ValidationError as error:
        return _failed(request, pk, "override_form", form, error)
    return _done(request, pk, "Override recorded.", "level")
