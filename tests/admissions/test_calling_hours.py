"""Calls and texts only between 8 a.m. and 9 p.m. where the applicant is, with their time
zone from state and ZIP; follow-ups the clinic starts are scheduled into those hours and
held back at send time outside them. Tested with a controlled clock."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from admissions import applicant_time
from admissions.models import ContactAttempt, FollowUp
from admissions.services.contact_window import suggested_callback
from admissions.services.followup_delivery import followup_deliver
from admissions.services.referrals import contact_attempt_log
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db

EASTERN, CENTRAL = ZoneInfo("America/New_York"), ZoneInfo("America/Chicago")


def _at(zone, hour, minute=0, day=10):
    return datetime(2026, 3, day, hour, minute, tzinfo=zone)


@pytest.mark.parametrize(
    ("state", "zip_code", "zone"),
    [
        ("MA", "02139", "America/New_York"),
        ("IL", "60601", "America/Chicago"),
        ("AZ", "85004", "America/Phoenix"),
        ("FL", "33101", "America/New_York"),  # Miami
        ("FL", "32501", "America/Chicago"),  # Pensacola, the panhandle
        ("TN", "37902", "America/New_York"),  # Knoxville
        ("TN", "37203", "America/Chicago"),  # Nashville
        ("TX", "79901", "America/Denver"),  # El Paso
        ("ID", "83814", "America/Los_Angeles"),  # Coeur d'Alene
        ("OH", "32501", "America/New_York"),  # a ZIP from another state moves no one
        ("", "32501", "America/Chicago"),  # no state: the split-state ZIP still tells
        ("", "", "America/New_York"),  # nothing known: the clinic's zone
    ],
)
def test_the_time_zone_comes_from_state_and_zip(state, zip_code, zone):
    assert (
        applicant_time.zone_name(state=state, zip_code=zip_code, default="America/New_York") == zone
    )


def test_a_call_at_7am_their_time_is_refused_and_nothing_is_saved(clock, admissions_user):
    referral = make_referral(state="IL", zip_code="60601")
    clock.set(_at(CENTRAL, 7, 40))  # 8:40 in the clinic (Eastern), 7:40 in Chicago

    with pytest.raises(ValidationError) as refused:
        contact_attempt_log(
            referral=referral, staff=admissions_user, channel="phone", outcome="no_answer"
        )

    assert "7:40 AM their time (CDT)" in refused.value.message_dict["channel"][0]
    assert not ContactAttempt.objects.exists()


def test_calls_are_fine_inside_their_hours_and_just_after_9_to_log_a_call(clock, admissions_user):
    referral = make_referral(state="IL", zip_code="60601")
    for moment in (_at(CENTRAL, 8, 0), _at(CENTRAL, 20, 59), _at(CENTRAL, 21, 10)):
        clock.set(moment)
        contact_attempt_log(
            referral=referral, staff=admissions_user, channel="phone", outcome="no_answer"
        )
    clock.set(_at(CENTRAL, 21, 20))
    with pytest.raises(ValidationError):
        contact_attempt_log(
            referral=referral, staff=admissions_user, channel="phone", outcome="no_answer"
        )
    assert ContactAttempt.objects.count() == 3


def test_a_text_at_night_is_refused_but_a_crisis_call_is_never_held_back(clock, admissions_user):
    crisis = make_referral(crisis=True, state="MA", consent_sms=True)
    clock.set(_at(EASTERN, 23, 30))

    with pytest.raises(ValidationError):
        contact_attempt_log(
            referral=crisis, staff=admissions_user, channel="sms", outcome="text_sent"
        )
    attempt = contact_attempt_log(
        referral=crisis, staff=admissions_user, channel="phone", outcome="reached"
    )

    assert attempt.reached


def test_no_text_attempt_without_consent_to_texts(admissions_user):
    referral = make_referral(consent_sms=False)

    with pytest.raises(ValidationError) as refused:
        contact_attempt_log(
            referral=referral, staff=admissions_user, channel="sms", outcome="text_sent"
        )

    assert "not agreed to text messages" in refused.value.message_dict["channel"][0]
    assert not ContactAttempt.objects.exists()


def test_no_response_follow_ups_are_scheduled_into_their_calling_hours(clock, admissions_user):
    referral = make_referral(state="IL", email="pat@example.com")
    clock.set(_at(CENTRAL, 20, 30))  # 24 h, 72 h and 7 days later are all 8:30 p.m.: fine

    contact_attempt_log(
        referral=referral, staff=admissions_user, channel="phone", outcome="no_answer"
    )
    evening = {f.kind: f.scheduled_for for f in referral.followups.all()}
    assert evening["no_response_1"] == _at(CENTRAL, 20, 30, day=11)

    late = make_referral(state="IL", email="sam@example.com")
    clock.set(_at(CENTRAL, 21, 5))  # a call logged at 9:05 p.m. (just inside the grace)
    contact_attempt_log(referral=late, staff=admissions_user, channel="phone", outcome="no_answer")
    moved = {f.kind: f.scheduled_for for f in late.followups.all()}
    assert moved["no_response_1"] == _at(CENTRAL, 8, 0, day=12)  # the next morning, 8 a.m.
    assert moved["no_response_3"] == _at(CENTRAL, 8, 0, day=18)


def test_a_due_follow_up_outside_their_hours_waits_for_the_morning(clock, admissions_user):
    referral = make_referral(state="IL", email="pat@example.com")
    clock.set(_at(CENTRAL, 12, 0))
    contact_attempt_log(
        referral=referral, staff=admissions_user, channel="phone", outcome="no_answer"
    )
    first = referral.followups.get(kind="no_response_1")
    clock.set(_at(CENTRAL, 22, 0, day=11))  # a dispatcher slipped: due, but it is night there
    FollowUp.objects.filter(pk=first.pk).update(scheduled_for=clock.now - timedelta(hours=1))

    outcome = followup_deliver(followup_id=first.pk)

    first.refresh_from_db()
    assert outcome.status == "deferred"
    assert (first.status, first.scheduled_for, first.attempts) == (
        "pending",
        _at(CENTRAL, 8, 0, day=12),
        0,
    )
    assert mail.outbox == []
    clock.set(_at(CENTRAL, 8, 1, day=12))
    assert followup_deliver(followup_id=first.pk).status == "sent"


def test_the_confirmation_they_just_asked_for_is_not_held_back(clock):
    from admissions.services.followups import followups_for_new_referral

    referral = make_referral(state="IL", email="pat@example.com")
    clock.set(_at(CENTRAL, 23, 0))
    followups_for_new_referral(referral=referral)
    confirmation = referral.followups.get(kind="confirmation")

    assert followup_deliver(followup_id=confirmation.pk).status == "sent"


@pytest.mark.parametrize(
    ("best_time", "now", "expected"),
    [
        ("morning", _at(CENTRAL, 7, 0), _at(CENTRAL, 9, 0)),
        ("morning", _at(CENTRAL, 10, 0), _at(CENTRAL, 9, 0, day=11)),
        ("evening", _at(CENTRAL, 12, 0), _at(CENTRAL, 17, 30)),
        ("any", _at(CENTRAL, 12, 10), _at(CENTRAL, 15, 30)),
        ("any", _at(CENTRAL, 19, 0), _at(CENTRAL, 8, 0, day=11)),  # 10:30 p.m. is too late
    ],
)
def test_the_callback_defaults_from_the_best_time_to_call(best_time, now, expected):
    referral = make_referral(state="IL", best_time=best_time)

    assert suggested_callback(referral, now) == expected


def test_a_callback_outside_their_hours_is_refused(clock, admissions_user):
    referral = make_referral(state="IL")
    clock.set(_at(CENTRAL, 12, 0))

    with pytest.raises(ValidationError) as refused:
        contact_attempt_log(
            referral=referral,
            staff=admissions_user,
            channel="phone",
            outcome="no_answer",
            callback_at=_at(CENTRAL, 22, 0),
        )

    assert "10:00 PM their time" in refused.value.message_dict["callback_at"][0]
