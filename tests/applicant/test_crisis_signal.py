"""The safety page's background crisis signal (spec 10.1): the moment a crisis answer is
chosen, the page's script posts the safety answers; the endpoint saves them, opens the
emergent referral and queues the alert, with no button pressed. Idempotent, CSRF-protected,
and it says what the person was promised."""

import pytest
from django.test import Client

from admissions.models import CrisisEpisode, FollowUp, Referral
from admissions.promises import when_words
from screening.models import Screening
from tests.applicant.flow import ABOUT, CONTACT, answer_until, post_step

pytestmark = pytest.mark.django_db

SIGNAL = "/screen/crisis/signal/"


def signal(client: Client, answers: dict, *, step: str = "safety"):
    """What the script sends: the safety form as it stands, with its management field."""
    payload = {"screener-current_step": step}
    payload.update({f"{step}-{code}": value for code, value in answers.items()})
    return client.post(SIGNAL, payload, HTTP_ACCEPT="application/json")


def test_choosing_yes_right_now_opens_the_emergent_referral_at_once(client, on_call):
    answer_until(client, "mood")

    # Only the first question and "right now" answered: the rest of the page is still blank.
    response = signal(client, {"asq_1": "true", "asq_5": "true"})

    assert response.status_code == 200
    data = response.json()
    assert data["crisis"] is True
    referral = Referral.objects.get()
    assert (referral.crisis, referral.urgency, referral.level) == (True, "emergent", "inpatient")
    assert referral.crisis_open is True
    screening = Screening.objects.get()
    assert screening.status == "draft"
    assert (screening.answers["asq_1"], screening.answers["asq_5"]) == (True, True)
    assert screening.crisis_answer == "asq_5:true"
    assert FollowUp.objects.filter(referral=referral, kind="crisis_alert").count() == 2
    assert CrisisEpisode.objects.get().referral == referral
    # The promise is the referral's own deadline, by phone (a phone number was given).
    assert when_words(referral.due_at) in data["promise"]
    assert "will call you" in data["promise"]
    assert data["needs_phone"] is False


@pytest.mark.parametrize(
    "answers",
    [
        {"asq_2": "true", "asq_5": "declined"},
        {"asq_1": "false", "harm_others": "true", "harm_others_now": "true"},
    ],
    ids=["rather-not-say", "harm-to-others-now"],
)
def test_other_crisis_answers_open_it_too(client, on_call, answers):
    answer_until(client, "mood")

    assert signal(client, answers).json()["crisis"] is True

    assert Referral.objects.get().urgency == "emergent"


def test_sending_it_again_opens_nothing_twice(client, on_call):
    answer_until(client, "mood")
    for _ in range(3):
        signal(client, {"asq_1": "true", "asq_5": "true"})
    signal(client, {"asq_1": "true", "asq_5": "declined"})

    assert Referral.objects.count() == 1
    assert CrisisEpisode.objects.count() == 1
    assert FollowUp.objects.filter(kind="crisis_alert").count() == 2


def test_then_pressing_save_leads_to_the_crisis_page_with_the_same_referral(client, on_call):
    answer_until(client, "mood")
    signal(client, {"asq_1": "true", "asq_5": "true"})

    response = post_step(
        client,
        "safety",
        {"asq_1": "true", "asq_2": "false", "asq_3": "true", "asq_4": "false", "asq_5": "true",
         "harm_others": "false"},
    )  # fmt: skip

    assert response["Location"] == "/screen/crisis/"
    assert Referral.objects.count() == 1
    assert FollowUp.objects.filter(kind="crisis_alert").count() == 2


def test_saving_a_half_answered_page_with_a_crisis_answer_goes_to_the_crisis_page(client, on_call):
    """Help comes before the unanswered questions' error messages."""
    answer_until(client, "mood")

    response = post_step(client, "safety", {"asq_1": "true", "asq_5": "true"})

    assert response["Location"] == "/screen/crisis/"
    assert Referral.objects.get().crisis is True
    continuing = client.get("/screen/step/", follow=True)
    assert continuing.redirect_chain[-1][0] == "/screen/step/safety/"  # the rest, later


def test_answers_that_are_not_a_crisis_store_nothing(client):
    answer_until(client, "mood")
    before = dict(Screening.objects.get().answers)

    data = signal(client, {"asq_1": "true", "asq_5": "false"}).json()

    assert data == {"crisis": False}
    assert not Referral.objects.exists()
    assert Screening.objects.get().answers == before


def test_a_forged_request_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/screen/step/about/")  # sets the CSRF cookie
    token = page.cookies["csrftoken"].value
    post_step(client, "about", {**ABOUT, "csrfmiddlewaretoken": token})

    response = signal(client, {"asq_1": "true", "asq_5": "true"})

    assert response.status_code == 403
    assert not Referral.objects.exists()


def test_without_a_screening_in_this_browser_there_is_nothing_to_signal(client):
    response = signal(client, {"asq_1": "true", "asq_5": "true"})

    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_an_email_only_applicant_is_asked_for_a_phone_number(client, on_call):
    answer_until(
        client, "mood", {"contact": {**CONTACT, "preferred_contact": "email", "phone": ""}}
    )

    data = signal(client, {"asq_1": "true", "asq_5": "true"}).json()

    assert data["needs_phone"] is True
    assert "will email you" in data["promise"]  # what will happen until a number is given
    assert "don't have a phone number" in data["phone_request"]


def test_the_follow_up_page_signals_too(client, on_call):
    """A browser with script on the follow-up page (the conditional question was skipped)."""
    answer_until(client, "mood")
    post_step(client, "safety", {**{f"asq_{n}": "false" for n in (2, 3, 4)}, "asq_1": "true",
                                 "harm_others": "false"})  # fmt: skip

    data = signal(client, {"asq_5": "declined"}, step="safety-more").json()

    assert data["crisis"] is True
    assert Screening.objects.get().crisis_answer == "asq_5:declined"
