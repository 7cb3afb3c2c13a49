"""Assessments: booking moves the referral to "assessment scheduled" and books reminders
24 h and 2 h before, in the applicant's channel and language, inside their calling hours;
rescheduling, cancelling and no-shows keep the reminders and the status honest."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from admissions.messaging import sms
from admissions.models import Assessment, FollowUp, StatusChange
from admissions.services.assessments import (
    assessment_cancel,
    assessment_record_outcome,
    assessment_reschedule,
    assessment_schedule,
)
from admissions.services.followup_delivery import followup_deliver
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import make_referral, make_staff

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")


@pytest.fixture
def therapist(db):
    return make_staff(roles.CLINICIAN, first_name="Sam", last_name="Okafor")


def _book(referral, staff, clinician, starts_at, **extra):
    extra.setdefault("mode", "video")
    return assessment_schedule(
        referral=referral, starts_at=starts_at, clinician=clinician, actor=staff, **extra
    )


def _days_ahead(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=EASTERN)


def test_booking_moves_the_status_and_books_two_reminders(admissions_user, therapist):
    referral = make_referral(status="contacting", email="pat@example.com", state="MA")
    starts = _days_ahead(3, 14)

    assessment = _book(referral, admissions_user, therapist, starts)

    referral.refresh_from_db()
    assert referral.status == "assessment_scheduled"
    assert StatusChange.objects.filter(referral=referral, to_status="assessment_scheduled")
    reminders = {f.kind: f for f in assessment.followups.all()}
    assert reminders["assessment_reminder_24h"].scheduled_for == starts - timedelta(hours=24)
    assert reminders["assessment_reminder_2h"].scheduled_for == starts - timedelta(hours=2)
    assert {f.channel for f in reminders.values()} == {"email"}
    assert referral.next_action_at == starts
    assert AuditEvent.objects.filter(
        object_id=str(referral.pk), detail=f"assessment {assessment.pk} scheduled"
    ).exists()


def test_an_early_morning_reminder_moves_into_their_calling_hours(admissions_user, therapist):
    referral = make_referral(email="pat@example.com", state="MA")
    starts = _days_ahead(3, 9)  # the 2-hour reminder would be 7 a.m.

    assessment = _book(referral, admissions_user, therapist, starts)

    two_hours = assessment.followups.get(kind="assessment_reminder_2h")
    assert two_hours.scheduled_for == _days_ahead(3, 8)  # 8 a.m., still before the visit


def test_reminders_go_in_the_applicants_channel_and_language(admissions_user, therapist):
    referral = make_referral(
        preferred_contact="sms",
        consent_sms=True,
        language="es",
        site_language="es",
        state="MA",
        first_name="Lucía",
    )
    assessment = _book(referral, admissions_user, therapist, _days_ahead(3, 15), mode="phone")
    reminder = assessment.followups.get(kind="assessment_reminder_24h")
    FollowUp.objects.filter(pk=reminder.pk).update(scheduled_for=timezone.now())

    assert followup_deliver(followup_id=reminder.pk).status == "sent"

    assert reminder.channel == "sms"
    body = sms.outbox[-1].body
    assert "Lucía" in body and "evaluación" in body and "Le llamaremos" in body


def test_no_reminders_without_consent_to_be_contacted(admissions_user, therapist):
    referral = make_referral(consent_contact=False)

    assessment = _book(referral, admissions_user, therapist, _days_ahead(3, 14))

    assert not assessment.followups.exists()


def test_rescheduling_keeps_the_old_time_and_moves_the_reminders(admissions_user, therapist):
    referral = make_referral(email="pat@example.com")
    old = _book(referral, admissions_user, therapist, _days_ahead(3, 14))

    new = assessment_reschedule(
        assessment=old,
        starts_at=_days_ahead(5, 11),
        mode="in_person",
        clinician=therapist,
        actor=admissions_user,
        reason="They asked for a later day.",
    )

    old.refresh_from_db()
    assert (old.status, new.replaces) == ("rescheduled", old)
    assert set(old.followups.values_list("status", flat=True)) == {"cancelled"}
    assert new.followups.filter(status="pending").count() == 2
    referral.refresh_from_db()
    assert referral.next_action_at == new.starts_at


def test_cancelling_sends_the_referral_back_to_contacting(admissions_user, therapist):
    referral = make_referral(email="pat@example.com")
    assessment = _book(referral, admissions_user, therapist, _days_ahead(3, 14))

    assessment_cancel(assessment=assessment, actor=admissions_user, reason="Clinician is ill.")

    referral.refresh_from_db()
    assert referral.status == "contacting"
    assert referral.next_action_at is None
    assert set(assessment.followups.values_list("status", flat=True)) == {"cancelled"}


def test_a_no_show_is_recorded_only_after_the_start(admissions_user, therapist):
    referral = make_referral()
    assessment = _book(referral, admissions_user, therapist, _days_ahead(3, 14))
    with pytest.raises(ValidationError, match="not started yet"):
        assessment_record_outcome(assessment=assessment, attended=False, actor=admissions_user)

    Assessment.objects.filter(pk=assessment.pk).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    assessment_record_outcome(assessment=assessment, attended=False, actor=admissions_user)

    assessment.refresh_from_db()
    referral.refresh_from_db()
    assert (assessment.status, referral.status) == ("no_show", "contacting")


def test_a_clinician_is_not_booked_twice_at_once(admissions_user, therapist):
    _book(make_referral(), admissions_user, therapist, _days_ahead(3, 14))

    with pytest.raises(ValidationError) as refused:
        _book(
            make_referral(), admissions_user, therapist, _days_ahead(3, 14) + timedelta(minutes=30)
        )

    assert "another assessment" in refused.value.message_dict["clinician"][0]


def test_a_past_time_is_refused_with_nothing_saved(admissions_user, therapist):
    referral = make_referral()

    with pytest.raises(ValidationError) as refused:
        _book(referral, admissions_user, therapist, timezone.now() - timedelta(hours=1))

    assert "future" in refused.value.message_dict["starts_at"][0]
    assert not Assessment.objects.exists()


def test_a_cancelled_assessment_sends_no_reminder(admissions_user, therapist):
    referral = make_referral(email="pat@example.com")
    assessment = _book(referral, admissions_user, therapist, _days_ahead(3, 14))
    reminder = assessment.followups.get(kind="assessment_reminder_24h")
    Assessment.objects.filter(pk=assessment.pk).update(status="cancelled")
    FollowUp.objects.filter(pk=reminder.pk).update(scheduled_for=timezone.now())

    assert followup_deliver(followup_id=reminder.pk).status == "cancelled"
    assert mail.outbox == []


def test_the_page_books_an_assessment_typed_in_clinic_time(signed_in, admissions_user, therapist):
    referral = make_referral(state="IL")
    starts = _days_ahead(4, 10)
    client = signed_in(admissions_user)

    response = client.post(
        reverse("admissions:assessment_schedule", args=[referral.pk]),
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "60",
            "mode": "video",
            "clinician": therapist.pk,
            "location": "https://video.example.org/room-4",
        },
        follow=True,
    )

    assert "Assessment booked" in response.content.decode()
    assessment = Assessment.objects.get(referral=referral)
    assert assessment.starts_at == starts  # 10 a.m. clinic (Eastern) time
    page = response.content.decode()
    section = page[page.index('id="assessment"') :]
    assert "9:00 AM CDT" in section or "9:00 AM CST" in section  # their time, shown too
