"""The administrators' rule-set page at /staff/rule-sets/: what is active, how many
recommendations each version made, who published what, and publishing with a confirmation."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from core import roles
from screening.models import RuleSetPublication
from screening.scoring import DEFAULT_RULE_SET
from screening.selectors import active_rule_set
from screening.services import rule_set_publish
from tests.admissions.factories import sign_in_verified
from tests.screening.conftest import TEST_VERSION
from tests.screening.factories import submitted

pytestmark = pytest.mark.django_db

PAGE = "/staff/rule-sets/"
PUBLISH = "/staff/rule-sets/publish/"
NOTE = "Approved by the clinical governance group, minutes 2026-11-18 item 4."


def signed_in(user) -> Client:
    client = Client(REMOTE_ADDR="10.1.2.3")
    sign_in_verified(client, user)
    return client


def test_administrators_see_versions_counts_history_and_the_nav_link(
    second_rule_set, administrator
):
    submitted(email="a@example.org")
    submitted(email="b@example.org")
    rule_set_publish(version=TEST_VERSION, actor=administrator, note=NOTE)
    submitted(email="c@example.org")

    response = signed_in(administrator).get(PAGE)

    assert response.status_code == 200
    rows = {row.version: row for row in response.context["overview"].versions}
    assert rows[DEFAULT_RULE_SET.version].recommendations == 2
    assert not rows[DEFAULT_RULE_SET.version].active
    assert rows[TEST_VERSION].recommendations == 1
    assert rows[TEST_VERSION].active
    page = response.content.decode()
    assert '<a class="nav-link active" aria-current="page" href="/staff/rule-sets/">' in page
    assert "✓ Active" in page
    assert "Ada Admin" in page
    assert NOTE in page
    offered = [value for value, _ in response.context["form"].fields["version"].choices]
    assert offered == ["", DEFAULT_RULE_SET.version]  # the active version is not offered


def test_the_page_runs_the_same_queries_however_long_the_history(second_rule_set, administrator):
    client = signed_in(administrator)
    client.get(PAGE)  # warm the session and permission caches of this client's first hit

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        return len(queries)

    before = count()
    for version, n in ((TEST_VERSION, 1), (DEFAULT_RULE_SET.version, 2), (TEST_VERSION, 3)):
        rule_set_publish(version=version, actor=administrator, note=f"{NOTE} ({n})")
        submitted(email=f"p{n}@example.org")
    assert count() == before


def test_publishing_asks_for_confirmation_first(second_rule_set, administrator):
    client = signed_in(administrator)

    response = client.post(PUBLISH, {"version": TEST_VERSION, "note": NOTE})

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Publish <code>{TEST_VERSION}</code>?" in page
    assert f"instead of <strong>{DEFAULT_RULE_SET.version}</strong>" in page
    assert "none is re-scored" in page
    assert not RuleSetPublication.objects.exists()
    assert active_rule_set() is DEFAULT_RULE_SET


def test_confirming_publishes_audits_and_says_so(
    second_rule_set, administrator, django_capture_on_commit_callbacks
):
    client = signed_in(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PUBLISH, {"version": TEST_VERSION, "note": NOTE, "confirm": "publish"}, follow=True
        )

    assert response.redirect_chain == [(PAGE, 302)]
    assert f"{TEST_VERSION} is now the active rule set" in response.content.decode()
    assert active_rule_set() is second_rule_set
    publication = RuleSetPublication.objects.get()
    assert (publication.published_by, publication.note) == (administrator, NOTE)
    event = AuditEvent.objects.get(action=AuditEvent.Action.PUBLISH)
    assert (event.object_type, event.object_id, event.ip_address) == (
        "rule_set",
        TEST_VERSION,
        "10.1.2.3",
    )


def test_going_back_from_the_confirmation_keeps_what_was_typed(second_rule_set, administrator):
    response = signed_in(administrator).post(
        PUBLISH, {"version": TEST_VERSION, "note": NOTE, "confirm": "edit"}
    )

    form = response.context["form"]
    assert (form["version"].value(), form["note"].value()) == (TEST_VERSION, NOTE)
    assert f'<option value="{TEST_VERSION}" selected>' in response.content.decode()
    assert not RuleSetPublication.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"version": TEST_VERSION, "note": "  "}, "note", "Say why this version is being"),
        ({"version": "iop-loc-2099.9", "note": NOTE}, "version", "Choose a registered version"),
        ({"version": "", "note": NOTE}, "version", "Choose the version to publish."),
        (
            {"version": DEFAULT_RULE_SET.version, "note": NOTE, "confirm": "publish"},
            "version",
            "not already active",
        ),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_changes_nothing(
    second_rule_set, administrator, data, field, message
):
    response = signed_in(administrator).post(PUBLISH, data)

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert 'class="invalid-feedback"' in response.content.decode()
    assert not RuleSetPublication.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PUBLISH).exists()


@pytest.mark.parametrize("role", [roles.ADMISSIONS, roles.CLINICIAN, roles.PROGRAM_ADMIN, None])
def test_other_staff_get_403_see_no_link_and_cannot_publish(second_rule_set, staff_user, role):
    client = signed_in(staff_user(role))

    assert client.get(PAGE).status_code == 403
    confirm = {"version": TEST_VERSION, "note": NOTE, "confirm": "publish"}
    assert client.post(PUBLISH, confirm).status_code == 403
    assert not RuleSetPublication.objects.exists()
    assert active_rule_set() is DEFAULT_RULE_SET
    if role in (roles.ADMISSIONS, roles.CLINICIAN):
        assert 'href="/staff/rule-sets/"' not in client.get("/staff/referrals/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(second_rule_set):
    client = Client()

    assert client.get(PAGE)["Location"].startswith("/staff/login/?next=")
    response = client.post(PUBLISH, {"version": TEST_VERSION, "note": NOTE, "confirm": "publish"})
    assert response.status_code == 302
    assert not RuleSetPublication.objects.exists()


def test_with_only_the_active_version_in_the_release_there_is_nothing_to_publish(administrator):
    response = signed_in(administrator).get(PAGE)

    page = response.content.decode()
    assert "There is nothing else to publish" in page
    assert 'name="note"' not in page
    assert "Nothing has been published yet, so the default" in page
