"""The screener's other pages: start, privacy notice, crisis, too young, result, start over."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from admissions.promises import contact_promise, screening_referral
from programs.selectors import program_match_report_for_screening
from screening.choices import Level
from screening.models import Screening
from screening.scoring.summary import CONTACT, applicant_summary
from screening.services import screening_discard

from ..partner_link import partner_link_record
from ..selectors import screening_for_session, screening_result
from ..session import session_forget
from ..steps import TOPIC_COUNT
from ..wording import say
from .crisis import minor_context, phone_step, render_with_phone
from .limits import limit_posts


@require_safe
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    screening = screening_for_session(request)
    if partner_link_record(request, screening):
        # Noted (or, for an unknown code, ignored): show the plain address from here on.
        return redirect("applicant:start")
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


@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts
@never_cache
def crisis(request: HttpRequest) -> HttpResponse:
    """Help now; what the team will do and by when; a phone number if none was given."""
    screening = screening_for_session(request)
    referral = screening_referral(screening) if screening is not None else None
    response, form = phone_step(request, screening if referral else None, "applicant:crisis")
    if response is not None:
        return response
    return render_with_phone(
        request,
        "applicant/crisis.html",
        {
            "promise": contact_promise(referral) if referral is not None else None,
            "can_continue": screening is not None and screening.status == Screening.Status.DRAFT,
            **minor_context(screening),
        },
        form,
    )


@require_safe
def too_young(request: HttpRequest) -> HttpResponse:
    return render(request, "applicant/too_young.html")


@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts
@never_cache
def result(request: HttpRequest) -> HttpResponse:
    screening = screening_result(request)
    if screening is None:
        return redirect("applicant:start")
    referral = screening.referral_link.referral
    response, form = phone_step(request, screening, "applicant:result")
    if response is not None:
        return response
    return render_with_phone(
        request, "applicant/result.html", _result_context(screening, referral), form
    )


def _result_context(screening: Screening, referral) -> dict:
    """What the result page says. After a crisis nothing recommends a level below inpatient
    (spec 10.3), whatever a clinician later decides for the referral."""
    recommendation = screening.recommendation
    crisis = referral.crisis or recommendation.crisis
    level = Level.INPATIENT if crisis else recommendation.level
    sentences = [
        say(sentence)
        for sentence in applicant_summary(
            level, crisis, referral.urgency, list(recommendation.flags)
        )
        if sentence not in CONTACT.values()
    ]
    return {
        "screening": screening,
        **minor_context(screening),
        "referral": referral,
        "crisis": crisis,
        "sentences": sentences,
        "promise": contact_promise(referral),
        "match_report": program_match_report_for_screening(
            screening=screening,
            level=Level.INPATIENT if crisis else referral.effective_level,
            crisis=crisis,
        ),
    }
