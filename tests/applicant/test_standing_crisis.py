"""A crisis stands (spec 10.3): after a crisis at the safety step, changing every safety
answer to "No" at review still stores crisis, emergent, inpatient and flag crisis, with a
reason naming the moment and the answer; the final answers' scores are kept beside it; and no
page recommends a lower level to the person afterwards."""

import pytest
from django.urls import reverse

from admissions.models import Referral
from admissions.services.cosign import override_cosign, override_request
from screening.models import Recommendation
from tests.admissions.factories import make_staff, sign_in_verified
from tests.applicant.flow import CALM, CRISIS_SAFETY, DETAILS, answer_until, post_step

pytestmark = pytest.mark.django_db

STEPS_AFTER_SAFETY = ("anxiety", "trauma", "substance", "functioning", "history", "support",
                      "availability", "goals")  # fmt: skip


def _crisis_then_all_no_at_review(client, crisis_answers=CRISIS_SAFETY):
    answer_until(client, "mood")
    post_step(client, "safety", crisis_answers)
    for step in STEPS_AFTER_SAFETY:
        post_step(client, step, CALM[step])
    assert post_step(client, "details", DETAILS).status_code == 302
    client.get("/screen/step/review/")
    assert post_step(client, "safety", CALM["safety"])["Location"] == "/screen/step/review/"
    return post_step(client, "review", {}, follow=True)


def test_the_recommendation_keeps_the_crisis_after_the_answers_are_revised(client):
    _crisis_then_all_no_at_review(client)

    recommendation = Recommendation.objects.get()
    assert (recommendation.crisis, recommendation.urgency, recommendation.level) == (
        True,
        "emergent",
        "inpatient",
    )
    assert "crisis" in recommendation.flags
    assert recommendation.level_basis == "crisis"
    moment = recommendation.reasons[-1]
    assert moment.startswith("crisis: at the safety step on ")
    assert '"Are you having thoughts of killing yourself right now?" was answered "Yes"' in moment
    # The final answers' own scores are kept beside it.
    assert recommendation.domains["safety"] == 1
    assert recommendation.composite == 7
    assert recommendation.instruments["asq"]["result"] == "negative"
    level_reason = next(r for r in recommendation.reasons if r.startswith("level "))
    assert "the final answers alone give outpatient, routine" in level_reason


def test_declining_to_say_is_named_as_the_answer(client):
    _crisis_then_all_no_at_review(client, {**CRISIS_SAFETY, "asq_5": "declined"})

    assert '"I\'d rather not say"' in Recommendation.objects.get().reasons[-1]


def test_no_page_recommends_a_lower_level_afterwards(client):
    response = _crisis_then_all_no_at_review(client)

    page = response.content.decode().replace("&#x27;", "'")
    assert "Please reach out for help now" in page
    assert "regular outpatient care may suit you" not in page
    assert "you may need more support than a day program can give" in page
    assert "Programs that may suit you" not in page


def test_a_clinicians_cosigned_lower_level_is_not_offered_to_the_person_either(client):
    _crisis_then_all_no_at_review(client)
    referral = Referral.objects.get()
    request = override_request(
        referral=referral,
        clinician=make_staff("Clinician"),
        level="outpatient",
        reason="Seen in person today; safe, with a plan and family support in place.",
    )
    override_cosign(request=request, clinician=make_staff("Clinician"))

    page = client.get("/screen/result/").content.decode()
    assert "regular outpatient care may suit you" not in page
    assert "Programs that may suit you" not in page


def test_the_staff_page_names_the_moment_and_the_level_the_answers_alone_give(client):
    _crisis_then_all_no_at_review(client)
    staff = client.__class__()
    sign_in_verified(staff, make_staff("Clinician"))
    referral = Referral.objects.get()

    page = staff.get(reverse("admissions:referral_detail", args=[referral.pk])).content.decode()

    assert "set by a crisis at the safety step, which stands" in page
