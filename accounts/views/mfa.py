"""Enrolling and verifying the second factor (reachable while signed in but unverified)."""

import base64
import io
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from ..forms import CodeForm
from ..services.mfa import enrolment_device, mfa_enrol, mfa_enrolled, mfa_verify
from ..services.refusals import AccountRefused


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/staff/"


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "POST"])
def mfa_enrol_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():
        return HttpResponseRedirect(_next(request))
    if mfa_enrolled(user):
        return redirect("accounts:mfa_verify")
    device = enrolment_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = mfa_enrol(request=request, code=form.cleaned_data["code"])
        except AccountRefused as refused:
            form.add_error("code", refused.message)
        else:
            # Shown in this response only: never stored in the session, never shown again.
            return render(
                request,
                "accounts/mfa_recovery_codes.html",
                {"codes": codes, "next": _next(request)},
            )
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/mfa_enrol.html",
        {
            "form": form,
            "qr": _qr_data_uri(device.config_url),
            "secret": _grouped(secret),
            "next": _next(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():
        return HttpResponseRedirect(_next(request))
    if not mfa_enrolled(user):
        return redirect("accounts:mfa_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kind = mfa_verify(request=request, code=form.cleaned_data["code"])
        except AccountRefused as refused:
            if not request.user.is_authenticated:  # too many wrong codes: signed out
                messages.error(request, refused.message)
                return redirect("admissions:login")
            form.add_error("code", refused.message)
        else:
            if kind == "recovery":
                from ..selectors import recovery_codes_left

                left = recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You used a recovery code; {left} left. If your phone is lost, ask an "
                    "administrator to reset your second factor.",
                )
            return HttpResponseRedirect(_next(request))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next(request)})
