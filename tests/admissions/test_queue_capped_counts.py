"""At a million referrals the queue stops counting each status at COUNT_CAP and says
"more than N" instead: honest, and a bounded index scan rather than a full count."""

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
    assert isinstance(counts["new"], queue.AtLeast) and str(counts["new"]) == "more than 3"
    assert counts["contacting"] == 2 and not isinstance(counts["contacting"], queue.AtLeast)
    assert str(counts["open"]) == "more than 5"  # a lower bound stays a lower bound
    page = response.content.decode()
    assert "more than 5" in page
    assert len(response.context["queue"].rows) == 7  # the rows themselves are all there


def test_counts_under_the_cap_are_exact(signed_in, admissions_user):
    ReferralFactory.create_batch(4, status="new")
    client = signed_in(admissions_user)
    counts = client.get("/staff/referrals/").context["queue"].counts
    assert (
        counts["new"] == 4 and counts["open"] == 4 and not isinstance(counts["open"], queue.AtLeast)
    )
