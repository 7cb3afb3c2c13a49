"""Save and finish later: email a single-use link, and open a draft from such a link."""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from admissions.models import FollowUp
from admissions.services.followups import followup_request_resume_link
from screening.models import Screening
from screening.selectors import resume_token_lookup
from screening.services import resume_token_redeem, screening_save_step

from ..forms import ResumeLinkForm
from ..selectors import screening_for_session
from ..session import session_forget, session_remember
from .limits import limit_all, limit_posts

LINKS_PER_HOUR = 3


def _links_sent_recently(screening: Screening) -> int:
    since = timezone.now() - timedelta(hours=1)
    return FollowUp.objects.filter(
        screening=screening, kind=FollowUp.Kind.RESUME_LINK, created_at__gte=since
    ).count()


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
        if form.is_valid() and _links_sent_recently(screening) >= LINKS_PER_HOUR:
            form.add_error(
                "email",
                gettext(
                    "We've sent several links in the last hour. Please use the newest one, or "
                    "try again later."
                ),
            )
        if form.is_valid():
            email = form.cleaned_data["email"]
            if email != screening.email:
                screening = screening_save_step(screening=screening, fields={"email": email})
            followup_request_resume_link(screening=screening)
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
        {"label": gettext("Email address"), "message": message, "anchor": form["email"].auto_id}
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
