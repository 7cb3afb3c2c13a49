"""A person with an open referral gets a new screening attached to it, not a second one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.models import Referral, ReferralScreening, StatusChange
from admissions.services.intake import contact_keys, referral_open_for_submission
from tests.applicant.flow import complete
from tests.screening.factories import DraftFactory, submitted
from tests.screening.scoring.answers import answers

pytestmark = pytest.mark.django_db


def test_contact_keys_ignore_case_spacing_and_the_country_code():
    assert contact_keys(email=" Robin.Vale@Example.ORG ", phone="+1 (555) 010-0142") == (
        "robin.vale@example.org",
        "5550100142",
    )
    assert contact_keys(email="", phone="") == ("", "")


def test_a_second_screening_with_the_same_email_joins_the_open_referral(client):
    first = submitted(email="Robin.Vale@example.org", phone="(555) 010-9999")

    complete(client)  # the flow's person: robin.vale@example.org, another phone

    referral = Referral.objects.get()
    assert ReferralScreening.objects.filter(referral=referral).count() == 2
    assert referral.latest_screening != first
    assert referral.phone == "(555) 010-0142"  # contact details as of the latest screening
    assert StatusChange.objects.filter(referral=referral).count() == 1


def test_the_same_phone_in_another_format_matches_too():
    submitted(email="one@example.org", phone="555-010-0142")

    submitted(email="two@example.org", phone="+1 555 010 0142")

    assert Referral.objects.count() == 1


def test_a_closed_referral_is_not_reopened():
    first = submitted(email="robin@example.org")
    Referral.objects.filter(pk=first.referral_link.referral_id).update(status="closed")

    submitted(email="robin@example.org")

    assert Referral.objects.count() == 2
    assert Referral.objects.filter(status="new").count() == 1


def test_a_milder_new_screening_never_lowers_urgency_or_moves_the_deadline_later():
    urgent = submitted(email="robin@example.org", answers=answers(self_care=2, hosp_recent=2))
    referral = Referral.objects.get()
    assert referral.urgency == "priority"
    due = referral.due_at

    submitted(email="robin@example.org")

    referral.refresh_from_db()
    assert referral.urgency == "priority"
    assert referral.due_at == due
    assert referral.level == "outpatient"  # the latest recommendation
    assert referral.latest_screening != urgent


def test_a_more_urgent_new_screening_raises_urgency_and_brings_the_deadline_forward():
    submitted(email="robin@example.org")
    referral = Referral.objects.get()
    assert referral.urgency == "routine"

    submitted(email="robin@example.org", answers=answers(self_care=3))

    referral.refresh_from_db()
    assert (referral.urgency, referral.level) == ("urgent", "inpatient")
    assert referral.due_at <= timezone.now() + timedelta(hours=4)


def test_submitting_twice_through_the_service_is_idempotent():
    screening = DraftFactory()

    first = referral_open_for_submission(screening=screening)
    second = referral_open_for_submission(screening=screening)

    assert first.new_referral and not second.new_referral
    assert first.referral == second.referral
    assert first.recommendation == second.recommendation
    assert Referral.objects.count() == 1


def test_a_new_crisis_screening_on_a_crisis_referral_alerts_on_call_again(settings):
    from admissions.models import FollowUp

    settings.ONCALL_EMAIL = "oncall@example.org"
    crisis = answers(asq_1=True, asq_5=True)
    submitted(email="robin@example.org", answers=crisis)
    referral = Referral.objects.get()
    assert referral.crisis
    assert referral.followups.filter(kind=FollowUp.Kind.CRISIS_ALERT).count() == 1

    submitted(email="robin@example.org", answers=crisis)  # a second episode, days later

    assert Referral.objects.count() == 1
    assert referral.followups.filter(kind=FollowUp.Kind.CRISIS_ALERT).count() == 2


def test_a_milder_screening_on_a_crisis_referral_sends_no_new_crisis_alert(settings):
    from admissions.models import FollowUp

    settings.ONCALL_EMAIL = "oncall@example.org"
    submitted(email="robin@example.org", answers=answers(asq_1=True, asq_5=True))

    submitted(email="robin@example.org")

    referral = Referral.objects.get()
    assert referral.crisis  # a crisis is never lowered
    assert referral.followups.filter(kind=FollowUp.Kind.CRISIS_ALERT).count() == 1
