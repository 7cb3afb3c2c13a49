"""A queue that updates itself: a small JSON of counts (no names) polled every 15 seconds
drives a badge on every staff page and the queue page's own refresh; background polling
never keeps an idle session signed in."""

import json
import time

import pytest
from django.urls import reverse

from admissions.middleware import LAST_ACTIVE_KEY
from admissions.selectors import updates
from audit.models import AuditEvent
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db
UPDATES = "/staff/referrals/updates.json"
BACKGROUND = {"HTTP_X_BACKGROUND_REFRESH": "1"}


def _poll(client) -> dict:
    response = client.get(UPDATES, **BACKGROUND)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_new_and_new_crisis_referrals_since_the_queue_was_last_seen(signed_in, admissions_user):
    make_referral(first_name="Before")
    client = signed_in(admissions_user)
    client.get("/staff/referrals/")  # the queue was seen

    assert _poll(client)["new"] == 0
    make_referral(first_name="Routine")
    make_referral(first_name="Ines", last_name="Barros", crisis=True)
    data = _poll(client)

    assert (data["new"], data["new_crisis"], data["new_capped"]) == (2, 1, False)
    assert set(data) == {"latest_id", "version", "new", "new_crisis", "new_capped", "poll_seconds"}
    assert data["poll_seconds"] <= 15
    raw = json.dumps(data)
    assert "Barros" not in raw and "Ines" not in raw  # counts only
    client.get("/staff/referrals/")
    assert _poll(client)["new"] == 0  # seen again


def test_the_new_count_stops_at_its_cap(monkeypatch, signed_in, admissions_user):
    monkeypatch.setattr(updates, "NEW_CAP", 2)
    client = signed_in(admissions_user)
    client.get("/staff/referrals/")
    for _ in range(3):
        make_referral()
    closed = make_referral(crisis=True)
    type(closed).objects.filter(pk=closed.pk).update(status="closed")  # new, but not open

    data = _poll(client)

    assert (data["new"], data["new_crisis"], data["new_capped"]) == (2, 0, True)


def test_a_poll_is_one_statement_after_the_session_and_access_reads(
    signed_in, admissions_user, django_assert_num_queries
):
    """Session, user, second-factor device, permissions; then the one counts statement (no
    session save: a poll is not activity and changes nothing)."""
    client = signed_in(admissions_user)
    _poll(client)
    with django_assert_num_queries(5):
        _poll(client)


def test_the_first_poll_of_a_session_counts_from_now(signed_in, admissions_user):
    make_referral()
    client = signed_in(admissions_user)

    assert _poll(client)["new"] == 0
    make_referral()
    assert _poll(client)["new"] == 1


def test_the_version_changes_when_an_open_referral_changes(signed_in, admissions_user):
    referral = make_referral()
    client = signed_in(admissions_user)
    before = _poll(client)["version"]

    type(referral).objects.get(pk=referral.pk).save()  # any change (an attempt, an assignment)

    assert _poll(client)["version"] != before


def test_the_queue_page_carries_its_version_and_renders_rows_alone(signed_in, admissions_user):
    make_referral(first_name="Hallie", last_name="Rows")
    client = signed_in(admissions_user)

    page = client.get("/staff/referrals/").content.decode()
    version = _poll(client)["version"]
    rows = client.get("/staff/referrals/", {"partial": "rows"}, **BACKGROUND).content.decode()

    assert f'data-version="{version}"' in page
    assert "/static/js/staff_updates.js" in page
    assert rows.lstrip().startswith('<div id="queue-live"') and "Rows, Hallie" in rows
    assert "<html" not in rows
    # A refreshed list of people is a view like any other: audited.
    assert AuditEvent.objects.filter(object_type="referral_queue", action="view").count() == 2


def test_the_badge_is_on_every_staff_page(signed_in, admissions_user):
    page = signed_in(admissions_user).get(reverse("admissions:outbox")).content.decode()

    assert "data-queue-badge" in page and "staff_updates.js" in page


def test_polling_does_not_keep_an_idle_session_alive(signed_in, admissions_user, settings):
    client = signed_in(admissions_user)
    client.get("/staff/referrals/")
    stamp = client.session[LAST_ACTIVE_KEY]
    _poll(client)
    assert client.session[LAST_ACTIVE_KEY] == stamp  # a poll is not activity

    session = client.session
    session[LAST_ACTIVE_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE - 5
    session.save()
    response = client.get(UPDATES, **BACKGROUND)

    assert response.status_code == 401
    assert client.get("/staff/referrals/").status_code == 302  # signed out
    assert AuditEvent.objects.get(action="logout").detail == "idle timeout"


def test_people_without_the_queue_get_no_counts(signed_in, program_admin):
    assert signed_in(program_admin).get(UPDATES, **BACKGROUND).status_code == 403
