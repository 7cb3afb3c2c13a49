"""Browser tier for staff accounts and the second factor: a newcomer enrols an authenticator
at their first sign-in, an administrator invites and manages staff; screenshots of each page
at phone and laptop widths (written to the test's tmp dir, or SCREENSHOT_DIR)."""

import os
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo_totp import current_code
from core import roles
from tests.admissions.factories import STAFF_PASSWORD, make_staff, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1366)


def _shots(tmp_path) -> Path:
    target = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def _password(page, base, user):
    page.goto(base + "/staff/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_newcomer_enrols_then_verifies(chromium_browser, live_server, tmp_path, width):
    shots = _shots(tmp_path)
    newcomer = make_staff(roles.ADMISSIONS, mfa=False)
    context = chromium_browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _password(page, live_server.url, newcomer)
        page.wait_for_url("**/staff/mfa/enrol/**")
        page.get_by_role("heading", name="Set up your authenticator app").wait_for()
        page.screenshot(path=str(shots / f"mfa-enrol-{width}.png"), full_page=True)
        device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Confirm and continue").click()
        page.get_by_role("heading", name="Save your recovery codes").wait_for()
        assert page.locator("[data-recovery-codes] li").count() == 10
        page.screenshot(path=str(shots / f"mfa-recovery-codes-{width}.png"), full_page=True)
        page.get_by_role("link", name="I have saved them").click()
        page.wait_for_url("**/staff/referrals/")

        # Leave the queue first: its poll, refused once the cookies are gone, would take the
        # page to the sign-in form again in the middle of the next sign-in.
        page.goto("about:blank")
        context.clear_cookies()
        _password(page, live_server.url, newcomer)
        page.wait_for_url("**/staff/mfa/verify/**")
        page.screenshot(path=str(shots / f"mfa-verify-{width}.png"), full_page=True)
        page.get_by_label("Code").fill(totp_code(newcomer))
        page.get_by_role("button", name="Verify").click()
        page.wait_for_url("**/staff/referrals/")
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_administrator_invites_and_manages_staff(chromium_browser, live_server, tmp_path, width):
    shots = _shots(tmp_path)
    admin = make_staff(roles.ADMINISTRATOR, first_name="Ada", last_name="Admin")
    make_staff(roles.CLINICIAN, first_name="Sam", last_name="Okafor")
    context = chromium_browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _password(page, live_server.url, admin)
        page.wait_for_url("**/staff/mfa/verify/**")
        page.get_by_label("Code").fill(totp_code(admin))
        page.get_by_role("button", name="Verify").click()
        page.wait_for_url("**/staff/referrals/")
        page.goto(live_server.url + "/staff/accounts/")
        page.get_by_role("heading", name="Staff accounts").wait_for()
        page.screenshot(path=str(shots / f"accounts-list-{width}.png"), full_page=True)

        page.get_by_role("link", name="Invite a staff member").click()
        page.get_by_label("Work email").fill(f"new.hire{width}@clinic.test")
        page.get_by_label("First name").fill("Nia")
        page.get_by_label("Last name").fill("Newhire")
        page.get_by_label(roles.ADMISSIONS, exact=True).check()
        page.screenshot(path=str(shots / f"accounts-invite-{width}.png"), full_page=True)
        page.get_by_role("button", name="Send invitation").click()
        page.get_by_text("Invitation sent").wait_for()

        page.get_by_label(roles.ON_CALL, exact=True).check()
        page.get_by_role("button", name="Save roles").click()
        page.get_by_text("Roles saved: added On call.").wait_for()
        page.get_by_role("button", name="Deactivate account").click()
        page.get_by_text("Account deactivated. They are signed out").wait_for()
        page.get_by_text("Role granted (granted On call)").wait_for()
        page.screenshot(path=str(shots / f"accounts-detail-{width}.png"), full_page=True)
    finally:
        context.close()
