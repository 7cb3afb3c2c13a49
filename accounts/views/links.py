"""Choosing a password from an invitation or reset link. The token is taken out of the
address bar at once (kept in the session, like Django's own password reset), so it does not
linger in history, logs or a Referer header."""

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ..services.refusals import AccountRefused
from ..services.set_password_links import LINK_UNUSABLE, link_password_set, link_usable

SESSION_TOKEN_KEY = "accounts_set_password_token"  # noqa: S105 - a session key name


@require_GET
def link_open(request: HttpRequest, token: str) -> HttpResponse:
    request.session[SESSION_TOKEN_KEY] = token[:100]
    return redirect("accounts:link_set_password")


@require_http_methods(["GET", "POST"])
def link_set_password(request: HttpRequest) -> HttpResponse:
    token = request.session.get(SESSION_TOKEN_KEY, "")
    link = link_usable(token)
    if link is None:
        return render(
            request, "accounts/link_unusable.html", {"message": LINK_UNUSABLE}, status=410
        )
    form = SetPasswordForm(link.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link_password_set(
                token=token, password=form.cleaned_data["new_password1"], request=request
            )
        except AccountRefused as refused:
            return render(
                request, "accounts/link_unusable.html", {"message": refused.message}, status=410
            )
        request.session.pop(SESSION_TOKEN_KEY, None)
        messages.success(
            request,
            "Your password is set. Sign in with it; the first time, you will set up an "
            "authenticator app.",
        )
        return redirect("admissions:login")
    return render(
        request,
        "accounts/link_set_password.html",
        {"form": form, "username": link.user.get_username(), "kind": link.kind},
    )
