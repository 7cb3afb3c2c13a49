"""At a million referrals the queue stops counting each status at COUNT_CAP and says
"N+" instead: honest, and a bounded index scan rather than a full count. A filtered queue
is counted in one pass over its matching rows that stops at MATCH_CAP."""

import pytest

from admissions.selectors import queue
from tests.admissions.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def test_a_count_past_the_cap_is_shown_as_more_than_the_cap(
    monkeypatch, signed_in, admissions_user
):
    monkeypatch.setattr(queue, "COUNT_CAP", 3)
    ReferralFactory.create_batch(5, status="new")
    ReferralFactory.create_batch(2, status="contacting")

    client = signed_in(admissions_user)
    response = client.get("/staff/referrals/", {"status": "open"})

    counts = response.context["queue"].counts
    assert isinstance(counts["new"], queue.AtLeast) and str(counts["new"]) == "3+"
    assert counts["contacting"] == 2 and not isinstance(counts["contacting"], queue.AtLeast)
    assert str(counts["open"]) == "5+"  # a lower bound stays a lower bound
    page = response.content.decode()
    assert "<strong>5+</strong> open" in page
    assert len(response.context["queue"].rows) == 7  # the rows themselves are all there


def test_counts_under_the_cap_are_exact(signed_in, admissions_user):
    ReferralFactory.create_batch(4, status="new")
    client = signed_in(admissions_user)
    counts = client.get("/staff/referrals/").context["queue"].counts
    assert (
        counts["new"] == 4 and counts["open"] == 4 and not isinstance(counts["open"], queue.AtLeast)
    )


def test_a_filtered_queue_is_counted_exactly_in_one_pass(signed_in, admissions_user):
    ReferralFactory.create_batch(3, status="new", urgency="priority")
    ReferralFactory.create_batch(2, status="closed", urgency="priority")
    ReferralFactory.create_batch(4, status="new", urgency="routine")
    client = signed_in(admissions_user)

    counts = client.get("/staff/referrals/", {"urgency": "priority"}).context["queue"].counts

    assert (counts["new"], counts["closed"], counts["open"], counts["all"]) == (3, 2, 3, 5)
    assert not any(isinstance(n, queue.AtLeast) for n in counts.values())


def test_a_filtered_queue_past_the_match_cap_shows_lower_bounds(
    monkeypatch, signed_in, admissions_user
):
    monkeypatch.setattr(queue, "MATCH_CAP", 4)
    ReferralFactory.create_batch(6, status="new", urgency="priority")
    client = signed_in(admissions_user)

    response = client.get("/staff/referrals/", {"urgency": "priority", "per_page": "25"})

    counts = response.context["queue"].counts
    assert isinstance(counts["new"], queue.AtLeast) and int(counts["new"]) == 5
    assert isinstance(counts["contacting"], queue.AtLeast)  # none in the pass: unknown
    assert str(counts["open"]) == "5+"
    assert len(response.context["queue"].rows) == 6  # the rows themselves are all there
