"""The screener itself read in Spanish: every step (empty and with its errors), the follow-up
pages, the review, the result with its program matches, the crisis, safety-check, save-for-later,
resume and too-young pages. Each says lang="es" and none of a list of English phrases is left."""

import re

import pytest
from django.conf import settings

from programs import demo
from screening.scoring.questions import GROUPS
from tests.applicant.flow import (
    ABOUT,
    CALM,
    CRISIS_SAFETY,
    DETAILS,
    answer_until,
    post_step,
    step_url,
)

from .test_spanish_pages import _assert_spanish, _visible_text

pytestmark = pytest.mark.django_db

SCREENER_ENGLISH = [
    "Save and continue", "Save for later", "Step ", "Back<", "Please choose an answer",
    "Over the last 2 weeks", "Not at all", "Several days", "Nearly every day", "Yes<",
    "I'd rather not say", "First name", "Date of birth", "Phone number", "Email address",
    "How would you like", "ZIP code", "Member ID", "Please enter", "Please check",
    "Check your answers", "Send my answers", "Change<", "What happens next", "Thank you",
    "Programs that may suit you", "Why it may suit you", "open place", "may suit you",
    "Please reach out", "Call 988", "Text HOME", "Crisis Text Line<", "Continue the screener",
    "This service is for", "Who can help", "Save and finish later", "Email me a link",
    "Check what care may fit", "Need help right now", "Welcome back", "(optional)",
    "Worry and nerves", "Your safety", "Difficult experiences", "Day-to-day life",
    "Care so far", "Home and support", "Morning", "Evening", "Monday", "a few more",
]  # fmt: skip


@pytest.fixture
def spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


def _check(response, where: str) -> str:
    assert response.status_code == 200, (where, response.status_code)
    html = response.content.decode()
    _assert_spanish(html, where)
    text = _visible_text(html)
    left = [phrase for phrase in SCREENER_ENGLISH if phrase in text]
    assert not left, f"{where}: English left over: {left}"
    return html


def test_every_question_and_choice_has_spanish_wording(spanish):
    from django.utils import translation

    from applicant.wording import say

    with translation.override("es"):
        for group in GROUPS:
            for text in (group.title, group.intro, group.stem):
                assert not text or say(text) != text, text
            for question in group.questions:
                assert say(question.text) != question.text, question.code
                for _value, label in question.choices:
                    assert label in ("No",) or say(label) != label, (question.code, label)


def test_every_screener_page_reads_in_spanish(spanish):
    demo.load()
    _check(spanish.get("/screen/"), "start")
    empty = post_step(spanish, "about", {})
    html = _check(empty, "about with errors")
    assert "Escriba su fecha de nacimiento" in html
    _check(spanish.get(step_url("about")), "about")
    answer_until(spanish, "about")
    _check(post_step(spanish, "consent", {}), "consent with errors")
    answer_until(spanish, "consent")
    _check(spanish.get(step_url("contact")), "contact")
    html = _check(post_step(spanish, "contact", {"preferred_contact": "phone"}), "contact, errors")
    assert "Escriba su nombre" in html
    answer_until(spanish, "contact")
    for topic in ("mood", "safety", "anxiety", "trauma", "substance", "functioning",
                  "history", "support", "availability", "goals"):  # fmt: skip
        page = _check(spanish.get(step_url(topic)), topic)
        if topic == "mood":
            assert "Durante las últimas 2 semanas" in page
        if topic not in ("goals",):
            _check(post_step(spanish, topic, {}), f"{topic} with errors")
        assert post_step(spanish, topic, CALM[topic]).status_code == 302
    _check(post_step(spanish, "trauma", {"pcptsd_trauma": "true"}, follow=True), "trauma-more")
    assert post_step(spanish, "trauma", CALM["trauma"]).status_code == 302
    _check(spanish.get(step_url("details")), "details")
    _check(post_step(spanish, "details", {"language": "en", "best_time": "any"}), "details, errors")
    assert post_step(spanish, "details", DETAILS).status_code == 302
    _check(spanish.get("/screen/save/"), "save later")
    review = _check(spanish.get(step_url("review")), "review")
    assert "Revise sus respuestas" in review and "Ningún día" in review
    result = _check(post_step(spanish, "review", {}, follow=True), "result")
    assert re.search(r"programas? de atención ambulatoria", result) or "Más lejos" in result


def test_the_crisis_and_too_young_pages_read_in_spanish(spanish, on_call):
    answer_until(spanish, "mood")
    page = _check(post_step(spanish, "safety", CRISIS_SAFETY, follow=True), "crisis")
    assert "Llame al 988" in page and "body=AYUDA" in page

    spanish.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    young = _check(
        post_step(spanish, "about", {**ABOUT, "dob_year": "2020"}, follow=True), "too young"
    )
    assert "12 años" in young


def test_an_out_of_range_birth_year_says_what_the_range_is_in_spanish(spanish):
    html = post_step(spanish, "about", {**ABOUT, "dob_year": "1899"}).content.decode()
    assert "de 12 a 120 años" in html
