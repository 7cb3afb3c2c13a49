"""The deadline-policy page: administrators set the hours to first contact per urgency;
changes are audited, new referrals use them and deadlines already set stand."""

import pytest

from admissions.models import DeadlinePolicy
from admissions.selectors.deadlines import first_contact_hours
from audit.models import AuditEvent
from screening.scoring import FIRST_CONTACT_HOURS
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db
PAGE = "/staff/deadlines/"
DEFAULTS = {"emergent": "1", "urgent": "4", "priority": "24", "routine": "72"}


def test_the_page_shows_the_hours_in_force(signed_in, administrator):
    response = signed_in(administrator).get(PAGE)

    assert response.status_code == 200
    form = response.context["form"]
    assert {name: form[name].value() for name in DEFAULTS} == {
        u: FIRST_CONTACT_HOURS[u] for u in DEFAULTS
    }
    assert 'href="/staff/deadlines/"' in response.content.decode()  # in the menu


def test_saving_changes_new_referrals_and_leaves_existing_deadlines(signed_in, administrator):
    existing = make_referral(level="php")  # priority, due 24 h after submitting
    due_before = existing.due_at

    response = signed_in(administrator).post(PAGE, {**DEFAULTS, "priority": "12"}, follow=True)

    assert "Deadlines saved" in response.content.decode()
    assert first_contact_hours(urgency="priority") == 12
    existing.refresh_from_db()
    assert existing.due_at == due_before
    fresh = make_referral(level="php")
    hours = (fresh.due_at - fresh.latest_screening.submitted_at).total_seconds() / 3600
    assert hours == 12
    event = AuditEvent.objects.get(object_type="deadline_policy", action="change")
    assert (event.fields, event.detail, event.actor) == (
        ["priority"],
        "priority 24 -> 12 h",
        administrator,
    )


def test_a_more_urgent_level_cannot_wait_longer(signed_in, administrator):
    response = signed_in(administrator).post(PAGE, {**DEFAULTS, "urgent": "48"})

    assert response.status_code == 400
    assert response.context["form"].errors["priority"] == [
        "Priority can't be due sooner than urgent (48 h)."
    ]
    assert not DeadlinePolicy.objects.exists()


@pytest.mark.parametrize("hours", ["0", "400", "two"])
def test_bad_hours_are_refused_with_nothing_saved(signed_in, administrator, hours):
    response = signed_in(administrator).post(PAGE, {**DEFAULTS, "routine": hours})

    assert response.status_code == 400
    assert not DeadlinePolicy.objects.exists()
    assert not AuditEvent.objects.filter(object_type="deadline_policy", action="change")


def test_only_administrators_may_change_deadlines(signed_in, admissions_user, clinician):
    for user in (admissions_user, clinician):
        client = signed_in(user)
        assert client.get(PAGE).status_code == 403
        assert client.post(PAGE, {**DEFAULTS, "routine": "24"}).status_code == 403
    assert not DeadlinePolicy.objects.exists()
