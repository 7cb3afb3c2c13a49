"""Who to call next: crisis referrals nobody has reached, then open referrals never reached
by deadline (overdue first), then reached ones by their next action. Callbacks are shown
and sorted on; "My day" lists what the signed-in person must do today."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.models import Referral
from admissions.services.referrals import contact_attempt_log
from tests.admissions.factories import make_referral, make_staff

pytestmark = pytest.mark.django_db
QUEUE = "/staff/referrals/"


def _names(response) -> list[str]:
    return [r.first_name for r in response.context["queue"].rows]


def _reach(referral, staff, callback_in=None):
    callback = timezone.now() + callback_in if callback_in else None
    contact_attempt_log(
        referral=referral, staff=staff, channel="email", outcome="reached", callback_at=callback
    )


def test_the_default_order_is_who_to_call_next(signed_in, admissions_user, clock):
    # 1 p.m. in the applicants' zone: callbacks 2 hours to 2 days on are in calling hours.
    now = clock.set(datetime(2026, 3, 10, 13, 0, tzinfo=ZoneInfo("America/New_York")))
    crisis_reached = make_referral(first_name="CrisisReached", crisis=True)
    make_referral(first_name="Crisis", crisis=True)
    make_referral(first_name="Overdue", due_at=now - timedelta(hours=3))
    make_referral(first_name="DueSoon", due_at=now + timedelta(hours=2))
    tried = make_referral(first_name="Tried", due_at=now - timedelta(hours=1))
    contact_attempt_log(referral=tried, staff=admissions_user, channel="phone", outcome="no_answer")
    late_callback = make_referral(first_name="CallTomorrow", email="a@example.com")
    early_callback = make_referral(first_name="CallSoon", email="b@example.com")
    no_next = make_referral(first_name="NoNext", email="c@example.com")
    _reach(crisis_reached, admissions_user, timedelta(days=2))
    _reach(late_callback, admissions_user, timedelta(days=1))
    _reach(early_callback, admissions_user, timedelta(hours=2))
    _reach(no_next, admissions_user)

    names = _names(signed_in(admissions_user).get(QUEUE))

    assert names == [
        "Crisis",  # crisis, not yet reached
        "Overdue",  # never reached, by deadline: overdue first
        "Tried",  # an unanswered call leaves them in this group
        "DueSoon",
        "CallSoon",  # reached, by next action
        "CallTomorrow",
        "CrisisReached",
        "NoNext",  # reached, nothing scheduled
    ]


def test_the_callback_is_shown_in_the_queue(signed_in, admissions_user, clock):
    clock.set(datetime(2026, 3, 10, 13, 0, tzinfo=ZoneInfo("America/New_York")))
    referral = make_referral(first_name="Rae", last_name="Callback", email="r@example.com")
    _reach(referral, admissions_user, timedelta(days=1))
    referral.refresh_from_db()

    text = signed_in(admissions_user).get(QUEUE).content.decode()

    row = text[text.index("Callback, Rae") :]
    row = row[: row.index("</tr>")]
    local = timezone.localtime(referral.callback_at)
    assert f"Call back {local:%b} {local.day}, {local.year}" in row


def test_an_attempt_refreshes_the_next_action_and_a_new_attempt_replaces_the_callback(
    admissions_user, clock
):
    # 1 p.m. in the applicant's zone: a callback 4 hours later is inside calling hours.
    clock.set(datetime(2026, 3, 10, 13, 0, tzinfo=ZoneInfo("America/New_York")))
    referral = make_referral(email="r@example.com")
    _reach(referral, admissions_user, timedelta(hours=4))
    referral.refresh_from_db()
    assert referral.next_action_at == referral.callback_at

    _reach(referral, admissions_user)

    referral.refresh_from_db()
    assert referral.callback_at is None and referral.next_action_at is None


def test_my_day_lists_what_is_due_for_me_today(signed_in, admissions_user):
    other = make_staff()
    now = timezone.now()
    make_referral(
        first_name="MineOverdue", assigned_to=admissions_user, due_at=now - timedelta(hours=1)
    )
    make_referral(
        first_name="MineLater", assigned_to=admissions_user, due_at=now + timedelta(days=3)
    )
    make_referral(first_name="Theirs", assigned_to=other, due_at=now - timedelta(hours=1))
    callback = make_referral(
        first_name="MineCallback", assigned_to=admissions_user, email="x@e.org"
    )
    soon = min(now + timedelta(minutes=30), timezone.localtime(now).replace(hour=23, minute=0))
    Referral.objects.filter(pk=callback.pk).update(
        reached_at=now, callback_at=soon, next_action_at=soon, due_at=now + timedelta(days=2)
    )
    make_referral(first_name="MineEnded", assigned_to=admissions_user, status="closed", due_at=now)

    response = signed_in(admissions_user).get(reverse("admissions:my_day"))

    names = [r.first_name for r in response.context["day"].rows]
    assert names == ["MineOverdue", "MineCallback"]
    assert "Nothing is due" not in response.content.decode()


def test_my_day_says_so_when_nothing_is_due(signed_in, admissions_user):
    response = signed_in(admissions_user).get(reverse("admissions:my_day"))

    assert "Nothing is due for you today" in response.content.decode()
