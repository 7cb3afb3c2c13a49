"""`load_demo` creates one login per role (and prints them) — but never under production
settings, where the published password would be a way in."""

import importlib
import io
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.test import Client

from admissions import demo
from core import roles
from tests.production_env import PRODUCTION_ENV

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = io.StringIO()
    demo.load(stdout=out, style=no_style())
    return out.getvalue()


def test_demo_logins_exist_for_every_role_and_are_printed(settings):
    settings.DEMO_LOGINS_ALLOWED = True

    output = _load()

    users = {u.username: u for u in get_user_model().objects.filter(username__endswith="@demo")}
    assert set(users) == {
        "admissions@demo",
        "clinician@demo",
        "backup@demo",  # the second clinician the two-person rule needs
        "programs@demo",
        "admin@demo",
    }
    assert set(users["clinician@demo"].groups.values_list("name", flat=True)) == {
        roles.CLINICIAN,
        roles.ON_CALL,
    }
    assert users["admin@demo"].groups.get().name == roles.ADMINISTRATOR
    assert not any(u.is_superuser for u in users.values())
    for username in users:
        assert username in output
    assert demo.DEMO_PASSWORD in output


def test_a_demo_login_signs_in(settings):
    settings.DEMO_LOGINS_ALLOWED = True
    _load()

    client = Client()
    response = client.post(
        "/staff/login/", {"username": "clinician@demo", "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    # The second factor: the code `manage.py demo_totp_code clinician@demo` prints.
    out = StringIO()
    call_command("demo_totp_code", "clinician@demo", stdout=out)
    verified = client.post("/staff/mfa/verify/", {"code": out.getvalue().strip()})

    assert verified.status_code == 302
    assert client.get("/staff/referrals/").status_code == 200


def test_loading_twice_changes_nothing_and_resets_the_demo_password(settings):
    settings.DEMO_LOGINS_ALLOWED = True
    _load()
    user = get_user_model().objects.get(username="admissions@demo")
    user.set_password("someone-changed-it-2026")
    user.save()

    _load()

    assert get_user_model().objects.filter(username__endswith="@demo").count() == 5
    user.refresh_from_db()
    assert user.check_password(demo.DEMO_PASSWORD)


def test_under_production_settings_no_demo_login_is_created(settings):
    settings.DEMO_LOGINS_ALLOWED = False

    output = _load()

    assert not get_user_model().objects.filter(username__endswith="@demo").exists()
    assert "NOT created" in output
    assert demo.DEMO_PASSWORD not in output


def test_production_settings_turn_demo_logins_off(monkeypatch):
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DEMO_LOGINS_ALLOWED", "true")  # even if someone sets it
    prod = importlib.reload(importlib.import_module("iop_portal.settings.prod"))

    assert prod.DEMO_LOGINS_ALLOWED is False
