"""Missed first-contact deadlines are escalated to the admissions lead once, not every
minute; and the last no-response follow-up proposes ``no_response`` without closing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from admissions.models import ContactAttempt, FollowUp
from admissions.services.escalations import referrals_escalate_overdue
from admissions.services.followup_delivery import followup_deliver
from admissions.services.followups import followups_for_contact_attempt
from audit.models import AuditEvent
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


def _overdue(**fields):
    return make_referral(due_at=timezone.now() - timedelta(minutes=5), **fields)


def test_an_overdue_referral_is_escalated_once_to_each_lead(
    admissions_lead, django_capture_on_commit_callbacks
):
    referral = _overdue()
    with django_capture_on_commit_callbacks(execute=True):
        assert referrals_escalate_overdue() == 1
    for _ in range(3):  # beat keeps running every minute
        with django_capture_on_commit_callbacks(execute=True):
            assert referrals_escalate_overdue() == 0

    referral.refresh_from_db()
    assert referral.escalated_at is not None
    assert [m.to for m in mail.outbox] == [["lead@staff.example.org"]]
    assert f"/staff/referrals/{referral.pk}/" in mail.outbox[0].body
    assert (
        AuditEvent.objects.filter(
            object_type="referral", object_id=str(referral.pk), fields=["escalated_at"]
        ).count()
        == 1
    )


def test_without_a_lead_the_configured_address_is_used(
    settings, django_capture_on_commit_callbacks
):
    settings.ADMISSIONS_LEAD_EMAIL = "lead-desk@clinic.example.org"
    _overdue()
    with django_capture_on_commit_callbacks(execute=True):
        referrals_escalate_overdue()
    assert [m.to for m in mail.outbox] == [["lead-desk@clinic.example.org"]]


def test_reached_closed_or_not_yet_due_referrals_are_not_escalated(admissions_lead):
    _overdue(reached_at=timezone.now() - timedelta(hours=1))
    _overdue(status="closed")
    make_referral(due_at=timezone.now() + timedelta(minutes=5))
    assert referrals_escalate_overdue() == 0
    assert not FollowUp.objects.filter(kind="deadline_escalation").exists()


def test_an_unanswered_attempt_does_not_stop_the_escalation(admissions_lead, admissions_staff):
    """Attempts are not reaches: a referral only tried is still overdue and escalated."""
    referral = _overdue()
    ContactAttempt.objects.create(
        referral=referral, staff=admissions_staff, channel="phone", outcome="no_answer"
    )
    type(referral).objects.filter(pk=referral.pk).update(first_attempt_at=timezone.now())

    assert referrals_escalate_overdue() == 1


def test_an_escalation_is_dropped_if_the_person_is_reached_before_it_goes_out(admissions_lead):
    referral = _overdue()
    referrals_escalate_overdue()  # not committed: the row waits
    referral.reached_at = timezone.now()
    referral.save(update_fields=["reached_at"])
    escalation = FollowUp.objects.get(kind="deadline_escalation")
    assert followup_deliver(followup_id=escalation.pk).status == "cancelled"
    assert mail.outbox == []


def test_the_last_no_response_follow_up_proposes_no_response_without_closing(admissions_staff):
    referral = make_referral(status="contacting")
    attempt = ContactAttempt.objects.create(
        referral=referral, staff=admissions_staff, channel="phone", outcome="no_answer"
    )
    followups_for_contact_attempt(attempt=attempt)
    FollowUp.objects.filter(referral=referral).update(scheduled_for=timezone.now())

    for kind in ("no_response_1", "no_response_2"):
        followup_deliver(followup_id=referral.followups.get(kind=kind).pk)
        referral.refresh_from_db()
        assert referral.no_response_proposed_at is None
    followup_deliver(followup_id=referral.followups.get(kind="no_response_3").pk)

    referral.refresh_from_db()
    assert referral.no_response_proposed_at is not None
    assert referral.status == "contacting"  # staff decide
    assert len(mail.outbox) == 3
    assert AuditEvent.objects.filter(fields=["no_response_proposed_at"]).count() == 1

    reached = ContactAttempt.objects.create(
        referral=referral, staff=admissions_staff, channel="phone", outcome="reached"
    )
    followups_for_contact_attempt(attempt=reached)
    referral.refresh_from_db()
    assert referral.no_response_proposed_at is None


def test_a_no_response_follow_up_is_dropped_once_the_person_was_reached(admissions_staff):
    referral = make_referral(status="contacting")
    attempt = ContactAttempt.objects.create(
        referral=referral, staff=admissions_staff, channel="phone", outcome="no_answer"
    )
    followups_for_contact_attempt(attempt=attempt)
    first = referral.followups.get(kind="no_response_1")
    FollowUp.objects.filter(pk=first.pk).update(scheduled_for=timezone.now())
    # Reached through a path that did not cancel (e.g. a race with the dispatcher).
    ContactAttempt.objects.create(
        referral=referral, staff=admissions_staff, channel="phone", outcome="reached"
    )
    assert followup_deliver(followup_id=first.pk).status == "cancelled"
    assert mail.outbox == []
