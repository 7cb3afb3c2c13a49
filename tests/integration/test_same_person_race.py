"""Two first submissions of the same person at the same moment, on PostgreSQL, in two
threads: both referrals open and the pair is flagged. Each transaction holds itself open
after looking for matches (as a slow request would), which is exactly when a check without
the advisory lock misses the other; a control run with the lock switched off shows the test
would catch that."""

import threading
import time

import pytest
from django.db import connection

from admissions.models import Referral, SamePersonFlag
from admissions.services import intake, same_person
from admissions.services.intake import referral_open_for_submission
from tests.screening.factories import DraftFactory

pytestmark = pytest.mark.integration
HOLD_SECONDS = 0.5


def _submit_together(drafts) -> list[BaseException]:
    barrier = threading.Barrier(len(drafts))
    errors: list[BaseException] = []

    def run(draft):
        try:
            barrier.wait(timeout=10)
            referral_open_for_submission(screening=draft)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.fixture
def slow_after_matching(monkeypatch):
    real = intake.same_person_flag

    def flag_then_hold(**kwargs):
        found = real(**kwargs)
        time.sleep(HOLD_SECONDS)  # still inside the submission's transaction
        return found

    monkeypatch.setattr(intake, "same_person_flag", flag_then_hold)


def _drafts():
    return [
        DraftFactory(email="Robin@Example.org", phone="555-010-0142", first_name=name)
        for name in ("Robin", "Rob")
    ]


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_submissions_are_flagged(require_postgres, slow_after_matching):
    for _ in range(3):
        SamePersonFlag.objects.all().delete()
        Referral.objects.update(status="closed")
        drafts = _drafts()

        assert _submit_together(drafts) == []

        new = Referral.objects.filter(status="new")
        assert new.count() == 2
        flag = SamePersonFlag.objects.get()
        assert {flag.earlier_id, flag.later_id} == set(new.values_list("pk", flat=True))
        assert flag.matches == ["email", "phone"]
        assert all(new.values_list("possible_same_person", flat=True))


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_race_misses_the_pair(
    require_postgres, slow_after_matching, monkeypatch
):
    monkeypatch.setattr(same_person, "identity_lock_ids", lambda keys: [])

    assert _submit_together(_drafts()) == []

    assert Referral.objects.filter(status="new").count() == 2
    assert not SamePersonFlag.objects.exists()  # what the lock prevents
