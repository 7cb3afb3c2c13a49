"""The public catalog in a real browser, on a phone: filter, then open a program."""

import pytest

from programs import demo

pytestmark = pytest.mark.e2e


def test_filter_the_catalog_and_open_a_program(phone_page, transactional_db):
    demo.load()
    page = phone_page
    page.goto(page.base_url + "/programs/")
    assert page.locator(".program-card").count() == 10  # the demo's active programs

    page.get_by_text("Filter programs").click()
    page.get_by_label("Level of care").select_option("iop")
    page.get_by_label("Age", exact=True).fill("15")
    page.get_by_role("button", name="Show programs").click()

    assert page.get_by_role("status").first.inner_text() == "1 program matches your filters."
    card = page.locator(".program-card")
    assert card.count() == 1
    card.get_by_role("link").click()

    page.wait_for_url("**/programs/teen-after-school-iop/")
    assert page.get_by_role("heading", level=1).inner_text() == "Teen After-School IOP"
    table = page.locator("table.schedule-table")
    assert "3:30–6:30\u00a0pm" in table.inner_text()
    assert "9 hours a week" in table.inner_text()
    assert page.get_by_role("link", name="Start the screening").is_visible()
