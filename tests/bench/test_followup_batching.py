"""The fix behind the submission benchmark: a new referral's follow-ups are written and woken
in a fixed number of queries, however many staff are alerted, with the same outcome as
scheduling them one by one."""

from unittest import mock

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from admissions.models import FollowUp
from admissions.services import followups
from admissions.tasks import followups_send_due
from core import roles
from tests.admissions.factories import make_referral, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _broker_up(monkeypatch):
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)


def _staff(count: int) -> None:
    for n in range(count):
        make_staff(roles.ADMISSIONS, email=f"desk{n}@staff.example.org")


@pytest.mark.parametrize("staff", [1, 8])
def test_new_referral_follow_ups_cost_the_same_queries_for_any_number_of_staff(staff):
    _staff(staff)
    referral = make_referral(email="sam@example.com")
    with CaptureQueriesContext(connection) as queries:
        followups.followups_for_new_referral(referral=referral)
    rows = referral.followups.all()
    assert rows.count() == staff + 1  # the confirmation and one alert per staff member
    # staff lookup, existing keys, one INSERT (inside a savepoint)
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SAVEPOINT")]
    writes = [sql for sql in writes if not sql.startswith("RELEASE")]
    assert len(writes) == 3


def test_all_wake_ups_go_out_after_commit_and_rows_are_stamped_in_one_update(
    django_capture_on_commit_callbacks, monkeypatch
):
    _staff(3)
    monkeypatch.setattr(followups_send_due.app.conf, "task_always_eager", False)
    with mock.patch.object(followups_send_due, "apply_async") as publish:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            referral = make_referral(email="sam@example.com")
            followups.followups_for_new_referral(referral=referral)
        assert publish.call_count == 0  # nothing leaves before commit
        assert len(callbacks) == 1  # one hook wakes them all
        with CaptureQueriesContext(connection) as queries:
            callbacks[0]()

    assert publish.call_count == 1  # one batch wake-up sends all four
    assert len(queries.captured_queries) == 1  # one UPDATE for every enqueued_at
    assert not referral.followups.filter(enqueued_at__isnull=True).exists()


def test_scheduling_again_adds_nothing_and_wakes_nothing(django_capture_on_commit_callbacks):
    _staff(2)
    referral = make_referral()
    followups.followups_for_new_referral(referral=referral)
    with django_capture_on_commit_callbacks() as callbacks:
        followups.followups_for_new_referral(referral=referral)
    assert referral.followups.count() == 3
    assert callbacks == []


def test_an_insert_refused_by_the_unique_key_falls_back_to_one_by_one():
    """A concurrent writer could commit one of the keys between the lookup and the insert;
    the batch insert then fails and every row goes through get_or_create instead."""
    _staff(2)
    referral = make_referral()
    refused = IntegrityError("duplicate key value violates unique constraint")
    with mock.patch.object(FollowUp.objects, "bulk_create", side_effect=refused) as insert:
        followups.followups_for_new_referral(referral=referral)
    assert insert.call_count == 1
    assert referral.followups.count() == 3
    assert len(set(referral.followups.values_list("dedupe_key", flat=True))) == 3
