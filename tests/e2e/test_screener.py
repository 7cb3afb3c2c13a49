"""The public screener in a real Chromium on a phone viewport: the whole form with script,
the crisis path, and the safety step without script (server-side follow-up page)."""

import pytest

from admissions.models import Referral
from screening.models import Recommendation, Screening

pytestmark = pytest.mark.e2e

CALM_TOPICS = {
    "mood": {**{f"phq9_{n}": "1" for n in range(1, 9)}, "phq9_9": "0", "phq9_difficulty": "1"},
}
ANXIETY = {f"gad7_{n}": "1" for n in range(1, 8)}


def pick(page, name: str, value: str) -> None:
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def navigate(page, locator) -> None:
    """Click and wait until the next page has loaded."""
    with page.expect_navigation():
        locator.click()


def save(page) -> None:
    navigate(page, page.get_by_role("button", name="Save and continue"))


def heading(page) -> str:
    return page.locator("h1").inner_text()


def fill_contact(page) -> None:
    page.get_by_label("First name").fill("Robin")
    assert page.get_by_label("Phone call").is_checked()  # already chosen: no tap needed
    page.get_by_label("Phone number").fill("555 010 0142")
    page.get_by_label("Email address").fill("robin.vale@example.org")


def fill_details(page) -> None:
    page.get_by_label("Last name").fill("Vale")
    page.get_by_label("State").select_option("MA")
    page.get_by_label("ZIP code").fill("02139")
    page.get_by_label("Evening").check()


def start_and_answer_until_safety(page) -> list[float]:
    """Answer up to the safety page; returns where each page's heading sat."""
    tops = []
    page.goto(page.base_url + "/screen/")
    assert page.get_by_role("heading", name="Need help right now?").is_visible()
    navigate(page, page.get_by_role("link", name="Start", exact=True))
    assert page.get_by_text("Step 1 of 14").is_visible()
    tops.append(page.locator("h1").bounding_box()["y"])
    # The age check first: nothing but the date of birth.
    assert page.get_by_label("First name").count() == 0
    page.get_by_label("Month").fill("4")
    page.get_by_label("Day", exact=True).fill("12")
    page.get_by_label("Year").fill("1990")
    save(page)
    assert heading(page) == "Your consent"
    page.locator("#id_consent-consent_terms").check()
    page.locator("#id_consent-consent_contact").check()
    save(page)
    assert heading(page) == "How can we reach you?"
    fill_contact(page)
    save(page)
    for topic, answers in CALM_TOPICS.items():
        tops.append(page.locator("h1").bounding_box()["y"])
        for name, value in answers.items():
            pick(page, f"{topic}-{name}", value)
        save(page)
    assert page.get_by_text("Step 5 of 14").is_visible()  # safety straight after mood
    assert heading(page) == "Your safety"
    tops.append(page.locator("h1").bounding_box()["y"])
    return tops


def finish_after_safety(page) -> None:
    assert heading(page) == "Worry and nerves"
    for name, value in ANXIETY.items():
        pick(page, f"anxiety-{name}", value)
    save(page)
    # By keyboard alone: choose with Space and the arrow keys, then Tab to the button.
    page.locator("#id_trauma-pcptsd_trauma_0").focus()
    page.keyboard.press("Space")
    assert page.get_by_text("have you had nightmares about the event").is_visible()
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_trauma-pcptsd_trauma_1").is_checked()
    assert not page.get_by_text("have you had nightmares about the event").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save and continue"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert heading(page) == "Alcohol, drugs and physical health"
    for name, value in {"auditc_1": "0", "drug_freq": "0", "withdrawal_history": "false",
                        "medical_unstable": "false"}.items():  # fmt: skip
        pick(page, f"substance-{name}", value)
    save(page)
    page.get_by_label("In the past 14 days").fill("2")
    pick(page, "functioning-self_care", "0")
    save(page)
    history = {"hosp_recent": "0", "discharged_recent": "false", "current_treatment": "true",
               "outpatient_insufficient": "false"}  # fmt: skip
    for name, value in history.items():
        pick(page, f"history-{name}", value)
    save(page)
    for name, value in {"living_situation": "stable", "support_person": "true",
                        "home_safe": "true", "transport": "true"}.items():  # fmt: skip
        pick(page, f"support-{name}", value)
    save(page)
    pick(page, "availability-readiness", "ready")
    page.get_by_label("About how many hours a week").fill("10")
    page.get_by_label("Tuesday").check()
    save(page)
    page.get_by_label("Learning ways to cope").check()
    save(page)
    assert heading(page) == "A few more details"
    fill_details(page)
    save(page)
    save(page)  # "How did you hear about us?" is optional
    assert heading(page) == "Check your answers"
    navigate(page, page.get_by_role("button", name="Send my answers"))
    page.wait_for_url("**/screen/result/")


def test_a_person_completes_the_screener_on_a_phone(phone_page, transactional_db):
    page = phone_page
    tops = start_and_answer_until_safety(page)
    assert len(set(tops)) == 1, tops  # no layout shift from page to page

    # Conditional questions appear in place as soon as they apply.
    right_now = page.get_by_text("Are you having thoughts of killing yourself right now?")
    assert not right_now.is_visible()
    pick(page, "safety-asq_1", "true")
    assert right_now.is_visible()
    for name, value in {"asq_2": "false", "asq_3": "false", "asq_4": "false", "asq_5": "false",
                        "harm_others": "false"}.items():  # fmt: skip
        pick(page, f"safety-{name}", value)
    save(page)
    # No follow-up page was needed; "wished you were dead" is a positive safety screen, which
    # gets its acknowledgement first (spec 10.2).
    assert heading(page) == "Thank you for telling us"
    navigate(page, page.get_by_role("link", name="Continue the screener"))

    finish_after_safety(page)

    assert page.get_by_role("heading", name="Thank you, Robin").is_visible()
    assert page.get_by_text("will call you by").is_visible()
    screening = Screening.objects.get()
    assert screening.status == "submitted"
    assert screening.answers["asq_5"] is False
    assert Recommendation.objects.filter(screening=screening).exists()
    assert Referral.objects.get().status == "new"
    # Nothing overflows sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_crisis_path_acts_before_the_form_is_finished(phone_page, transactional_db):
    page = phone_page
    start_and_answer_until_safety(page)
    for name, value in {"asq_1": "true", "asq_2": "true", "asq_3": "true", "asq_4": "false",
                        "asq_5": "true", "harm_others": "false"}.items():  # fmt: skip
        pick(page, f"safety-{name}", value)
    save(page)

    assert heading(page) == "Please reach out for help now"
    call = page.get_by_role("link", name="Call 988")
    assert call.get_attribute("href") == "tel:988"
    box = call.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300  # a big tap target
    referral = Referral.objects.get()  # already in the queue, before finishing
    assert (referral.crisis, referral.urgency) == (True, "emergent")
    assert Screening.objects.get().status == "draft"

    navigate(page, page.get_by_role("link", name="Continue the screener"))
    finish_after_safety(page)
    assert page.get_by_role("heading", name="Please reach out for help now").is_visible()
    assert Referral.objects.get().crisis is True


def test_without_javascript_the_safety_follow_ups_come_on_their_own_page(
    chromium_browser, live_server, transactional_db
):
    from tests.fixtures.browser import PHONE

    context = chromium_browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    try:
        start_and_answer_until_safety(page)
        assert not page.get_by_text("Was the most recent time").is_visible()
        for name, value in {"asq_1": "false", "asq_2": "false", "asq_3": "false",
                            "asq_4": "true", "harm_others": "true"}.items():  # fmt: skip
            pick(page, f"safety-{name}", value)
        save(page)

        assert heading(page) == "A few more questions"
        assert page.get_by_text("Step 5 of 14").is_visible()
        save(page)  # nothing chosen: errors, focusable summary
        assert page.get_by_role("alert").is_visible()
        pick(page, "safety-more-asq_4_recent", "false")
        pick(page, "safety-more-asq_5", "false")
        pick(page, "safety-more-harm_others_now", "true")
        save(page)

        assert heading(page) == "Please reach out for help now"
        answers = Screening.objects.get().answers
        assert (answers["asq_4_recent"], answers["asq_5"], answers["harm_others_now"]) == (
            False,
            False,
            True,
        )
        assert Referral.objects.get().crisis is True
    finally:
        context.close()
