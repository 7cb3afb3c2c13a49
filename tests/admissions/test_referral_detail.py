"""The review page: contact details, every screening newest first with answers in words,
scores, domain ratings and reasons, and who looked at it (audited)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.models import FollowUp
from audit.models import AuditEvent
from tests.admissions.factories import add_screening, answers_for, make_referral

pytestmark = pytest.mark.django_db


def _page(client, referral) -> str:
    response = client.get(reverse("admissions:referral_detail", args=[referral.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_contact_details_and_preferences_are_shown(signed_in, admissions_user):
    referral = make_referral(
        first_name="Rosa",
        last_name="Delgado",
        phone="(555) 222-3344",
        email="rosa@example.com",
        best_time="evening",
        preferred_contact="sms",
        consent_sms=True,
    )

    text = _page(signed_in(admissions_user), referral)

    # How to reach the person is the first card under the name (issue 13).
    contact = text[text.index('id="contact"') : text.index('class="detail-grid"')]
    for expected in ("(555) 222-3344", "Email", "evening", "Text message", "texts OK"):
        assert expected in contact
    assert "rosa@example.com" in text[text.index('id="person"') :]


def test_answers_are_grouped_by_instrument_with_the_item_wording(signed_in, clinician):
    answers = answers_for("iop", pcptsd_trauma=True, **{f"pcptsd_{n}": n <= 3 for n in range(1, 6)})
    referral = make_referral(answers=answers)

    text = _page(signed_in(clinician), referral)

    phq = text[text.index("PHQ-9 — depression") :]
    assert phq.index("Total 15, moderately severe") < phq.index("GAD-7 — anxiety")
    assert "Feeling down, depressed or hopeless" in phq
    assert "Nearly every day" in phq
    assert "Score 3 of 5, positive" in text  # PC-PTSD-5
    assert "AUDIT-C" in text and "Total 0, low" in text
    # Conditional items that were not asked say so.
    asq = text[text.index("Safety — ASQ") :]
    assert "Not asked" in asq


def test_domain_ratings_come_with_their_reasons_and_the_level_basis(signed_in, clinician):
    referral = make_referral(level="iop")

    text = _page(signed_in(clinician), referral)

    assert "PHQ-9 total 15, moderately severe" in text  # why symptoms is 4
    assert '<span class="rating rating-4">4</span>' in text
    assert "decided by floor rule 3" in text


def test_every_screening_is_listed_newest_first(signed_in, clinician):
    referral = make_referral(level="outpatient", submitted_at=timezone.now() - timedelta(days=9))
    newer, _ = add_screening(referral, level="php")
    referral.refresh_from_db()

    response = signed_in(clinician).get(reverse("admissions:referral_detail", args=[referral.pk]))

    reviews = response.context["reviews"]
    assert len(reviews) == 2
    assert reviews[0].screening.pk == newer.pk
    assert reviews[0].recommendation.level == "php"
    assert reviews[1].recommendation.level == "outpatient"
    text = response.content.decode()
    assert text.index(f'id="screening-{newer.pk}"') < text.index(
        f'id="screening-{reviews[1].screening.pk}"'
    )


def test_flags_crisis_and_urgency_are_shown_in_words(signed_in, clinician):
    referral = make_referral(crisis=True)

    text = _page(signed_in(clinician), referral)

    assert "⚠ CRISIS" in text
    assert "Safety assessment" in text
    assert "Emergent" in text


def test_scheduled_follow_ups_are_listed(signed_in, admissions_user):
    referral = make_referral()
    FollowUp.objects.create(
        referral=referral,
        kind=FollowUp.Kind.NO_RESPONSE_1,
        channel="email",
        dedupe_key=f"x:{referral.pk}",
        scheduled_for=timezone.now() + timedelta(days=1),
    )

    text = _page(signed_in(admissions_user), referral)

    section = text[text.index('id="followups"') :]
    assert "First no-response follow-up" in section and "Pending" in section


def test_each_view_is_audited_for_the_referral_and_each_screening(signed_in, clinician):
    referral = make_referral(level="iop")
    newer, _ = add_screening(referral, level="php")

    _page(signed_in(clinician), referral)

    views = AuditEvent.objects.filter(action="view").exclude(object_type="referral_queue")
    seen = {(e.object_type, e.object_id) for e in views}
    assert seen == {
        ("referral", str(referral.pk)),
        ("screening", str(newer.pk)),
        ("screening", str(referral.screening_links.order_by("id").first().screening_id)),
    }
    assert {e.actor for e in views} == {clinician}
    assert {e.ip_address for e in views} == {"10.1.2.3"}
