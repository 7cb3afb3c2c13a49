"""The two-person rule (spec 10.4): lowering a crisis referral below inpatient waits for a
second clinician's co-sign; until then the level in effect is unchanged; both steps are
audited; and the programs shown follow the level in effect, the recommended one beside it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from admissions.models import Override, OverrideRequest
from admissions.services.cosign import (
    override_cosign,
    override_request,
    override_request_decline,
    override_request_withdraw,
)
from admissions.services.overrides import recommendation_override
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import make_referral, make_staff, sign_in_verified

pytestmark = pytest.mark.django_db

REASON = "Seen today with family: a safety plan is in place and IOP evenings are enough."
DECLINE = "Too soon after the crisis; keep inpatient until tomorrow's review at least."


@pytest.fixture
def second_clinician(db):
    return make_staff(roles.CLINICIAN)


def _ask(referral, clinician, level="iop"):
    return override_request(referral=referral, clinician=clinician, level=level, reason=REASON)


def test_a_single_clinician_cannot_lower_a_crisis_level(clinician):
    referral = make_referral(crisis=True)

    with pytest.raises(ValidationError) as error:
        recommendation_override(referral=referral, clinician=clinician, level="iop", reason=REASON)

    assert "second clinician" in str(error.value)
    referral.refresh_from_db()
    assert referral.effective_level == "inpatient"
    assert not Override.objects.exists()


def test_asking_leaves_the_level_in_effect_until_a_second_clinician_cosigns(
    clinician, second_clinician
):
    referral = make_referral(crisis=True)

    request = _ask(referral, clinician)
    referral.refresh_from_db()
    assert referral.effective_level == "inpatient"
    assert request.status == "pending"

    override = override_cosign(request=request, clinician=second_clinician)

    referral.refresh_from_db()
    assert referral.effective_level == "iop"
    assert (override.clinician, override.cosigned_by) == (clinician, second_clinician)
    assert (referral.crisis, referral.urgency) == (True, "emergent")
    request.refresh_from_db()
    assert (request.status, request.override, request.decided_by) == (
        "cosigned",
        override,
        second_clinician,
    )


def test_the_clinician_who_asked_cannot_cosign_their_own_request(clinician):
    request = _ask(make_referral(crisis=True), clinician)

    with pytest.raises(ValidationError):
        override_cosign(request=request, clinician=clinician)

    assert not Override.objects.exists()
    assert OverrideRequest.objects.get().status == "pending"


def test_only_clinicians_may_ask_or_cosign(clinician):
    referral = make_referral(crisis=True)
    admissions = make_staff(roles.ADMISSIONS)
    with pytest.raises(PermissionDenied):
        _ask(referral, admissions)
    request = _ask(referral, clinician)
    with pytest.raises(PermissionDenied):
        override_cosign(request=request, clinician=admissions)


def test_declining_needs_a_reason_and_keeps_the_level(clinician, second_clinician):
    referral = make_referral(crisis=True)
    request = _ask(referral, clinician)

    with pytest.raises(ValidationError):
        override_request_decline(request=request, clinician=second_clinician, note="no")
    override_request_decline(request=request, clinician=second_clinician, note=DECLINE)

    request.refresh_from_db()
    referral.refresh_from_db()
    assert (request.status, request.decision_note) == ("declined", DECLINE)
    assert referral.effective_level == "inpatient"
    with pytest.raises(ValidationError):
        override_cosign(request=request, clinician=second_clinician)


def test_the_asker_may_withdraw_and_only_one_request_waits_at_a_time(clinician, second_clinician):
    referral = make_referral(crisis=True)
    request = _ask(referral, clinician)
    with pytest.raises(ValidationError):
        _ask(referral, second_clinician, level="php")
    with pytest.raises(PermissionDenied):
        override_request_withdraw(request=request, clinician=second_clinician)

    override_request_withdraw(request=request, clinician=clinician)

    assert OverrideRequest.objects.get().status == "withdrawn"
    assert _ask(referral, second_clinician, level="php").status == "pending"


def test_both_steps_are_audited_without_the_level_or_reason(clinician, second_clinician):
    referral = make_referral(crisis=True)
    request = _ask(referral, clinician)
    override = override_cosign(request=request, clinician=second_clinician)

    events = list(AuditEvent.objects.filter(object_id=str(referral.pk)).order_by("id"))
    steps = [(e.actor, e.detail) for e in events]
    assert (clinician, f"override request {request.pk} asked (waiting for co-sign)") in steps
    assert (second_clinician, f"override {override.pk} (co-signed)") in steps
    assert (second_clinician, f"override request {request.pk} co-signed") in steps
    for event in events:
        assert "iop" not in event.detail.lower() and "family" not in event.detail.lower()


def test_raising_or_a_non_crisis_change_needs_no_cosign(clinician):
    referral = make_referral(level="iop")

    recommendation_override(
        referral=referral, clinician=clinician, level="outpatient", reason=REASON
    )

    referral.refresh_from_db()
    assert referral.effective_level == "outpatient"


def test_on_the_page_a_lowering_waits_and_the_second_clinician_sees_cosign(
    signed_in, clinician, second_clinician
):
    referral = make_referral(crisis=True)
    url = reverse("admissions:referral_detail", args=[referral.pk])

    response = signed_in(clinician).post(
        reverse("admissions:referral_override", args=[referral.pk]),
        {"level": "outpatient", "reason": REASON},
        follow=True,
    )
    text = response.content.decode()
    assert "Waiting for a second clinician to co-sign" in text
    assert "Another clinician must co-sign" in text
    assert "cosign_form" not in response.context
    referral.refresh_from_db()
    assert referral.effective_level == "inpatient"

    page = signed_in(second_clinician).get(url)
    assert "cosign_form" in page.context
    request = OverrideRequest.objects.get()
    done = signed_in(second_clinician).post(
        reverse("admissions:override_cosign", args=[referral.pk, request.pk]), follow=True
    )
    assert "Co-signed: the new level of care is in effect." in done.content.decode()
    referral.refresh_from_db()
    assert referral.effective_level == "outpatient"


def test_programs_follow_the_level_in_effect_with_the_recommended_level_beside_it(
    client, clinician, second_clinician
):
    from tests.programs.factories import ProgramFactory

    ProgramFactory(level="iop", name="Evening IOP")
    ProgramFactory(level="inpatient", name="Harbor Inpatient Unit")
    referral = make_referral(crisis=True)
    sign_in_verified(client, make_staff(roles.ADMISSIONS))
    url = reverse("admissions:referral_detail", args=[referral.pk])

    before = client.get(url).content.decode()
    assert "Crisis: no outpatient programs are offered." in before
    override_cosign(request=_ask(referral, clinician), clinician=second_clinician)
    after = client.get(url).content.decode()

    assert "Matching at <strong>Intensive outpatient (IOP)</strong>, the level in effect" in after
    assert "Recommended: Inpatient" in after
    assert "Evening IOP" in after
    assert "no outpatient programs are offered" not in after
    assert "CRISIS" in after  # the crisis flag stands
