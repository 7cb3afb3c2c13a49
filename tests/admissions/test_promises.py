"""Promises from one place: what the person is told about first contact comes from their
referral — its own deadline, the channel staff will use (a call for emergent and urgent),
and a clinician about their safety after a positive safety screen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.promises import contact_promise, when_words
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("preferred", "fields", "level", "crisis", "channel", "needs_phone"),
    [
        ("email", {}, "outpatient", True, "phone", False),  # a crisis is a call
        ("email", {}, "inpatient", False, "phone", False),  # urgent: a call
        ("email", {"phone": ""}, "outpatient", True, "email", True),  # no number: ask
        ("email", {}, "outpatient", False, "email", False),  # routine: their choice
        ("sms", {"consent_sms": True}, "iop", False, "sms", False),
        ("sms", {"consent_sms": False}, "iop", False, "email", False),  # no texts without consent
        ("phone", {}, "php", False, "phone", False),
    ],
)
def test_the_channel_is_the_one_staff_will_use(preferred, fields, level, crisis, channel,
                                               needs_phone):  # fmt: skip
    referral = make_referral(level=level, crisis=crisis, preferred_contact=preferred, **fields)

    promise = contact_promise(referral)

    assert (promise.channel, promise.needs_phone) == (channel, needs_phone)


def test_the_promised_time_is_the_referrals_deadline_in_words():
    referral = make_referral(crisis=True)

    promise = contact_promise(referral)

    assert promise.due_at == referral.due_at
    assert promise.by_when == when_words(referral.due_at)
    assert promise.by_when in promise.applicant_sentence
    assert promise.by_when in promise.staff_sentence
    assert "clinician" in promise.applicant_sentence  # a crisis: about their safety


@pytest.mark.parametrize(
    ("offset", "words"),
    [(timedelta(0), "today"), (timedelta(days=1), "tomorrow"), (timedelta(days=3), ", ")],
)
def test_when_words_say_today_tomorrow_or_the_day(offset, words):
    moment = timezone.localtime().replace(hour=10, minute=30) + offset

    assert words in when_words(moment)
    assert "10:30 AM" in when_words(moment)


def test_no_consent_means_no_promise_of_contact():
    referral = make_referral(consent_contact=False)

    promise = contact_promise(referral)

    assert promise.channel == ""
    assert "will not reach out" in promise.applicant_sentence
    assert "No contact promised" in promise.staff_sentence


def test_once_contacted_the_promise_is_kept():
    referral = make_referral()
    referral.reached_at = timezone.now()

    assert contact_promise(referral).applicant_sentence == "Our team has been in touch with you."
