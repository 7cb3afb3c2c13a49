"""Fixtures shared by every tier.

Unit tests run on whatever database DATABASE_URL names (SQLite by default) with eager Celery.
Integration tests (``@pytest.mark.integration``) need PostgreSQL, Redis and start a real Celery
worker process; e2e tests (``@pytest.mark.e2e``) drive Debian's Chromium with Playwright.
Both skip where their services are missing — unless REQUIRE_SERVICES=1, where a skip of
either tier is reported as a failure.
"""

import os

import pytest

from tests.services import REQUIRE_SERVICES

pytest_plugins = ["tests.fixtures.worker", "tests.fixtures.browser", "tests.fixtures.redis_server"]

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would
# otherwise refuse queries made by the test around browser calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

GUARDED_MARKERS = ("integration", "e2e")


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
