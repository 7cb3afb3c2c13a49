"""No-response follow-ups follow reach, not attempts: declining to talk ends the sequence,
a wrong number is never texted, and a text or email sent is an attempt like a call."""

import pytest

from admissions.models import FollowUp
from admissions.services.referrals import contact_attempt_log
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


def _log(referral, staff, outcome, channel="phone"):
    return contact_attempt_log(referral=referral, staff=staff, channel=channel, outcome=outcome)


def _no_response(referral):
    return FollowUp.objects.filter(referral=referral, kind__in=FollowUp.NO_RESPONSE_KINDS)


def test_declining_to_talk_ends_the_no_response_sequence(admissions_staff):
    referral = make_referral(email="pat@example.com")
    _log(referral, admissions_staff, "no_answer")

    _log(referral, admissions_staff, "declined")

    assert set(_no_response(referral).values_list("status", flat=True)) == {"cancelled"}
    referral.refresh_from_db()
    assert referral.reached_at is None  # declining is not being reached


def test_a_wrong_number_is_followed_up_by_email_never_by_text(admissions_staff):
    referral = make_referral(preferred_contact="sms", consent_sms=True, email="pat@example.com")

    _log(referral, admissions_staff, "wrong_number")

    assert set(_no_response(referral).values_list("channel", flat=True)) == {"email"}


def test_a_wrong_number_without_an_email_gets_no_follow_up(admissions_staff):
    referral = make_referral(preferred_contact="sms", consent_sms=True, email="")

    _log(referral, admissions_staff, "wrong_number")

    assert not _no_response(referral).exists()


def test_a_text_sent_starts_the_sequence_like_an_unanswered_call(admissions_staff):
    referral = make_referral(preferred_contact="sms", consent_sms=True)

    _log(referral, admissions_staff, "text_sent", channel="sms")

    assert _no_response(referral).count() == 3
