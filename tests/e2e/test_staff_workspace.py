"""Browser tier: a clinician signs in, finds the new referral, overrides it, and sees the
override beside the unchanged recommendation. And the staff pages fit a laptop and a tablet."""

import pytest

from core import roles
from screening.models import Recommendation
from tests.admissions.factories import STAFF_PASSWORD, make_referral, make_staff, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REASON = (
    "Her sister describes a sharp decline this week and she is not eating. "
    "PHP gives daily structure while we arrange a psychiatry review."
)


def _sign_in(page, user):
    page.goto(page.base_url + "/staff/")
    assert "/staff/login/" in page.url
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # The second factor: the code the user's authenticator shows now.
    page.wait_for_url("**/staff/mfa/verify/**")
    page.get_by_label("Code").fill(totp_code(user))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/staff/referrals/")


def test_a_clinician_finds_the_new_referral_and_overrides_it(desktop_page):
    page = desktop_page
    clinician = make_staff(roles.CLINICIAN, first_name="Sam", last_name="Okafor")
    make_referral(level="outpatient", first_name="Other", last_name="Person")
    referral = make_referral(level="iop", first_name="Maribel", last_name="Quintana")
    recommendation = Recommendation.objects.get(screening_id=referral.latest_screening_id)

    _sign_in(page, clinician)
    page.get_by_label("Search name, phone or email").fill("Quintana")
    page.get_by_role("button", name="Apply").click()
    row = page.get_by_role("row", name="Quintana")
    assert "IOP" in row.inner_text() and "New" in row.inner_text()
    row.get_by_role("link", name="Quintana, Maribel").click()
    page.wait_for_url(f"**/staff/referrals/{referral.pk}/")

    page.get_by_text("Override the recommended level").click()
    page.get_by_role("combobox", name="Level of care").select_option("php")
    page.get_by_label("Clinical reason").fill(REASON)
    page.get_by_role("button", name="Record override").click()

    page.get_by_text("Override recorded.").wait_for()
    recommended = page.get_by_test_id("recommended-level").inner_text()
    overridden = page.get_by_test_id("override-level").inner_text()
    assert "Intensive outpatient (IOP)" in recommended
    assert "Partial hospitalization (PHP)" in overridden
    assert "Sam Okafor" in overridden
    assert "sharp decline" in overridden
    referral.refresh_from_db()
    assert referral.override_level == "php"
    recommendation.refresh_from_db()
    assert recommendation.level == "iop"

    page.goto(page.base_url + "/staff/referrals/?q=Quintana")
    row_text = page.get_by_role("row", name="Quintana").inner_text()
    assert "PHP" in row_text and "(override)" in row_text and "Recommended IOP" in row_text


def test_a_short_reason_is_refused_in_the_browser_with_nothing_saved(desktop_page):
    page = desktop_page
    clinician = make_staff(roles.CLINICIAN)
    referral = make_referral(level="iop", first_name="Tobias", last_name="Renn")

    _sign_in(page, clinician)
    page.goto(page.base_url + f"/staff/referrals/{referral.pk}/")
    page.get_by_text("Override the recommended level").click()
    page.get_by_role("combobox", name="Level of care").select_option("php")
    page.get_by_label("Clinical reason").fill("Agree.")
    page.get_by_role("button", name="Record override").click()

    page.get_by_text("Nothing was saved").wait_for()
    assert page.get_by_text("at least 30 characters").is_visible()
    referral.refresh_from_db()
    assert referral.override_level == ""


@pytest.mark.parametrize("viewport", [(1366, 900), (820, 1180)], ids=["laptop", "tablet"])
def test_queue_and_review_page_fit_the_screen(chromium_browser, live_server, viewport, tmp_path):
    width, height = viewport
    staff = make_staff(roles.ADMISSIONS)
    crisis = make_referral(crisis=True, first_name="Ines", last_name="Barros")
    for level in ("outpatient", "iop", "php", "inpatient"):
        make_referral(level=level)
    context = chromium_browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.base_url = live_server.url
    try:
        _sign_in(page, staff)
        for path in ("/staff/referrals/", f"/staff/referrals/{crisis.pk}/"):
            page.goto(page.base_url + path)
            page.screenshot(path=str(tmp_path / f"{width}{path.replace('/', '-')}.png"))
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways at {width}px"
            assert "CRISIS" in page.locator(".crisis-label").first.inner_text()
            assert page.locator(".crisis-label").first.is_visible()
        page.get_by_role("button", name="Log attempt").scroll_into_view_if_needed()
        assert page.get_by_role("button", name="Log attempt").is_visible()
    finally:
        context.close()
