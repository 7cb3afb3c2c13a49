"""First-contact due times: the administrator's policy, else the rule set's defaults."""

from datetime import UTC, datetime, timedelta

import pytest

from admissions.models import DeadlinePolicy
from admissions.selectors.deadlines import first_contact_due, first_contact_hours

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("urgency", "hours"), [("emergent", 1), ("urgent", 4), ("priority", 24), ("routine", 72)]
)
def test_defaults_follow_the_spec(urgency, hours):
    assert first_contact_hours(urgency=urgency) == hours
    assert first_contact_due(urgency=urgency, start=START) == START + timedelta(hours=hours)


def test_a_policy_overrides_one_urgency_only():
    DeadlinePolicy.objects.create(urgency="priority", hours=12)

    assert first_contact_hours(urgency="priority") == 12
    assert first_contact_hours(urgency="routine") == 72
