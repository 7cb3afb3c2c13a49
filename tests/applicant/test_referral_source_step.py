"""The optional "How did you hear about us?" page before the review, and partner links
(``/screen/?ref=CODE``): both end up on the referral opened at submit."""

import pytest

from admissions.models import Referral
from screening.models import ReferralPartner, Screening
from tests.applicant.flow import answer_until, post_step, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return ReferralPartner.objects.create(
        code="st-marys-ed", organisation="St. Mary's ED", contact_name="Jordan Lee"
    )


def test_after_the_last_topic_comes_the_optional_question_then_the_review(client):
    answer_until(client, "details")
    response = client.get("/screen/step/")
    assert response["Location"] == step_url("source")
    page = client.get(step_url("source"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "How did you hear about us? (optional)" in html
    assert "A doctor or therapist" in html and "I&#x27;d rather not say" in html
    assert post_step(client, "source", {"heard_from": "clinician"})["Location"] == step_url(
        "review"
    )
    assert Screening.objects.get().heard_from == "clinician"
    review = client.get(step_url("review")).content.decode()
    assert "How you heard about us" in review and "A doctor or therapist" in review


def test_skipping_it_is_fine_and_a_made_up_answer_is_refused_kindly(client):
    answer_until(client, "details")
    refused = post_step(client, "source", {"heard_from": "<script>"})
    assert refused.status_code == 200
    assert "Please choose one of the answers, or skip it." in refused.content.decode()
    assert Screening.objects.get().heard_from == ""
    assert post_step(client, "source", {})["Location"] == step_url("review")
    final = post_step(client, "review", {}, follow=True)
    assert final.redirect_chain[-1][0] == "/screen/result/"
    assert Referral.objects.get().source == ""


def test_the_answer_is_copied_onto_the_referral_at_submit(client):
    answer_until(client, "details")
    post_step(client, "source", {"heard_from": "hospital"})
    post_step(client, "review", {}, follow=True)
    assert Referral.objects.get().source == "hospital"


def test_the_question_is_in_spanish_on_the_spanish_site(client):
    answer_until(client, "details")
    client.cookies["language"] = "es"
    html = client.get(step_url("source")).content.decode()
    assert "¿Cómo se enteró de nosotros? (opcional)" in html
    assert "Un médico o terapeuta" in html and "Casi termina" in html


def test_a_partner_link_is_recorded_on_the_draft_and_the_referral(client, partner):
    response = client.get("/screen/", {"ref": "ST-MARYS-ED"})
    assert response.status_code == 302 and response["Location"] == "/screen/"  # code dropped
    answer_until(client, "details")
    assert Screening.objects.get().partner == partner
    post_step(client, "source", {})
    post_step(client, "review", {}, follow=True)
    assert Referral.objects.get().partner == partner


def test_a_partner_link_opened_with_a_draft_in_progress_is_recorded_at_once(client, partner):
    answer_until(client, "mood")
    client.get("/screen/", {"ref": "st-marys-ed"})
    assert Screening.objects.get().partner == partner


@pytest.mark.parametrize("code", ["nobody", "", "x" * 200, "../etc", "st-marys-ed'--"])
def test_an_unknown_or_malformed_code_is_ignored_silently(client, partner, code):
    response = client.get("/screen/", {"ref": code}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/screen/"
    answer_until(client, "details")
    assert Screening.objects.get().partner is None


def test_an_inactive_partner_is_ignored(client, partner):
    ReferralPartner.objects.filter(pk=partner.pk).update(active=False)
    client.get("/screen/", {"ref": partner.code})
    answer_until(client, "about")
    assert Screening.objects.get().partner is None
