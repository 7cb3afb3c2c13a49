"""The screener's other pages: start, privacy notice, crisis, too young, result, start over."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from admissions.selectors.deadlines import first_contact_hours
from programs.selectors import program_match_report_for_screening
from screening.choices import ContactMethod
from screening.models import Screening
from screening.scoring.summary import CONTACT, applicant_summary
from screening.services import screening_discard

from ..selectors import screening_for_session, screening_result
from ..session import session_forget
from ..steps import TOPIC_COUNT
from .limits import limit_posts

REACH_BY = {
    ContactMethod.PHONE: "by phone",
    ContactMethod.SMS: "by text message",
    ContactMethod.EMAIL: "by email",
}


@require_safe
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    screening = screening_for_session(request)
    return render(
        request,
        "applicant/start.html",
        {
            "draft": screening
            if screening and screening.status == Screening.Status.DRAFT
            else None,
            "submitted": screening is not None and screening.status == Screening.Status.SUBMITTED,
            "topic_count": TOPIC_COUNT,
        },
    )


@require_POST
@limit_posts
def start_over(request: HttpRequest) -> HttpResponse:
    """Forget this browser's screening; an unfinished draft is deleted too."""
    screening = screening_for_session(request)
    if screening is not None and screening.status == Screening.Status.DRAFT:
        screening_discard(screening=screening)
    session_forget(request)
    return redirect("applicant:start")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "applicant/privacy.html")


@require_safe
@never_cache
def crisis(request: HttpRequest) -> HttpResponse:
    screening = screening_for_session(request)
    in_progress = screening is not None and screening.status == Screening.Status.DRAFT
    return render(
        request,
        "applicant/crisis.html",
        {
            "alerted": screening is not None and screening.crisis_at is not None,
            "can_continue": in_progress,
        },
    )


@require_safe
def too_young(request: HttpRequest) -> HttpResponse:
    return render(request, "applicant/too_young.html")


def _within(hours: int) -> str:
    if hours <= 1:
        return "within the hour"
    if hours <= 24:
        return f"within {hours} hours"
    days = round(hours / 24)
    return f"within {days} days"


@require_safe
@never_cache
def result(request: HttpRequest) -> HttpResponse:
    screening = screening_result(request)
    if screening is None:
        return redirect("applicant:start")
    recommendation = screening.recommendation
    referral = screening.referral_link.referral
    crisis = referral.crisis or recommendation.crisis
    urgency = referral.urgency
    sentences = [
        sentence
        for sentence in applicant_summary(
            recommendation.level, crisis, urgency, list(recommendation.flags)
        )
        if sentence not in CONTACT.values()
    ]
    return render(
        request,
        "applicant/result.html",
        {
            "screening": screening,
            "referral": referral,
            "crisis": crisis,
            "sentences": sentences,
            "within": _within(first_contact_hours(urgency=urgency)),
            "reach_by": REACH_BY.get(screening.preferred_contact, ""),
            "match_report": program_match_report_for_screening(
                screening=screening, level=referral.effective_level, crisis=crisis
            ),
        },
    )
