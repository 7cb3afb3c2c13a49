"""Logging contact: the first attempt settles whether the deadline was met, a new referral
starts `contacting`, and no-response follow-ups are scheduled (and cancelled on reaching)."""

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


def _log(referral, staff, outcome="no_answer", channel="phone"):
    return contact_attempt_log(referral=referral, staff=staff, channel=channel, outcome=outcome)


def test_the_first_attempt_before_the_deadline_records_it_was_met(admissions_user):
    referral = make_referral(level="php")  # due in 24 h

    attempt = _log(referral, admissions_user)

    referral.refresh_from_db()
    assert referral.first_contact_at == attempt.created_at
    assert referral.deadline_met is True


def test_the_first_attempt_after_the_deadline_records_it_was_missed(admissions_user):
    referral = make_referral(due_at=timezone.now() - timedelta(hours=2))

    _log(referral, admissions_user)

    referral.refresh_from_db()
    assert referral.deadline_met is False


def test_later_attempts_do_not_move_the_first_contact(admissions_user):
    referral = make_referral()
    first = _log(referral, admissions_user)
    referral.refresh_from_db()
    referral.due_at = timezone.now() - timedelta(days=1)  # would be "missed" if re-judged
    referral.save()

    _log(referral, admissions_user, outcome="reached")

    referral.refresh_from_db()
    assert referral.first_contact_at == first.created_at
    assert referral.deadline_met is True
    assert ContactAttempt.objects.filter(referral=referral).count() == 2


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

    attempt = _log(referral, admissions_user)

    event = AuditEvent.objects.get(action="create", object_id=str(referral.pk))
    assert event.detail == f"contact_attempt {attempt.pk}"
    assert set(event.fields) == {
        "contact_attempts",
        "deadline_met",
        "first_contact_at",
        "status",
        "status_changed_at",
    }


def test_the_page_logs_an_attempt_and_shows_it(signed_in, admissions_user):
    referral = make_referral()
    client = signed_in(admissions_user)

    response = client.post(
        reverse("admissions:referral_contact", args=[referral.pk]),
        {"channel": "sms", "outcome": "wrong_number", "note": "Number belongs to a shop."},
        follow=True,
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Contact attempt logged." in text
    attempts = text[text.index('id="contact-attempts"') :]
    assert "Wrong number" in attempts and "Number belongs to a shop." in attempts
    assert "Contacted in time" in text


def test_an_attempt_without_an_outcome_is_refused_next_to_the_field(signed_in, admissions_user):
    referral = make_referral()

    response = signed_in(admissions_user).post(
        reverse("admissions:referral_contact", args=[referral.pk]), {"channel": "phone"}
    )

    assert response.status_code == 400
    assert "outcome" in response.context["contact_form"].errors
    assert not ContactAttempt.objects.filter(referral=referral).exists()
