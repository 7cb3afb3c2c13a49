"""A referral's source and referring provider, and its insurance verification: each on its
own page, linked from the referral page. Opening the insurance page is audited (its fields
are PHI); every edit is kept with its old and new values."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import audit_record_views, client_ip
from core import roles
from core.roles import has_permission, require_permission

from ..models import FieldChange, InsuranceStatus, Referral
from ..services.insurance import (
    VERIFICATION_FIELDS,
    InsuranceCheckRefused,
    insurance_eligibility_check,
    insurance_verification_save,
    verification_initial,
)
from ..services.referral_source import SOURCE_FIELDS, referral_source_update
from ..source_forms import InsuranceForm, SourceForm, source_label
from ..source_labels import STAFF_SOURCE_LABELS
from .access import referral_or_404

_REFERRAL = Referral.objects.select_related("partner", "latest_screening")


_WORDS = {
    "status": dict(InsuranceStatus.choices),
    "source": {**STAFF_SOURCE_LABELS, "": ""},
}


def _history(referral: Referral, subject: str) -> list[dict]:
    """The latest changes, in the words of the form (labels, not codes)."""
    form = InsuranceForm if subject == FieldChange.Subject.INSURANCE else SourceForm
    rows = (
        FieldChange.objects.filter(referral=referral, subject=subject)
        .select_related("changed_by")
        .order_by("-created_at", "-id")[:50]
    )
    history = []
    for change in rows:
        words = _WORDS.get(change.field, {})
        field = form.base_fields.get(change.field)
        who = change.changed_by
        history.append(
            {
                "when": change.created_at,
                "who": (who.get_full_name() or who.username) if who else "system",
                "label": field.label if field is not None else change.field,
                "old": words.get(change.old_value, change.old_value),
                "new": words.get(change.new_value, change.new_value),
            }
        )
    return history


@login_required
@require_http_methods(["GET", "POST"])
def referral_source_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk, _REFERRAL)
    can_edit = has_permission(request.user, roles.WORK_REFERRAL)
    initial = {name: getattr(referral, name) for name in SOURCE_FIELDS}
    form = SourceForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require_permission(request.user, roles.WORK_REFERRAL)
        if form.is_valid():
            changed = referral_source_update(
                referral=referral,
                actor=request.user,
                values=form.values(),
                ip_address=client_ip(request),
            )
            messages.success(request, "Source saved." if changed else "Nothing had changed.")
            return redirect("admissions:referral_source", pk=pk)
    audit_record_views(request=request, objects=[("referral", referral.pk)], detail="source page")
    return render(
        request,
        "admissions/referral_source.html",
        {
            "referral": referral,
            "form": form,
            "can_edit": can_edit,
            "source_label": source_label(referral.source),
            "history": _history(referral, FieldChange.Subject.SOURCE),
        },
        status=400 if form.errors else 200,
    )


def _insurance_page(request, referral, form, *, status=200) -> HttpResponse:
    verification = verification_initial(referral)
    audit_record_views(
        request=request, objects=[("referral", referral.pk)], detail="insurance viewed"
    )
    return render(
        request,
        "admissions/referral_insurance.html",
        {
            "referral": referral,
            "verification": verification,
            "form": form or InsuranceForm(initial=_initial(verification)),
            "history": _history(referral, FieldChange.Subject.INSURANCE),
        },
        status=status,
    )


def _initial(verification) -> dict[str, object]:
    return {name: getattr(verification, name) for name in VERIFICATION_FIELDS}


def _insurance_referral(request: HttpRequest, pk: int) -> Referral:
    referral = referral_or_404(request, pk, _REFERRAL)
    require_permission(request.user, roles.VERIFY_INSURANCE)
    return referral


@login_required
@require_http_methods(["GET", "POST"])
def referral_insurance_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _insurance_referral(request, pk)
    if request.method == "GET":
        return _insurance_page(request, referral, None)
    form = InsuranceForm(request.POST)
    if not form.is_valid():
        return _insurance_page(request, referral, form, status=400)
    changed = insurance_verification_save(
        referral=referral, actor=request.user, values=form.values(), ip_address=client_ip(request)
    )
    messages.success(request, "Insurance saved." if changed else "Nothing had changed.")
    return redirect("admissions:referral_insurance", pk=pk)


@login_required
@require_POST
def referral_eligibility_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _insurance_referral(request, pk)
    try:
        outcome = insurance_eligibility_check(
            referral=referral, actor=request.user, ip_address=client_ip(request)
        )
    except InsuranceCheckRefused as refused:
        messages.error(request, f"Eligibility not checked. {refused}")
    else:
        changed = len(outcome.changed)
        messages.success(
            request,
            f"Eligibility checked: {changed} field{'s' if changed != 1 else ''} updated from "
            "the payer's answer."
            if changed
            else "Eligibility checked: the payer's answer matches what is recorded.",
        )
    return redirect(reverse("admissions:referral_insurance", args=[pk]))
