"""Each topic page's validation, and server-side branching of conditional questions: inline
(what the page's script sends) and on follow-up pages (no script) give the same answers."""

import pytest
from django.test import Client

from screening.models import Screening
from tests.applicant.flow import CALM, answer_until, post_step, step_url

pytestmark = pytest.mark.django_db


def draft() -> Screening:
    return Screening.objects.get()


PAGE_BEFORE = {
    "mood": "contact",
    "anxiety": "safety",
    "safety": "mood",
    "functioning": "substance",
    "support": "history",
    "availability": "support",
}


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        ("mood", {**CALM["mood"], "phq9_4": ""}, "phq9_4", "Please choose an answer."),
        ("mood", {**CALM["mood"], "phq9_4": "4"}, "phq9_4", "Please choose an answer."),
        ("anxiety", {**CALM["anxiety"], "gad7_7": ""}, "gad7_7", "Please choose an answer."),
        ("safety", {**CALM["safety"], "asq_2": "maybe"}, "asq_2", "Please choose an answer."),
        ("functioning", {"missed_days": "15", "self_care": "0"}, "missed_days", "0 to 14"),
        ("functioning", {"missed_days": "two", "self_care": "0"}, "missed_days", "0 to 14"),
        ("availability", {**CALM["availability"], "hours_available": "41"}, "hours_available",
         "0 to 40"),
        ("availability", {**CALM["availability"], "days_available": ["funday"]},
         "days_available", "options shown"),
        ("support", {**CALM["support"], "living_situation": ""}, "living_situation",
         "Please choose an answer."),
    ],
)  # fmt: skip
def test_a_missing_or_bad_answer_keeps_the_person_on_the_page(client, step, data, field, message):
    answer_until(client, PAGE_BEFORE[step])
    before = dict(draft().answers)

    response = post_step(client, step, data)

    assert response.status_code == 200
    assert message in " ".join(response.context["wizard"]["form"].errors[field])
    assert draft().answers == before


def test_pages_cannot_be_skipped(client):
    answer_until(client, "contact")

    response = client.get(step_url("safety"))
    assert response["Location"] == step_url("mood")

    response = post_step(client, "review", {})
    assert response["Location"] == step_url("mood")


def test_the_progress_indicator_counts_topics(client):
    answer_until(client, "mood")

    response = client.get(step_url("safety"))  # safety comes straight after mood

    assert "Step 5 of 14" in response.content.decode()


def test_optional_availability_and_goals_may_be_left_blank(client):
    answer_until(client, "support")
    post_step(client, "availability", {"readiness": "unsure", "hours_available": "6"})
    post_step(client, "goals", {})

    answers = draft().answers
    assert answers["readiness"] == "unsure"
    assert answers["hours_available"] == 6
    for code in ("days_available", "time_of_day", "telehealth_ok", "goals"):
        assert code not in answers


SAFETY_GATES = {
    "asq_1": "true",
    "asq_2": "false",
    "asq_3": "false",
    "asq_4": "true",
    "harm_others": "true",
}
SAFETY_FOLLOW_UPS = {"asq_4_recent": "true", "asq_5": "false", "harm_others_now": "false"}


def test_without_script_safety_follow_ups_get_their_own_page(client):
    answer_until(client, "mood")

    response = post_step(client, "safety", SAFETY_GATES)
    assert response["Location"] == step_url("safety-more")
    page = client.get(step_url("safety-more"))
    asked = set(page.context["wizard"]["form"].fields)
    assert asked == {"asq_4_recent", "asq_5", "harm_others_now"}
    assert "Step 5 of 14" in page.content.decode()

    response = post_step(client, "safety-more", SAFETY_FOLLOW_UPS)
    assert response["Location"] == "/screen/safety-check/"  # ASQ positive, not acute
    assert draft().answers["asq_4_recent"] is True


def test_with_script_the_same_answers_come_from_one_page(client):
    answer_until(client, "mood")

    response = post_step(client, "safety", {**SAFETY_GATES, **SAFETY_FOLLOW_UPS})

    assert response["Location"] == "/screen/safety-check/"  # ASQ positive, not acute
    answers = draft().answers
    assert {code: answers[code] for code in SAFETY_FOLLOW_UPS} == {
        "asq_4_recent": True,
        "asq_5": False,
        "harm_others_now": False,
    }


def test_inline_and_follow_up_pages_store_identical_answers():
    inline, paged = Client(), Client()
    answer_until(inline, "mood")
    post_step(inline, "safety", {**SAFETY_GATES, **SAFETY_FOLLOW_UPS})
    answer_until(paged, "mood")
    post_step(paged, "safety", SAFETY_GATES)
    post_step(paged, "safety-more", SAFETY_FOLLOW_UPS)

    first, second = Screening.objects.order_by("pk")
    assert first.answers == second.answers


def test_a_follow_up_answered_inline_is_not_asked_again(client):
    answer_until(client, "mood")

    response = post_step(client, "safety", {**SAFETY_GATES, "asq_5": "false"})

    assert response["Location"] == step_url("safety-more")
    form = client.get(step_url("safety-more")).context["wizard"]["form"]
    assert set(form.fields) == {"asq_4_recent", "harm_others_now"}


def test_a_declined_asq_answer_counts_as_yes_and_asks_about_right_now(client):
    answer_until(client, "mood")

    post_step(client, "safety", {**CALM["safety"], "asq_2": "declined"})

    form = client.get(step_url("safety-more")).context["wizard"]["form"]
    assert set(form.fields) == {"asq_5"}
    assert draft().answers["asq_2"] == "declined"


def test_a_follow_up_sent_when_its_question_does_not_apply_is_ignored(client):
    answer_until(client, "mood")

    post_step(client, "safety", {**CALM["safety"], "asq_4_recent": "true", "asq_5": "true"})

    answers = draft().answers
    assert "asq_4_recent" not in answers
    assert "asq_5" not in answers


def test_changing_a_gate_answer_drops_follow_ups_that_no_longer_apply(client):
    answer_until(client, "mood")
    post_step(client, "safety", {**SAFETY_GATES, **SAFETY_FOLLOW_UPS})

    post_step(client, "safety", CALM["safety"])

    answers = draft().answers
    for code in SAFETY_FOLLOW_UPS:
        assert code not in answers


def test_trauma_questions_follow_the_gate(client):
    answer_until(client, "anxiety")

    response = post_step(client, "trauma", {"pcptsd_trauma": "false"})
    assert response["Location"] == step_url("substance")

    response = post_step(client, "trauma", {"pcptsd_trauma": "true"})
    assert response["Location"] == step_url("trauma-more")
    form = client.get(step_url("trauma-more")).context["wizard"]["form"]
    assert list(form.fields) == [f"pcptsd_{n}" for n in range(1, 6)]
    post_step(client, "trauma-more", {f"pcptsd_{n}": "true" for n in range(1, 6)})
    assert all(draft().answers[f"pcptsd_{n}"] is True for n in range(1, 6))


def test_no_drinking_skips_the_drinking_questions(client):
    answer_until(client, "trauma")

    response = post_step(client, "substance", CALM["substance"])
    assert response["Location"] == step_url("functioning")

    response = post_step(client, "substance", {**CALM["substance"], "auditc_1": "3"})
    assert response["Location"] == step_url("substance-more")
    form = client.get(step_url("substance-more")).context["wizard"]["form"]
    assert list(form.fields) == ["auditc_2", "auditc_3"]
    post_step(client, "substance-more", {"auditc_2": "2", "auditc_3": "1"})
    answers = draft().answers
    assert (answers["auditc_1"], answers["auditc_2"], answers["auditc_3"]) == (3, 2, 1)


def test_conditional_questions_are_hidden_and_disabled_until_script_reveals_them(client):
    answer_until(client, "mood")

    page = client.get(step_url("safety")).content.decode()

    assert 'data-values="true" data-when="asq_4" hidden>' in page
    assert 'data-values="true declined" data-when="asq_1 asq_2 asq_3 asq_4" hidden>' in page
    assert 'name="safety-asq_5" value="true" class="choice-input" disabled' in page


def test_an_old_follow_up_address_leads_back_to_where_the_person_was(client):
    answer_until(client, "safety")

    response = client.get(step_url("safety-more"))

    assert response["Location"] == step_url("anxiety")
