"""Browser tier for working the queue: an unanswered call leaves the person where they are,
reaching them moves them down — and a queue left open in another tab reorders by itself.
The contact actions are on screen without scrolling; the program form grows session rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core import roles
from programs.models import Program
from tests.admissions.factories import STAFF_PASSWORD, make_referral, make_staff, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user, landing="**/staff/referrals/"):
    page.goto(page.base_url + "/staff/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # The second factor: the code the user's authenticator shows now.
    page.wait_for_url("**/staff/mfa/verify/**")
    page.get_by_label("Code").fill(totp_code(user))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(landing)


def _order(page) -> list[str]:
    return [name.strip() for name in page.locator("#queue-live tbody td.name a").all_inner_texts()]


def _log(page, outcome):
    page.locator("#contact").get_by_label(outcome, exact=True).check()
    page.get_by_role("button", name="Log attempt").click()
    page.get_by_text(f"Contact attempt logged ({outcome.lower()})").wait_for()


def test_no_answer_keeps_them_first_and_reaching_them_reorders_the_queue(
    chromium_browser, live_server, settings
):
    settings.QUEUE_POLL_SECONDS = 1
    staff = make_staff(roles.ADMISSIONS)
    now = timezone.now()
    overdue = make_referral(first_name="Orla", last_name="Overdue", due_at=now - timedelta(hours=2))
    make_referral(first_name="Sol", last_name="Soon", due_at=now + timedelta(hours=1))
    context = chromium_browser.new_context(viewport={"width": 1366, "height": 900})
    queue, work = context.new_page(), context.new_page()
    queue.base_url = work.base_url = live_server.url
    for page in (queue, work):
        page.set_default_timeout(15_000)
    try:
        _sign_in(queue, staff)
        assert _order(queue) == ["Overdue, Orla", "Soon, Sol"]

        work.goto(f"{live_server.url}/staff/referrals/{overdue.pk}/")
        _log(work, "No answer")
        # The open queue picks the attempt up by itself: still first, never reached.
        queue.locator("#queue-live").get_by_text("1 attempt, last: no answer").wait_for()
        assert _order(queue) == ["Overdue, Orla", "Soon, Sol"]

        _log(work, "Reached")
        queue.locator("#queue-live").get_by_text("Reached", exact=False).first.wait_for()
        # A locator wait, not a JavaScript predicate: the page's CSP forbids eval.
        queue.locator("#queue-live tbody td.name a").first.filter(has_text="Soon").wait_for()
        assert _order(queue) == ["Soon, Sol", "Overdue, Orla"]
        assert "Reached 2 h late" in queue.locator("#queue-live tbody tr").nth(1).inner_text()
    finally:
        context.close()


def test_a_new_referral_shows_up_in_an_open_queue_with_a_badge(desktop_page, settings):
    settings.QUEUE_POLL_SECONDS = 1
    page = desktop_page
    _sign_in(page, make_staff(roles.ADMISSIONS))

    make_referral(first_name="Ines", last_name="Barros", crisis=True)

    page.locator("#queue-live").get_by_text("Barros, Ines").wait_for()
    page.goto(page.base_url + "/staff/outbox/")
    make_referral(first_name="Next", last_name="Arrival")
    badge = page.locator("[data-queue-badge]")
    badge.wait_for(state="visible")
    assert badge.inner_text() == "1 new"


@pytest.mark.parametrize("viewport", [(1366, 900), (390, 844)], ids=["laptop", "phone"])
def test_the_contact_actions_are_on_screen_without_scrolling(
    chromium_browser, live_server, viewport
):
    width, height = viewport
    staff = make_staff(roles.ADMISSIONS)
    referral = make_referral(crisis=True, phone="(555) 321-0000")
    context = chromium_browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.base_url = live_server.url
    try:
        _sign_in(page, staff)
        page.goto(f"{live_server.url}/staff/referrals/{referral.pk}/")
        call = page.get_by_role("link", name="Call (555) 321-0000").bounding_box()
        assert call["y"] + call["height"] <= height
        if width >= 1366:  # on a laptop the whole attempt form fits too
            button = page.get_by_role("button", name="Log attempt").bounding_box()
            assert button["y"] + button["height"] <= height
    finally:
        context.close()


def test_the_program_form_adds_session_rows_and_saves_them_at_once(desktop_page):
    page = desktop_page
    _sign_in(page, make_staff(roles.PROGRAM_ADMIN), landing="**/staff/programs/")
    page.goto(page.base_url + "/staff/programs/new/")
    page.get_by_label("Name").fill("Four Evenings IOP")
    page.get_by_label("Public description (English)").fill("Four evenings a week of group therapy.")
    page.get_by_label("Level").select_option("iop")
    page.get_by_label("Focus").select_option("mental_health")
    page.get_by_label("Population").select_option("adult")
    page.get_by_label("Modality").select_option("telehealth")
    page.get_by_label("States served by video").fill("MA")
    page.get_by_label("Places (capacity)").fill("10")
    page.get_by_role("button", name="Add a session").click()
    days = page.locator(".sessions-table tbody select")
    starts = page.locator(".sessions-table tbody input[type=time][name$=start_time]")
    ends = page.locator(".sessions-table tbody input[type=time][name$=end_time]")
    assert days.count() == 4
    for row, day in enumerate(("0", "1", "2", "3")):
        days.nth(row).select_option(day)
        starts.nth(row).fill("18:00")
        ends.nth(row).fill("20:30")
    page.get_by_role("button", name="Add program").click()

    page.get_by_text("Four Evenings IOP was added to the catalog.").wait_for()
    program = Program.objects.get(name="Four Evenings IOP")
    assert program.sessions.count() == 4 and program.hours_per_week == 10
