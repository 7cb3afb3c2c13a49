"""After the screener, the result page in a real browser shows the programs that fit."""

import pytest
from django.test import Client

from programs import demo
from tests.applicant.flow import CALM, DETAILS, complete

pytestmark = pytest.mark.e2e

IOP_MOOD = {**CALM["mood"], **{f"phq9_{n}": "3" for n in range(1, 6)}}  # PHQ-9 15 -> IOP
EVENINGS = {
    **CALM["availability"],
    "days_available": ["mon", "tue", "thu"],
    "time_of_day": ["evening"],
    "telehealth_ok": "true",
    "hours_available": "12",
}


def test_result_page_shows_matches(phone_page, transactional_db):
    demo.load()
    client = Client()
    complete(
        client,
        {
            "mood": IOP_MOOD,
            "availability": EVENINGS,
            "details": {**DETAILS, "insurance_carrier": "Aetna"},
        },
    )
    page = phone_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}]
    )

    page.goto(page.base_url + "/screen/result/")

    section = page.get_by_test_id("applicant-matches")
    section.scroll_into_view_if_needed()
    assert section.get_by_role("heading", name="Programs that may suit you").is_visible()
    cards = section.locator(".applicant-matches > li")
    assert cards.count() == 3
    first = cards.first.inner_text()
    assert first.startswith("Recovery Pathways IOP")  # evenings, Aetna, a place, in English
    assert "Meets Mon/Thu evenings" in first
    assert "In network for Aetna" in first
    text = section.inner_text()
    assert "Programa Intensivo" not in text  # held in Spanish only: ranked after English ones
    assert "/100" not in text
    cards.first.get_by_role("link").click()
    page.wait_for_url("**/programs/**")
    assert page.locator("table.schedule-table").is_visible()
