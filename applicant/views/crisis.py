"""The screener's crisis pathway (spec 10, docs/crisis.md).

- ``crisis_signal``: the safety page's script posts the safety answers here the moment a
  crisis answer is chosen (``fetch`` with ``keepalive``, so it counts even if the tab is closed
  straight after). Idempotent and CSRF-protected: it saves the answers, opens the emergent
  referral and queues the alert, exactly as pressing "Save and continue" would.
- ``safety_check``: the acknowledgement after a positive safety screen without a crisis.
- ``phone_response``: the phone number a promised call needs, from the crisis, safety-check
  and result pages (a plain form, or ``fetch`` from the safety page's crisis panel).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from admissions.promises import contact_promise, screening_referral
from admissions.services.applicant_phone import applicant_phone_add
from admissions.services.intake import referral_open_for_crisis
from screening.answers import crisis_indicated, merge_answers
from screening.models import Screening
from screening.services import ScreeningClosed

from ..forms import FOLLOW_UP_FORMS, TOPIC_FORMS, CallbackPhoneForm
from ..forms.guardian import is_minor
from ..selectors import screening_for_session
from .limits import limit_posts

SAFETY_STEPS = ("safety", "safety-more")


def minor_context(screening: Screening | None) -> dict:
    return {"minor": screening is not None and is_minor(screening.date_of_birth)}


def safety_page_context(step: str, screening: Screening | None) -> dict:
    """For the safety pages: the in-place crisis panel, and the lead-in after a PHQ-9
    item 9 answer above 0 on the mood page."""
    if step not in SAFETY_STEPS:
        return {}
    answers = screening.answers if screening is not None else {}
    item9 = answers.get("phq9_9")
    return {
        "crisis_panel": True,
        "has_phone": bool(screening and screening.phone),
        "minor": screening is not None and is_minor(screening.date_of_birth),
        "item9_lead": step == "safety" and isinstance(item9, int) and item9 > 0,
    }


def _posted_safety_answers(request: HttpRequest, screening: Screening) -> dict:
    """The safety answers in this POST that are valid, whatever is still unanswered."""
    step = request.POST.get("screener-current_step", "")
    if step not in SAFETY_STEPS:
        return {}
    if step == "safety":
        form = TOPIC_FORMS["safety"](data=request.POST, prefix=step)
    else:
        form = FOLLOW_UP_FORMS["safety"](data=request.POST, prefix=step, context=screening.answers)
    form.is_valid()  # a partly answered page: keep the answers that are valid
    return dict(form.answers)


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _promise_payload(screening: Screening) -> dict:
    referral = screening_referral(screening)
    if referral is None:
        return {}
    promise = contact_promise(referral)
    return {
        "promise": promise.applicant_sentence,
        "needs_phone": promise.needs_phone,
        "phone_request": promise.phone_request,
    }


@require_POST
@limit_posts
@never_cache
def crisis_signal(request: HttpRequest) -> HttpResponse:
    screening = screening_for_session(request)
    if screening is None:
        return JsonResponse({"error": "no screening in progress"}, status=404)
    answers = _posted_safety_answers(request, screening)
    if not crisis_indicated(merge_answers(screening.answers, answers)):
        return JsonResponse({"crisis": False})
    try:
        referral_open_for_crisis(
            screening=screening, answers=answers, current_step=screening.current_step or "safety"
        )
    except ScreeningClosed:
        return JsonResponse({"error": "already sent"}, status=409)
    screening.refresh_from_db()
    return JsonResponse({"crisis": True, **_promise_payload(screening)})


def phone_step(request: HttpRequest, screening: Screening | None, page: str):
    """The phone form of ``page``: empty on a GET; posted, stored at once and back to the page
    (or JSON for the script). Returns ``(response, form)``: a response when done, else the
    form to show (bound with its errors after bad input: nothing stored)."""
    if request.method != "POST" or screening is None:
        return None, CallbackPhoneForm()
    form = CallbackPhoneForm(request.POST)
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse({"errors": form.errors.get("phone", [])}, status=400), form
        return None, form
    applicant_phone_add(screening=screening, phone=form.cleaned_data["phone"])
    if wants_json(request):
        return JsonResponse({"stored": True, **_promise_payload(screening)}), form
    messages.success(request, _("Thank you. We have your phone number and will call you."))
    return redirect(page), form


def render_with_phone(request: HttpRequest, template: str, context: dict, form) -> HttpResponse:
    """A page with the phone form: 400 when the form shows an error."""
    return render(
        request, template, {**context, "phone_form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@limit_posts
@never_cache
def safety_check(request: HttpRequest) -> HttpResponse:
    """After a positive safety screen without a crisis: what happens next, and help now."""
    screening = screening_for_session(request)
    referral = screening_referral(screening) if screening is not None else None
    if referral is None:
        return redirect("applicant:wizard")
    response, form = phone_step(request, screening, "applicant:safety_check")
    if response is not None:
        return response
    return render_with_phone(
        request,
        "applicant/safety_check.html",
        {
            "promise": contact_promise(referral),
            "can_continue": screening.status == Screening.Status.DRAFT,
            **minor_context(screening),
        },
        form,
    )
