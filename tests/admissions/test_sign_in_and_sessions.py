"""Signing in and out, brute-force lockout, idle and absolute session limits, and signing
out other sessions on a password change — each recorded in the audit trail."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone

from admissions.middleware import LAST_ACTIVE_KEY, SESSION_STARTED_KEY
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import STAFF_PASSWORD, make_staff, sign_in

pytestmark = pytest.mark.django_db

LOGIN = "/staff/login/"


def _login(client, username, password=STAFF_PASSWORD, **extra):
    """The password and, once it is accepted, the authenticator's code."""
    return sign_in(client, username, password, **extra)


def test_staff_sign_in_and_land_on_the_queue(admissions_user):
    client = Client(REMOTE_ADDR="192.0.2.10")

    response = _login(client, admissions_user.username, follow=True)

    assert response.redirect_chain[-1][0] == "/staff/referrals/"
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="login")
    assert (event.actor, event.ip_address, event.object_id) == (
        admissions_user,
        "192.0.2.10",
        str(admissions_user.pk),
    )


def test_sign_in_returns_to_the_page_asked_for(admissions_user):
    client = Client()
    response = client.post(
        f"{LOGIN}?next=/staff/referrals/%3Fstatus%3Dall",
        {
            "username": admissions_user.username,
            "password": STAFF_PASSWORD,
            "next": "/staff/referrals/?status=all",
        },
    )
    assert response["Location"] == "/staff/referrals/?status=all"


def test_a_wrong_password_is_refused_and_audited_without_the_password(admissions_user):
    client = Client(REMOTE_ADDR="192.0.2.11")

    response = _login(client, admissions_user.username, "not-the-password")

    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    event = AuditEvent.objects.get(action="login_failed")
    assert (event.actor, event.actor_label, event.ip_address) == (
        None,
        admissions_user.username,
        "192.0.2.11",
    )
    assert "not-the-password" not in str(event.__dict__)


def test_repeated_failures_lock_the_account_out_from_every_address(admissions_user):
    client = Client(REMOTE_ADDR="192.0.2.12")
    for _ in range(5):
        _login(client, admissions_user.username, "wrong-password")

    locked = _login(client, admissions_user.username)  # even the right password now

    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed").count() >= 5
    # The account is paused from every address (a spread attack counts as one), a colleague's
    # account from the same address is not.
    assert _login(Client(REMOTE_ADDR="192.0.2.99"), admissions_user.username).status_code == 429
    colleague = make_staff()
    assert _login(Client(REMOTE_ADDR="192.0.2.12"), colleague.username).status_code == 302


def test_signing_out_ends_the_session_and_is_audited(signed_in, admissions_user):
    client = signed_in(admissions_user)

    response = client.post("/staff/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/staff/login/"
    assert client.get("/staff/referrals/").status_code == 302
    assert AuditEvent.objects.filter(action="logout", actor=admissions_user).exists()


def test_a_session_idle_for_thirty_minutes_is_signed_out(settings, signed_in, admissions_user):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = signed_in(admissions_user)
    assert client.get("/staff/referrals/").status_code == 200
    key = client.session.session_key
    # Activity pushes the expiry 30 minutes ahead ...
    expiry = Session.objects.get(session_key=key).expire_date
    assert timedelta(minutes=29) < expiry - timezone.now() <= timedelta(minutes=30)
    # ... so 31 minutes without one leaves an expired session.
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )

    response = client.get("/staff/referrals/")

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_activity_renews_the_session_at_most_once_a_minute(settings, signed_in, admissions_user):
    """A busy page does not rewrite its session row on every click: the activity stamp (and
    with it the session's expiry) is renewed once SESSION_ACTIVITY_STAMP_SECONDS have
    passed."""
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    client = signed_in(admissions_user)
    client.get("/staff/referrals/")
    key = client.session.session_key
    stamped = client.session[LAST_ACTIVE_KEY]
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(minutes=5)
    )

    client.get("/staff/referrals/")  # within the minute: nothing written
    assert Session.objects.get(session_key=key).expire_date < timezone.now() + timedelta(minutes=6)
    assert client.session[LAST_ACTIVE_KEY] == stamped

    session = client.session
    session[LAST_ACTIVE_KEY] = stamped - settings.SESSION_ACTIVITY_STAMP_SECONDS
    session.save()
    client.get("/staff/referrals/")  # a minute on: stamped and renewed
    assert client.session[LAST_ACTIVE_KEY] >= stamped
    expiry = Session.objects.get(session_key=key).expire_date
    assert timedelta(minutes=29) < expiry - timezone.now() <= timedelta(minutes=30)


@override_settings(SESSION_ABSOLUTE_LIFETIME=12 * 60 * 60)
def test_a_busy_session_still_ends_at_its_absolute_lifetime(signed_in, admissions_user):
    client = signed_in(admissions_user)
    assert client.get("/staff/referrals/").status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - 12 * 60 * 60 - 5
    session.save()

    response = client.get("/staff/referrals/")

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")
    assert client.get("/staff/referrals/").status_code == 302  # really signed out
    event = AuditEvent.objects.get(action="logout", actor=admissions_user)
    assert event.detail == "session lifetime reached"


def test_signing_in_starts_the_absolute_lifetime_clock(admissions_user):
    client = Client()
    before = int(time.time())

    _login(client, admissions_user.username)

    assert client.session[SESSION_STARTED_KEY] >= before


def test_changing_the_password_signs_out_other_sessions_but_not_this_one(admissions_user):
    laptop, tablet = Client(), Client()
    _login(laptop, admissions_user.username)
    _login(tablet, admissions_user.username)
    new_password = "a-new-and-long-passphrase-42"

    response = laptop.post(
        "/staff/password/",
        {
            "old_password": STAFF_PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/staff/password/done/"
    assert laptop.get("/staff/referrals/").status_code == 200
    tablet_response = tablet.get("/staff/referrals/")
    assert tablet_response.status_code == 302
    assert tablet_response["Location"].startswith("/staff/login/")


def test_a_weak_new_password_is_refused_next_to_the_field(signed_in, admissions_user):
    response = signed_in(admissions_user).post(
        "/staff/password/",
        {"old_password": STAFF_PASSWORD, "new_password1": "short", "new_password2": "short"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    admissions_user.refresh_from_db()
    assert admissions_user.check_password(STAFF_PASSWORD)


def test_the_nav_shows_only_the_pages_a_role_may_open(signed_in):
    admin_text = signed_in(make_staff(roles.ADMINISTRATOR)).get("/staff/referrals/")
    clinician_text = signed_in(make_staff(roles.CLINICIAN)).get("/staff/referrals/")

    assert 'href="/staff/audit/"' in admin_text.content.decode()
    assert 'href="/staff/audit/"' not in clinician_text.content.decode()
    assert 'href="/staff/referrals/"' in clinician_text.content.decode()
