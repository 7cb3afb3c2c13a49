"""The crisis pathway in a real Chromium on a phone (spec 10): crisis help in place the moment
a crisis answer is chosen, with the emergent referral opened in the background even when the
page is closed straight after; the same without script after "Save and continue"; the PHQ-9
item 9 note; and the acknowledgement of a positive safety screen without a crisis."""

import time

import pytest

from admissions.models import Referral
from screening.models import Screening
from tests.e2e.test_screener import (
    CALM_TOPICS,
    fill_contact,
    heading,
    navigate,
    pick,
    save,
    start_and_answer_until_safety,
)

pytestmark = pytest.mark.e2e


def _settled(referral: Referral) -> None:
    """Wait for the alert sends the request started (the server thread sends them after
    commit), so the test database is quiet before it is flushed."""
    deadline = time.monotonic() + 10
    while referral.followups.filter(status__in=["pending", "sending"]).exists():
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)


def _emergent_referral_within(seconds: float) -> Referral | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        referral = Referral.objects.filter(urgency="emergent", crisis=True).first()
        if referral is not None:
            return referral
        time.sleep(0.05)
    return None


@pytest.mark.parametrize("right_now", ["true", "declined"], ids=["yes", "rather-not-say"])
def test_a_crisis_answer_shows_help_in_place_without_pressing_anything(
    phone_page, transactional_db, right_now
):
    page = phone_page
    start_and_answer_until_safety(page)
    pick(page, "safety-asq_1", "true")

    pick(page, "safety-asq_5", right_now)

    panel = page.get_by_test_id("crisis-inline")
    assert panel.is_visible()
    call = panel.get_by_role("link", name="Call 988")
    assert call.get_attribute("href") == "tel:988"
    assert (
        panel.get_by_role("link", name="Text HOME to 741741")
        .get_attribute("href")
        .startswith("sms:741741")
    )
    assert panel.get_by_role("link", name="Call 911").get_attribute("href") == "tel:911"
    assert panel.get_by_role("alert").inner_text().startswith("Please reach out for help now")
    # Under the question that called for it, before the remaining questions.
    question = page.get_by_text("Are you having thoughts of killing yourself right now?")
    assert panel.bounding_box()["y"] > question.bounding_box()["y"]
    assert panel.bounding_box()["y"] < page.get_by_text("hurting someone else").bounding_box()["y"]
    page.get_by_text("We've let our team know.").wait_for()
    assert "will call you by" in panel.inner_text()  # the phone number given on page 1
    referral = Referral.objects.get()
    assert (referral.urgency, referral.crisis) == ("emergent", True)
    assert Screening.objects.get().status == "draft"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("right_now", ["true", "declined"], ids=["yes", "rather-not-say"])
def test_the_referral_is_opened_even_when_the_page_is_closed_straight_away(
    phone_page, transactional_db, right_now
):
    page = phone_page
    start_and_answer_until_safety(page)
    pick(page, "safety-asq_1", "true")

    pick(page, "safety-asq_5", right_now)
    page.close()

    referral = _emergent_referral_within(2.0)
    assert referral is not None, "no emergent referral 2 seconds after the page was closed"
    assert referral.followups.filter(kind="crisis_alert").exists()
    _settled(referral)
    assert Screening.objects.get().answers["asq_5"] == (True if right_now == "true" else right_now)


def test_save_pressed_at_once_waits_for_the_background_signal(phone_page, transactional_db):
    """The crisis answer and "Save and continue" in the same breath: the page lets the
    background post finish before it sends the form, so there is one referral, one alert and
    the next page, never an error from the two racing for the same draft."""
    page = phone_page
    start_and_answer_until_safety(page)
    for name, value in {"asq_1": "true", "asq_2": "false", "asq_3": "false", "asq_4": "false",
                        "harm_others": "false"}.items():  # fmt: skip
        pick(page, f"safety-{name}", value)

    pick(page, "safety-asq_5", "true")
    save(page)

    assert heading(page) == "Please reach out for help now"
    referral = Referral.objects.get()
    assert (referral.urgency, referral.crisis) == ("emergent", True)
    assert referral.followups.filter(kind="crisis_alert").count() == 1
    _settled(referral)


def test_intent_to_hurt_someone_now_shows_help_in_place(phone_page, transactional_db):
    page = phone_page
    start_and_answer_until_safety(page)
    pick(page, "safety-harm_others", "true")

    pick(page, "safety-harm_others_now", "true")

    assert page.get_by_test_id("crisis-inline").is_visible()
    referral = _emergent_referral_within(2.0)
    assert referral is not None
    page.get_by_text("We've let our team know.").wait_for()
    _settled(referral)


def test_without_javascript_the_crisis_page_comes_after_save(
    no_script_phone_page, transactional_db
):
    page = no_script_phone_page
    start_and_answer_until_safety(page)
    assert not page.get_by_test_id("crisis-inline").is_visible()
    for name, value in {"asq_1": "true", "asq_2": "false", "asq_3": "false", "asq_4": "false",
                        "harm_others": "false"}.items():  # fmt: skip
        pick(page, f"safety-{name}", value)
    save(page)
    assert heading(page) == "A few more questions"
    assert not Referral.objects.exists()
    pick(page, "safety-more-asq_5", "true")
    save(page)

    assert heading(page) == "Please reach out for help now"
    assert page.get_by_role("link", name="Call 988").get_attribute("href") == "tel:988"
    assert page.get_by_text("We've let our team know.").is_visible()
    assert page.get_by_text("will call you by").is_visible()
    assert Referral.objects.get().urgency == "emergent"


def test_item_9_above_zero_gets_a_supportive_note_on_the_same_screen(phone_page, transactional_db):
    page = phone_page
    page.goto(page.base_url + "/screen/")
    _first_pages(page)  # then stop on the mood page
    note = page.get_by_test_id("item9-note")
    assert not note.is_visible()

    pick(page, "mood-phq9_9", "2")

    assert note.is_visible()
    assert note.get_by_role("link", name="988").get_attribute("href") == "tel:988"
    assert page.locator('[aria-live="polite"]', has=note).count() == 1
    pick(page, "mood-phq9_9", "0")
    assert not note.is_visible()
    pick(page, "mood-phq9_9", "1")
    for name, value in CALM_TOPICS["mood"].items():
        if name != "phq9_9":
            pick(page, f"mood-{name}", value)
    save(page)
    assert heading(page) == "Your safety"  # the safety questions come next
    assert page.get_by_test_id("item9-lead").is_visible()


def _first_pages(page) -> None:
    navigate(page, page.get_by_role("link", name="Start", exact=True))
    page.get_by_label("Month").fill("4")
    page.get_by_label("Day", exact=True).fill("12")
    page.get_by_label("Year").fill("1990")
    save(page)
    page.locator("#id_consent-consent_terms").check()
    page.locator("#id_consent-consent_contact").check()
    save(page)
    fill_contact(page)  # only what the crisis pathway needs to reach the person
    save(page)
    assert heading(page) == "How you have been feeling"


def test_a_positive_screen_without_a_crisis_gets_its_acknowledgement(phone_page, transactional_db):
    page = phone_page
    start_and_answer_until_safety(page)
    for name, value in {"asq_1": "false", "asq_2": "false", "asq_3": "true", "asq_4": "false",
                        "asq_5": "false", "harm_others": "false"}.items():  # fmt: skip
        pick(page, f"safety-{name}", value)
    assert not page.get_by_test_id("crisis-inline").is_visible()

    save(page)

    assert heading(page) == "Thank you for telling us"
    referral = Referral.objects.get()
    assert (referral.urgency, referral.crisis) == ("urgent", False)
    promise = page.get_by_test_id("promise").inner_text()
    assert promise.startswith("A clinician from")
    assert "will call you by" in promise and "talk about your safety" in promise
    assert page.get_by_role("link", name="Call 988").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    navigate(page, page.get_by_role("link", name="Continue the screener"))
    assert heading(page) == "Worry and nerves"
