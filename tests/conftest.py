"""Fixtures shared by every tier.

Unit tests run on whatever database DATABASE_URL names (SQLite by default) with eager Celery.
Integration tests (``@pytest.mark.integration``) need PostgreSQL, Redis and start a real Celery
worker process; e2e tests (``@pytest.mark.e2e``) drive Debian's Chromium with Playwright.
Both skip where their services are missing — unless REQUIRE_SERVICES=1, where a skip of
either tier is reported as a failure.

Staff for every tier: one fixture per role, all made by ``make_staff`` (a user in the role's
group, password ``STAFF_PASSWORD``), and ``signed_in(user)`` for a client.
"""

import itertools
import os

import pytest
from django.test import Client

from core import roles
from tests.admissions.factories import make_staff, sign_in_verified
from tests.services import REQUIRE_SERVICES

pytest_plugins = ["tests.fixtures.worker", "tests.fixtures.browser", "tests.fixtures.redis_server"]

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would
# otherwise refuse queries made by the test around browser calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

GUARDED_MARKERS = ("integration", "e2e")


@pytest.fixture(autouse=True)
def _no_wake_up_marked_as_queued():
    """A batch wake-up an earlier test marked as queued in the broker's Redis (its publish
    mocked, so no worker ever started it) would make this test's wake-ups skip theirs."""
    from admissions import wake

    wake.followups_send_due_started()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (REQUIRE_SERVICES and report.skipped):
        return
    if any(item.get_closest_marker(name) for name in GUARDED_MARKERS):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"REQUIRE_SERVICES=1 but this test was skipped: {reason}"


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Rate limits and other cached state never leak from one test into the next."""
    from django.core.cache import cache

    from core.limits import limits_reset

    cache.clear()
    limits_reset()
    yield
    cache.clear()
    limits_reset()


@pytest.fixture(autouse=True)
def _celery_join_flag_cleared():
    """Celery marks "a task is running here, don't block on results" in one process-wide
    flag that eager ``apply_async`` sets and restores; two live-server threads running eager
    tasks at once can restore it in the wrong order and leave it set, and a later test's
    ``result.get()`` then refuses to wait. No test starts inside a task."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _afternoon_for_applicants(monkeypatch):
    """Calls and texts are allowed only in the applicant's calling hours, judged on
    ``admissions.services.contact_window.clock()``. Every test sees 1 p.m. Eastern there
    (calling hours from Maine to California), so the suite passes whatever the hour it runs
    at; tests of quiet hours set the time with the ``clock`` fixture."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from admissions.services import contact_window

    afternoon = datetime.combine(
        timezone.localdate(), time(13, 0), tzinfo=ZoneInfo("America/New_York")
    )
    monkeypatch.setattr(contact_window, "clock", lambda: afternoon)


class Clock:
    """A controlled clock: ``set()`` fixes Django's ``timezone.now()`` and the applicant
    clock at one instant; ``advance()`` moves both."""

    def __init__(self, monkeypatch):
        self._monkeypatch = monkeypatch
        self.now = None

    def set(self, moment):
        from django.utils import timezone

        from admissions.services import contact_window

        self.now = moment
        self._monkeypatch.setattr(timezone, "now", lambda: self.now)
        self._monkeypatch.setattr(contact_window, "clock", lambda: self.now)
        return moment

    def advance(self, delta):
        return self.set(self.now + delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def staff_user(db):
    """``staff_user(role)`` -> a new user in that role (``None``: no role)."""
    made = itertools.count(1)

    def _make(role: str | None):
        return make_staff(role, username=f"{(role or 'norole').split()[0].lower()}{next(made)}")

    return _make


@pytest.fixture
def admissions_user(db):
    return make_staff(roles.ADMISSIONS, first_name="Alex", last_name="Intake")


@pytest.fixture
def admissions_staff(db):
    """Admissions staff with the address new-referral alerts go to."""
    return make_staff(roles.ADMISSIONS, email="intake-desk@staff.example.org")


@pytest.fixture
def admissions_lead(db):
    """Admissions staff on the Admissions lead list (missed-deadline escalations)."""
    return make_staff(
        roles.ADMISSIONS, groups=[roles.ADMISSIONS_LEAD], email="lead@staff.example.org"
    )


@pytest.fixture
def clinician(db):
    return make_staff(roles.CLINICIAN, first_name="Sam", last_name="Doctor")


@pytest.fixture
def oncall_clinician(db):
    return make_staff(roles.CLINICIAN, groups=[roles.ON_CALL], email="oncall-1@staff.example.org")


@pytest.fixture
def on_call(db):
    """Someone on the On call list only (no role): crisis alerts are queued for them."""
    return make_staff(None, groups=[roles.ON_CALL], username="oncall1")


@pytest.fixture
def program_admin(db):
    return make_staff(roles.PROGRAM_ADMIN)


@pytest.fixture
def administrator(db):
    return make_staff(roles.ADMINISTRATOR, first_name="Ada", last_name="Admin")


@pytest.fixture
def no_role_user(db):
    return make_staff(None)


@pytest.fixture
def signed_in():
    """``signed_in(user)`` -> a test client with that user signed in, second factor passed."""

    def _client(user) -> Client:
        client = Client(REMOTE_ADDR="10.1.2.3")
        return sign_in_verified(client, user)

    return _client


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's superuser client, with the second factor passed."""
    return sign_in_verified(Client(), admin_user)
