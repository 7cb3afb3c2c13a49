"""Clinician overrides: a reason is required, the recommendation never changes, overrides
supersede (never edit) each other, and a crisis stands whatever the level."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from admissions.models import Override
from admissions.services.overrides import recommendation_override
from audit.models import AuditEvent
from core import roles
from screening.models import Recommendation
from tests.admissions.factories import make_referral, make_staff

pytestmark = pytest.mark.django_db

REASON = "Family reports rapid decline this week; the structure of PHP is needed now."
SECOND_REASON = "Assessment today shows symptoms settling; IOP evenings fit work hours."


def _override(referral, clinician, level="php", reason=REASON, note=""):
    return recommendation_override(
        referral=referral, clinician=clinician, level=level, reason=reason, note=note
    )


def _recommendation_snapshot(referral):
    rec = Recommendation.objects.get(screening_id=referral.latest_screening_id)
    return (rec.level, rec.urgency, rec.crisis, rec.flags, rec.domains, rec.reasons)


def test_an_override_sets_the_level_in_effect_and_leaves_the_recommendation(clinician):
    referral = make_referral(level="iop")
    before = _recommendation_snapshot(referral)

    override = _override(referral, clinician)

    referral.refresh_from_db()
    assert referral.override_level == "php"
    assert referral.level == "iop"
    assert referral.effective_level == "php"
    assert _recommendation_snapshot(referral) == before
    assert override.recommendation.screening_id == referral.latest_screening_id
    assert (override.clinician, override.reason) == (clinician, REASON)


def test_a_new_override_supersedes_the_previous_one_which_is_kept(clinician):
    referral = make_referral(level="iop")
    first = _override(referral, clinician, level="php")
    second_clinician = make_staff(roles.CLINICIAN)

    second = _override(referral, second_clinician, level="outpatient", reason=SECOND_REASON)

    first.refresh_from_db()
    assert second.supersedes == first
    assert (first.level, first.reason, first.clinician) == ("php", REASON, clinician)
    referral.refresh_from_db()
    assert referral.override_level == "outpatient"
    assert Override.objects.filter(referral=referral).count() == 2


@pytest.mark.parametrize("reason", ["", "ok", "Agree.", "x" * 29])
def test_a_reason_of_a_sentence_or_two_is_required(reason, clinician):
    referral = make_referral(level="iop")

    with pytest.raises(ValidationError) as error:
        _override(referral, clinician, reason=reason)

    assert "reason" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.override_level == ""
    assert not Override.objects.exists()


def test_overriding_to_the_level_already_in_effect_is_refused(clinician):
    referral = make_referral(level="iop")

    with pytest.raises(ValidationError) as error:
        _override(referral, clinician, level="iop")

    assert "level" in error.value.message_dict


@pytest.mark.parametrize("role", [roles.ADMISSIONS, roles.ADMINISTRATOR, roles.PROGRAM_ADMIN])
def test_only_clinicians_may_override_even_calling_the_service(role):
    referral = make_referral(level="iop")

    with pytest.raises(PermissionDenied):
        _override(referral, make_staff(role))

    assert not Override.objects.exists()


def test_lowering_a_crisis_referral_keeps_crisis_flag_and_emergent_urgency(clinician):
    from admissions.services.cosign import override_cosign, override_request

    referral = make_referral(crisis=True)
    due_at = referral.due_at

    # Two clinicians (spec 10.4): one asks, a second co-signs; see test_cosign.py.
    request = override_request(referral=referral, clinician=clinician, level="iop", reason=REASON)
    override_cosign(request=request, clinician=make_staff(roles.CLINICIAN))

    referral.refresh_from_db()
    assert referral.effective_level == "iop"
    assert referral.crisis is True
    assert referral.urgency == "emergent"
    assert "crisis" in referral.flags and " crisis " in referral.flags_text
    assert referral.due_at == due_at


def test_overrides_cannot_be_edited_or_deleted_through_the_workspace(signed_in, clinician):
    referral = make_referral(level="iop")
    override = _override(referral, clinician)
    client = signed_in(clinician)

    for method in ("put", "patch", "delete"):
        url = reverse("admissions:referral_override", args=[referral.pk])
        assert getattr(client, method)(url).status_code == 405
    # The recommendation it overrode cannot be deleted while the override exists.
    with pytest.raises(Exception, match="protected"):
        override.recommendation.delete()
    assert Override.objects.filter(pk=override.pk).exists()


def test_every_override_is_audited_without_the_level_or_reason(clinician):
    referral = make_referral(level="iop")
    first = _override(referral, clinician)
    second = _override(referral, clinician, level="inpatient", reason=SECOND_REASON)

    events = AuditEvent.objects.filter(action="override").order_by("id")
    assert [e.detail for e in events] == [
        f"override {first.pk}",
        f"override {second.pk} supersedes override {first.pk}",
    ]
    for event in events:
        assert event.fields == ["override_level"]
        assert event.actor == clinician
        assert "inpatient" not in event.detail and "Family" not in event.detail


def test_the_page_shows_the_override_beside_the_unchanged_recommendation(signed_in, clinician):
    referral = make_referral(level="iop")
    client = signed_in(clinician)

    response = client.post(
        reverse("admissions:referral_override", args=[referral.pk]),
        {"level": "php", "reason": REASON, "note": "Recheck in a week."},
        follow=True,
    )

    text = response.content.decode()
    recommended = text[text.index('data-testid="recommended-level"') :]
    recommended = recommended[: recommended.index("</div>\n      <div")]
    overridden = text[text.index('data-testid="override-level"') :]
    assert "Intensive outpatient (IOP)" in recommended
    assert "Partial hospitalization (PHP)" in overridden
    assert REASON in overridden and "Recheck in a week." in overridden
    assert "Override recorded." in text


def test_a_short_reason_on_the_page_is_shown_next_to_the_field(signed_in, clinician):
    referral = make_referral(level="iop")

    response = signed_in(clinician).post(
        reverse("admissions:referral_override", args=[referral.pk]),
        {"level": "php", "reason": "Agree."},
    )

    assert response.status_code == 400
    assert "at least 30 characters" in response.context["override_form"].errors["reason"][0]
    referral.refresh_from_db()
    assert referral.override_level == ""


def test_only_clinicians_see_the_override_form(signed_in, clinician, admissions_user):
    referral = make_referral(level="iop")
    url = reverse("admissions:referral_detail", args=[referral.pk])

    assert "override_form" in signed_in(clinician).get(url).context
    assert "override_form" not in signed_in(admissions_user).get(url).context


def test_a_crisis_moment_referral_without_a_scored_screening_cannot_be_overridden_yet(
    signed_in, clinician
):
    """Intake opens a referral the moment acute risk is endorsed, before the form is done."""
    from admissions.models import ReferralScreening
    from screening.models import Screening

    referral = make_referral(crisis=True)
    draft = Screening.objects.create(first_name=referral.first_name, answers={"asq_1": True})
    ReferralScreening.objects.create(referral=referral, screening=draft)
    referral.latest_screening = draft
    referral.save()

    page = signed_in(clinician).get(reverse("admissions:referral_detail", args=[referral.pk]))
    with pytest.raises(ValidationError):
        _override(referral, clinician)

    assert page.status_code == 200
    assert "override_form" not in page.context
