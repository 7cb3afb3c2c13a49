"""Offering a program's place to a referral, and withdrawing the offer, from the referral
page's "Program matches" section. The services check the rules; the message says what
happened, and nothing changes when an offer is refused."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from audit.services import client_ip
from core import roles
from core.roles import require_permission
from programs.models import Program

from .models import SeatOffer
from .services.offers import seat_offer_create, seat_offer_withdraw
from .views.access import referral_or_404


def _back(pk: int) -> HttpResponse:
    return redirect(reverse("admissions:referral_detail", args=[pk]) + "#section-program_matches")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_POST
def referral_offer_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    require_permission(request.user, roles.WORK_REFERRAL)
    try:
        program_id = int(request.POST.get("program", ""))
        hold_hours = int(request.POST.get("hold_hours", ""))
    except ValueError:
        messages.error(request, "Choose a program and how long to hold the place.")
        return _back(pk)
    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        messages.error(request, "That program is not in the catalog.")
        return _back(pk)
    try:
        offer = seat_offer_create(
            referral=referral,
            program=program,
            offered_by=request.user,
            hold_hours=hold_hours,
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        messages.error(request, f"No place was held: {_error_text(error)}")
        return _back(pk)
    until = date_format(timezone.localtime(offer.expires_at), "M j, Y, g:i A")
    messages.success(request, f"A place in {program.name} is held until {until}.")
    return _back(pk)


@login_required
@require_POST
def referral_offer_withdraw_view(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    referral = referral_or_404(request, pk)
    require_permission(request.user, roles.WORK_REFERRAL)
    offer = get_object_or_404(
        SeatOffer.objects.select_related("program"), pk=offer_pk, referral=referral
    )
    if seat_offer_withdraw(offer=offer, actor=request.user, ip_address=client_ip(request)):
        messages.success(request, f"Offer of {offer.program.name} withdrawn; the place is free.")
    else:
        messages.info(request, f"The offer of {offer.program.name} had already ended.")
    return _back(pk)
