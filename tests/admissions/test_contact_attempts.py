"""Logging contact: an attempt is not a reach. The first attempt and the first reach are both
kept; only reaching the person settles whether the deadline was met. A new referral starts
`contacting`, and no-response follow-ups are scheduled (and cancelled on reaching)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from admissions.models import ContactAttempt, FollowUp, StatusChange
from admissions.services.referrals import contact_attempt_log
from audit.models import AuditEvent
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


def _log(referral, staff, outcome="no_answer", channel="phone", **extra):
    return contact_attempt_log(
        referral=referral, staff=staff, channel=channel, outcome=outcome, **extra
    )


def test_an_unanswered_call_is_an_attempt_not_a_reach(admissions_user):
    referral = make_referral(crisis=True)  # due within the hour

    attempt = _log(referral, admissions_user, outcome="no_answer")

    referral.refresh_from_db()
    assert referral.first_attempt_at == attempt.created_at
    assert referral.reached_at is None
    assert referral.deadline_met is None  # the deadline is still running
    assert (referral.attempt_count, referral.last_outcome) == (1, "no_answer")


def test_reaching_the_person_before_the_deadline_meets_it(admissions_user):
    referral = make_referral(level="php")  # due in 24 h
    first = _log(referral, admissions_user, outcome="voicemail")

    reach = _log(referral, admissions_user, outcome="reached")

    referral.refresh_from_db()
    assert referral.first_attempt_at == first.created_at
    assert referral.reached_at == reach.created_at
    assert referral.deadline_met is True
    assert referral.time_to_first_attempt == first.created_at - referral.created_at
    assert referral.time_to_reach == reach.created_at - referral.created_at
    assert (referral.attempt_count, referral.last_outcome) == (2, "reached")


def test_reaching_the_person_after_the_deadline_records_it_was_missed(admissions_user):
    referral = make_referral(due_at=timezone.now() - timedelta(hours=2))

    _log(referral, admissions_user, outcome="reached")

    referral.refresh_from_db()
    assert referral.deadline_met is False


def test_later_reaches_do_not_move_the_first_one(admissions_user):
    referral = make_referral()
    first = _log(referral, admissions_user, outcome="reached")
    referral.refresh_from_db()
    referral.due_at = timezone.now() - timedelta(days=1)  # would be "missed" if re-judged
    referral.save()

    _log(referral, admissions_user, outcome="reached")

    referral.refresh_from_db()
    assert referral.reached_at == first.created_at
    assert referral.deadline_met is True
    assert ContactAttempt.objects.filter(referral=referral).count() == 2


@pytest.mark.parametrize(
    ("channel", "outcome"),
    [
        ("phone", "text_sent"),
        ("email", "voicemail"),
        ("sms", "no_answer"),
        ("email", "wrong_number"),
    ],
)
def test_an_outcome_that_does_not_fit_the_channel_is_refused(admissions_user, channel, outcome):
    referral = make_referral(consent_sms=True, email="pat@example.com")

    with pytest.raises(ValidationError) as refused:
        _log(referral, admissions_user, outcome=outcome, channel=channel)

    assert "outcome" in refused.value.message_dict
    assert not ContactAttempt.objects.filter(referral=referral).exists()


def test_every_outcome_the_issue_names_can_be_logged(admissions_user):
    referral = make_referral(consent_sms=True, email="pat@example.com")
    for channel, outcome in [
        ("phone", "no_answer"),
        ("phone", "voicemail"),
        ("phone", "wrong_number"),
        ("phone", "declined"),
        ("sms", "text_sent"),
        ("email", "email_sent"),
        ("phone", "reached"),
    ]:
        _log(referral, admissions_user, outcome=outcome, channel=channel)

    referral.refresh_from_db()
    assert referral.attempt_count == 7
    labels = [a.get_outcome_display() for a in referral.contact_attempts.order_by("id")]
    assert labels == [
        "No answer",
        "Voicemail left",
        "Wrong number",
        "Declined to talk",
        "Text sent",
        "Email sent",
        "Reached",
    ]


def test_an_attempt_on_a_new_referral_starts_contacting(admissions_user):
    referral = make_referral()

    _log(referral, admissions_user)

    referral.refresh_from_db()
    assert referral.status == "contacting"
    change = StatusChange.objects.filter(referral=referral).order_by("-id").first()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "new",
        "contacting",
        admissions_user,
    )


def test_an_attempt_on_a_scheduled_referral_keeps_its_status(admissions_user):
    referral = make_referral(status="assessment_scheduled")

    _log(referral, admissions_user, outcome="reached")

    referral.refresh_from_db()
    assert referral.status == "assessment_scheduled"


def test_an_unanswered_attempt_schedules_no_response_follow_ups(admissions_user):
    referral = make_referral(consent_contact=True, email="pat@example.com")

    _log(referral, admissions_user, outcome="voicemail")

    kinds = set(FollowUp.objects.filter(referral=referral).values_list("kind", flat=True))
    assert {"no_response_1", "no_response_2", "no_response_3"} <= kinds


def test_reaching_the_person_cancels_pending_no_response_follow_ups(admissions_user):
    referral = make_referral(consent_contact=True, email="pat@example.com")
    _log(referral, admissions_user, outcome="no_answer")

    _log(referral, admissions_user, outcome="reached")

    pending = FollowUp.objects.filter(referral=referral, kind__startswith="no_response")
    assert pending.exists()
    assert set(pending.values_list("status", flat=True)) == {"cancelled"}


def test_no_contact_is_logged_on_an_ended_referral(admissions_user):
    referral = make_referral(status="admitted")

    with pytest.raises(ValidationError):
        _log(referral, admissions_user)

    assert not ContactAttempt.objects.filter(referral=referral).exists()


def test_an_attempt_is_audited_with_ids_and_field_names_only(admissions_user):
    referral = make_referral()

    attempt = _log(referral, admissions_user, outcome="reached")

    event = AuditEvent.objects.get(action="create", object_id=str(referral.pk))
    assert event.detail == f"contact_attempt {attempt.pk}"
    assert set(event.fields) == {
        "attempt_count",
        "callback_at",
        "contact_attempts",
        "deadline_met",
        "first_attempt_at",
        "last_attempt_at",
        "last_outcome",
        "reached_at",
        "status",
        "status_changed_at",
    }


def test_the_page_logs_an_attempt_and_shows_it(signed_in, admissions_user):
    referral = make_referral()
    client = signed_in(admissions_user)

    response = client.post(
        reverse("admissions:referral_contact", args=[referral.pk]),
        {"channel": "phone", "outcome": "wrong_number", "note": "Number belongs to a shop."},
        follow=True,
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Contact attempt logged (wrong number)." in text
    attempts = text[text.index('id="contact-attempts"') :]
    assert "Wrong number" in attempts and "Number belongs to a shop." in attempts
    assert "Contacted in time" not in text and "Reached in time" not in text
    assert "1 attempt, last: wrong number" in text


def test_an_attempt_without_an_outcome_is_refused_next_to_the_field(signed_in, admissions_user):
    referral = make_referral()

    response = signed_in(admissions_user).post(
        reverse("admissions:referral_contact", args=[referral.pk]), {"channel": "phone"}
    )

    assert response.status_code == 400
    assert "outcome" in response.context["contact_form"].errors
    assert not ContactAttempt.objects.filter(referral=referral).exists()
