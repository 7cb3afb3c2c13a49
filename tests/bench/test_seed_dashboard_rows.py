"""seed_referrals writes the rows the dashboard reads, consistent with each referral: the
contact attempt behind its first-attempt time, an assessment for those past booking, the
Override row of an overridden level, a crisis episode per crisis referral, and a source,
partner and insurance status from the known vocabularies."""

import io

import pytest
from django.core.management import call_command

from admissions.models import (
    Assessment,
    ContactAttempt,
    CrisisEpisode,
    InsuranceStatus,
    Override,
    Referral,
)
from core import roles
from screening.choices import ReferralSource
from screening.models import ReferralPartner
from tests.admissions.factories import make_staff

pytestmark = pytest.mark.django_db


def test_the_seeded_referrals_carry_their_dashboard_rows():
    for _ in range(3):
        make_staff(roles.ADMISSIONS)
    call_command("seed_referrals", count=400, pool=40, stdout=io.StringIO())
    referrals = list(Referral.objects.all())
    assert len(referrals) == 400
    assert ReferralPartner.objects.count() == 3
    assert {r.source for r in referrals} <= {"", *ReferralSource.values}
    assert len({r.source for r in referrals}) > 5
    assert {r.insurance_status for r in referrals} <= set(InsuranceStatus.values)
    assert any(r.partner_id for r in referrals)

    attempts = {a.referral_id: a for a in ContactAttempt.objects.all()}
    for referral in referrals:
        attempt = attempts.get(referral.pk)
        assert (attempt is not None) == (referral.first_attempt_at is not None)
        if attempt is not None:
            assert attempt.created_at == referral.first_attempt_at
            assert attempt.outcome == referral.last_outcome
    assessed = set(Assessment.objects.values_list("referral_id", flat=True))
    for referral in referrals:
        if referral.status in ("admitted", "assessment_scheduled"):
            assert referral.pk in assessed
    overrides = {o.referral_id: o for o in Override.objects.select_related("recommendation")}
    for referral in referrals:
        if referral.override_level:
            override = overrides[referral.pk]
            assert override.level == referral.override_level
            assert override.recommendation.screening_id == referral.latest_screening_id
    crisis = {r.pk for r in referrals if r.crisis}
    assert set(CrisisEpisode.objects.values_list("referral_id", flat=True)) == crisis
