"""Save and finish later: email a single-use link, and open a draft from such a link."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from admissions.services.resume_links import ResumeLinkLimited, resume_link_request
from core.client_address import client_address
from screening.models import Screening
from screening.selectors import resume_token_lookup
from screening.services import resume_token_redeem

from ..forms import ResumeLinkForm
from ..selectors import screening_for_session
from ..session import session_forget, session_remember
from .limits import limit_all, limit_posts


def _limited_message(reason: str) -> str:
    if reason == "client":
        return _(
            "We've sent several links from this connection in the last hour. Please use the "
            "newest one, or try again later."
        )
    return _(
        "We've sent several links in the last hour. Please use the newest one, or try again later."
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts
def save_later(request: HttpRequest) -> HttpResponse:
    screening = screening_for_session(request)
    if screening is None or screening.status != Screening.Status.DRAFT:
        return redirect("applicant:start")
    sent_to = ""
    if request.method == "POST" and request.POST.get("action") == "forget":
        session_forget(request)
        return render(request, "applicant/forgotten.html")
    if request.method == "POST":
        form = ResumeLinkForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                resume_link_request(
                    screening=screening, email=email, client_address=client_address(request)
                )
            except ResumeLinkLimited as limited:
                form.add_error("email", _limited_message(limited.reason))
            else:
                sent_to = email
                form = ResumeLinkForm(initial={"email": email})
    else:
        form = ResumeLinkForm(initial={"email": screening.email})
    return render(
        request,
        "applicant/save_later.html",
        {"form": form, "sent_to": sent_to, "error_list": _errors(form)},
    )


def _errors(form: ResumeLinkForm) -> list[dict[str, str]]:
    if not form.is_bound or form.is_valid():
        return []
    return [
        {"label": _("Email address"), "message": message, "anchor": form["email"].auto_id}
        for message in form.errors.get("email", [])[:1]
    ]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit_all
def resume(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners that open links must not use the token up); POST
    uses the token, remembers the draft in this browser and continues where it stopped."""
    if request.method == "GET":
        valid = resume_token_lookup(raw_token=token) is not None
        return render(
            request, "applicant/resume.html", {"valid": valid}, status=200 if valid else 410
        )
    screening = resume_token_redeem(raw_token=token)
    if screening is None:
        return render(request, "applicant/resume.html", {"valid": False}, status=410)
    session_forget(request)
    session_remember(request, screening)
    return redirect("applicant:wizard")
