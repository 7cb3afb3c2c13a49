"""Partner links in the staff workspace (administrators): the list with each partner's
link, adding one and changing one. ``screening.services.referral_partner_save`` writes."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from core import roles
from core.roles import view_requires

from .models import ReferralPartner
from .partner_forms import PartnerForm
from .selectors import referral_partners
from .services import referral_partner_save

partner_admin = view_requires(roles.MANAGE_PARTNERS)


def _save(request, form, partner=None):
    try:
        referral_partner_save(actor=request.user, values=form.values(), partner=partner)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
    messages.success(request, "Partner link saved.")
    return redirect("partners:list")


@partner_admin
@require_http_methods(["GET", "POST"])
def partner_list(request: HttpRequest) -> HttpResponse:
    form = PartnerForm(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid():
        done = _save(request, form)
        if done:
            return done
    return render(
        request,
        "screening/staff/partners.html",
        {
            "partners": referral_partners(),
            "form": form,
            "site_url": settings.SITE_URL.rstrip("/"),
        },
        status=400 if form.errors else 200,
    )


@partner_admin
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(ReferralPartner, pk=pk)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        # The ModelForm already copied the values: re-read the row so the service compares.
        done = _save(request, form, ReferralPartner.objects.get(pk=pk))
        if done:
            return done
    return render(
        request,
        "screening/staff/partner_edit.html",
        {"partner": partner, "form": form},
        status=400 if form.errors else 200,
    )
