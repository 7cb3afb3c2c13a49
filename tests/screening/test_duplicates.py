"""A person with an open referral who screens again gets a second referral of their own,
flagged "possible same person" with the first; nothing is attached or merged by itself."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.models import Referral, ReferralScreening, SamePersonFlag, StatusChange
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


def test_a_second_screening_with_the_same_email_opens_its_own_flagged_referral(client):
    first = submitted(email="Robin.Vale@example.org", phone="(555) 010-9999")
    earlier = Referral.objects.get()

    complete(client)  # the flow's person: robin.vale@example.org, another phone

    later = Referral.objects.exclude(pk=earlier.pk).get()
    earlier.refresh_from_db()
    assert ReferralScreening.objects.filter(referral=earlier).count() == 1
    assert earlier.latest_screening == first
    assert earlier.phone == "(555) 010-9999"  # untouched by the newer screening
    assert later.phone == "(555) 010-0142"
    assert StatusChange.objects.filter(referral=later).count() == 1
    flag = SamePersonFlag.objects.get()
    assert (flag.earlier, flag.later) == (earlier, later)
    assert flag.matches == ["email", "name_dob"]  # the factory and the flow share a name, DOB
    assert earlier.possible_same_person and later.possible_same_person


def test_the_same_phone_in_another_format_is_flagged_too():
    submitted(email="one@example.org", phone="555-010-0142")

    submitted(email="two@example.org", phone="+1 555 010 0142")

    assert Referral.objects.count() == 2
    assert "phone" in SamePersonFlag.objects.get().matches


def test_a_closed_referral_is_not_reopened():
    first = submitted(email="robin@example.org")
    Referral.objects.filter(pk=first.referral_link.referral_id).update(status="closed")

    submitted(email="robin@example.org")

    assert Referral.objects.count() == 2
    assert Referral.objects.filter(status="new").count() == 1
    assert not SamePersonFlag.objects.exists()


def test_a_milder_new_screening_leaves_the_earlier_referral_as_it_was():
    submitted(email="robin@example.org", answers=answers(self_care=2, hosp_recent=2))
    earlier = Referral.objects.get()
    assert earlier.urgency == "priority"
    before = (earlier.urgency, earlier.level, earlier.due_at, earlier.latest_screening_id)

    submitted(email="robin@example.org")

    earlier.refresh_from_db()
    assert (earlier.urgency, earlier.level, earlier.due_at, earlier.latest_screening_id) == before
    later = Referral.objects.exclude(pk=earlier.pk).get()
    assert (later.urgency, later.level) == ("routine", "outpatient")


def test_a_more_urgent_new_screening_gets_its_own_deadline_not_the_earlier_referrals():
    submitted(email="robin@example.org")
    earlier = Referral.objects.get()
    assert earlier.urgency == "routine"

    submitted(email="robin@example.org", answers=answers(self_care=3))

    earlier.refresh_from_db()
    assert earlier.urgency == "routine"
    later = Referral.objects.exclude(pk=earlier.pk).get()
    assert (later.urgency, later.level) == ("urgent", "inpatient")
    assert later.due_at <= timezone.now() + timedelta(hours=4)


def test_submitting_twice_through_the_service_is_idempotent():
    screening = DraftFactory()

    first = referral_open_for_submission(screening=screening)
    second = referral_open_for_submission(screening=screening)

    assert first.new_referral and not second.new_referral
    assert first.referral == second.referral
    assert first.recommendation == second.recommendation
    assert Referral.objects.count() == 1


def test_a_new_crisis_screening_of_a_person_in_crisis_alerts_on_call_for_its_own(settings):
    from admissions.models import FollowUp

    settings.ONCALL_EMAIL = "oncall@example.org"
    crisis = answers(asq_1=True, asq_5=True)
    submitted(email="robin@example.org", answers=crisis)
    referral = Referral.objects.get()
    assert referral.crisis
    assert referral.followups.filter(kind=FollowUp.Kind.CRISIS_ALERT).count() == 1

    submitted(email="robin@example.org", answers=crisis)  # a second episode, days later

    later = Referral.objects.exclude(pk=referral.pk).get()
    assert later.crisis and later.possible_same_person
    assert referral.followups.filter(kind=FollowUp.Kind.CRISIS_ALERT).count() == 1
    assert later.followups.filter(kind=FollowUp.Kind.CRISIS_ALERT).count() == 1


def test_a_milder_screening_of_a_person_in_crisis_sends_no_new_crisis_alert(settings):
    from admissions.models import FollowUp

    settings.ONCALL_EMAIL = "oncall@example.org"
    submitted(email="robin@example.org", answers=answers(asq_1=True, asq_5=True))
    referral = Referral.objects.get()

    submitted(email="robin@example.org")

    referral.refresh_from_db()
    later = Referral.objects.exclude(pk=referral.pk).get()
    assert referral.crisis  # a crisis is never lowered
    assert not later.crisis  # and never shown to, or copied for, another submission
    assert FollowUp.objects.filter(kind=FollowUp.Kind.CRISIS_ALERT).count() == 1
