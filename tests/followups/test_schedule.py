"""What gets scheduled, for whom and when: the rows written with the event that causes them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction

from admissions.models import ContactAttempt, FollowUp, Referral, StatusChange
from admissions.services.crisis_alerts import followups_for_crisis
from admissions.services.followups import (
    followup_request_resume_link,
    followups_cancel,
    followups_for_contact_attempt,
    followups_for_new_referral,
)
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


def _attempt(referral, staff, outcome=ContactAttempt.Outcome.NO_ANSWER):
    return ContactAttempt.objects.create(
        referral=referral, staff=staff, channel="phone", outcome=outcome
    )


def test_new_referral_queues_a_confirmation_and_a_staff_alert_sent_after_commit(
    admissions_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = make_referral(email="sam@example.com")
        followups_for_new_referral(referral=referral)
        assert mail.outbox == []  # nothing leaves before the transaction commits

    rows = {f.kind: f for f in referral.followups.all()}
    assert set(rows) == {FollowUp.Kind.CONFIRMATION, FollowUp.Kind.NEW_REFERRAL_ALERT}
    assert all(f.status == FollowUp.Status.SENT for f in rows.values())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "intake-desk@staff.example.org",
        "sam@example.com",
    ]


def test_rows_roll_back_with_the_event_that_caused_them(admissions_staff):
    with pytest.raises(RuntimeError), transaction.atomic():
        referral = make_referral()
        followups_for_new_referral(referral=referral)
        raise RuntimeError("intake failed after scheduling")
    assert FollowUp.objects.count() == 0


def test_scheduling_twice_makes_no_doubles(admissions_staff, oncall_clinician):
    referral = make_referral(crisis=True)
    for _ in range(2):
        followups_for_new_referral(referral=referral)
        followups_for_crisis(referral=referral)
    kinds = sorted(referral.followups.values_list("kind", flat=True))
    assert kinds == ["confirmation", "crisis_alert", "crisis_alert", "new_referral_alert"]


def test_crisis_alerts_every_on_call_clinician_and_the_on_call_address(
    oncall_clinician, settings, django_capture_on_commit_callbacks
):
    settings.ONCALL_EMAIL = "oncall-pager@clinic.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        referral = make_referral(crisis=True)
        followups_for_crisis(referral=referral)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["oncall-1@staff.example.org", "oncall-pager@clinic.example.org"]
    assert all("URGENT" in m.subject for m in mail.outbox)


def test_no_consent_means_no_applicant_message_but_staff_are_still_alerted(admissions_staff):
    referral = make_referral(consent_contact=False)
    followups_for_new_referral(referral=referral)
    assert list(referral.followups.values_list("kind", flat=True)) == ["new_referral_alert"]


def test_texts_only_with_sms_consent(db):
    texted = make_referral(preferred_contact="sms", consent_sms=True)
    emailed = make_referral(preferred_contact="sms", consent_sms=False)
    followups_for_new_referral(referral=texted)
    followups_for_new_referral(referral=emailed)
    assert texted.followups.get().channel == FollowUp.Channel.SMS
    assert emailed.followups.get().channel == FollowUp.Channel.EMAIL


def test_with_sms_off_nobody_is_texted(db, settings):
    settings.SMS_ENABLED = False
    emailed = make_referral(preferred_contact="sms", consent_sms=True)
    phoned = make_referral(preferred_contact="sms", consent_sms=True, email="")

    followups_for_new_referral(referral=emailed)
    followups_for_new_referral(referral=phoned)

    assert emailed.followups.get().channel == FollowUp.Channel.EMAIL
    assert not phoned.followups.filter(kind=FollowUp.Kind.CONFIRMATION).exists()


def test_unsuccessful_attempt_schedules_24h_72h_7d_follow_ups(admissions_staff, clock):
    # At 1 p.m. their time, so no delay falls outside calling hours (issue 13 moves those;
    # tests/admissions/test_calling_hours.py).
    clock.set(datetime(2026, 3, 10, 13, 0, tzinfo=ZoneInfo("America/New_York")))
    referral = make_referral()
    attempt = _attempt(referral, admissions_staff)
    followups_for_contact_attempt(attempt=attempt)

    due = {f.kind: f.scheduled_for - attempt.created_at for f in referral.followups.all()}
    assert due == {
        "no_response_1": timedelta(hours=24),
        "no_response_2": timedelta(hours=72),
        "no_response_3": timedelta(days=7),
    }
    assert mail.outbox == []  # future messages are left to the dispatcher


def test_a_second_unsuccessful_attempt_does_not_start_a_second_sequence(admissions_staff):
    referral = make_referral()
    followups_for_contact_attempt(attempt=_attempt(referral, admissions_staff))
    followups_for_contact_attempt(attempt=_attempt(referral, admissions_staff, "voicemail"))
    assert referral.followups.count() == 3


def test_reaching_the_person_cancels_pending_no_response_follow_ups(admissions_staff):
    referral = make_referral()
    followups_for_contact_attempt(attempt=_attempt(referral, admissions_staff))
    followups_for_contact_attempt(attempt=_attempt(referral, admissions_staff, "reached"))
    assert set(referral.followups.values_list("status", flat=True)) == {"cancelled"}

    # Unreachable again later: a fresh sequence starts.
    followups_for_contact_attempt(attempt=_attempt(referral, admissions_staff))
    assert referral.followups.filter(status="pending").count() == 3


def test_reopening_an_ended_referral_allows_a_new_sequence(admissions_staff):
    referral = make_referral(status="contacting")
    followups_for_contact_attempt(attempt=_attempt(referral, admissions_staff))
    Referral.objects.filter(pk=referral.pk).update(status="no_response")
    followups_cancel(referral=referral)
    StatusChange.objects.create(
        referral=referral, from_status="no_response", to_status="contacting"
    )
    Referral.objects.filter(pk=referral.pk).update(status="contacting")
    referral.refresh_from_db()

    followups_for_contact_attempt(attempt=_attempt(referral, admissions_staff))
    assert referral.followups.filter(status="pending").count() == 3


def test_terminal_status_cancels_every_pending_follow_up(admissions_staff):
    referral = make_referral()
    followups_for_new_referral(referral=referral)  # not committed here: nothing sent
    followups_for_contact_attempt(attempt=_attempt(referral, admissions_staff))

    cancelled = followups_cancel(referral=referral)

    assert cancelled == 5
    assert set(referral.followups.values_list("status", flat=True)) == {"cancelled"}


def test_the_staff_status_service_cancels_follow_ups_when_a_referral_ends(admissions_staff):
    from admissions.services.referrals import referral_status_change

    referral = make_referral(status="contacting")
    followups_for_contact_attempt(attempt=_attempt(referral, admissions_staff))
    referral_status_change(
        referral=referral,
        to_status="declined",
        reason="Chose another provider",
        actor=admissions_staff,
    )
    assert set(referral.followups.values_list("status", flat=True)) == {"cancelled"}


def test_resume_link_requests_each_get_their_own_row(db):
    referral = make_referral()
    first = followup_request_resume_link(screening=referral.latest_screening)
    second = followup_request_resume_link(screening=referral.latest_screening)
    assert first.pk != second.pk
    assert first.kind == FollowUp.Kind.RESUME_LINK and first.referral is None


def test_without_an_on_call_address_only_the_on_call_group_is_alerted(oncall_clinician, settings):
    settings.ONCALL_EMAIL = ""
    referral = make_referral(crisis=True)
    followups_for_crisis(referral=referral)
    assert [f.recipient_user for f in referral.followups.all()] == [oncall_clinician]
