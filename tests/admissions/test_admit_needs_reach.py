"""Admitting someone needs a logged contact that reached them, or an explicit reason."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from admissions.models import StatusChange
from admissions.services.referrals import contact_attempt_log, referral_status_change
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db
REASON = "Assessment done; starts the evening group on Tuesday."


def test_admitting_someone_nobody_reached_is_refused_without_a_reason(admissions_user):
    referral = make_referral(status="assessment_scheduled")

    with pytest.raises(ValidationError) as refused:
        referral_status_change(
            referral=referral, to_status="admitted", reason=REASON, actor=admissions_user
        )

    assert "unreached_reason" in refused.value.message_dict
    referral.refresh_from_db()
    assert referral.status == "assessment_scheduled"


def test_an_explicit_reason_admits_them_and_is_kept(admissions_user):
    referral = make_referral(status="assessment_scheduled")

    change = referral_status_change(
        referral=referral,
        to_status="admitted",
        reason=REASON,
        unreached_reason="Walked in with her mother; assessed in person on the spot.",
        actor=admissions_user,
    )

    assert "Admitted without a reached contact: Walked in" in change.reason


def test_a_reached_contact_is_enough(admissions_user):
    referral = make_referral(status="assessment_scheduled")
    contact_attempt_log(
        referral=referral, staff=admissions_user, channel="phone", outcome="no_answer"
    )
    with pytest.raises(ValidationError):  # an attempt is not a reach
        referral_status_change(
            referral=referral, to_status="admitted", reason=REASON, actor=admissions_user
        )
    contact_attempt_log(
        referral=referral, staff=admissions_user, channel="phone", outcome="reached"
    )

    referral_status_change(
        referral=referral, to_status="admitted", reason=REASON, actor=admissions_user
    )

    referral.refresh_from_db()
    assert referral.status == "admitted"


def test_the_page_asks_for_the_reason_only_when_nobody_was_reached(signed_in, admissions_user):
    unreached = make_referral(status="assessment_scheduled")
    client = signed_in(admissions_user)

    page = client.get(reverse("admissions:referral_detail", args=[unreached.pk])).content.decode()
    assert "Admitting without a reached contact? Say why" in page

    response = client.post(
        reverse("admissions:referral_status", args=[unreached.pk]),
        {"to_status": "admitted", "reason": REASON},
    )
    assert response.status_code == 400
    assert "Nobody has logged reaching this person" in response.content.decode()
    assert not StatusChange.objects.filter(referral=unreached, to_status="admitted").exists()
