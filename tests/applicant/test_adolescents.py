"""Applicants aged 12 to 17: a parent or guardian page after "about you", consent wording for
minors, the guardian's contact on the referral page, a trusted adult beside crisis help, and
programs for adolescents first."""

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.matching import Preferences, ProgramInfo, match_programs
from screening.models import Screening
from tests.applicant.flow import (
    ABOUT,
    CALM,
    CONTACT,
    CRISIS_SAFETY,
    DETAILS,
    TOPIC_ORDER,
    post_step,
    step_url,
)

pytestmark = pytest.mark.django_db

GUARDIAN = {
    "guardian_name": "Dana Vale",
    "guardian_relationship": "parent",
    "guardian_phone": "555 010 0177",
    "guardian_email": "dana@example.org",
}


def _teen() -> dict:
    return {**ABOUT, "dob_year": str(timezone.localdate().year - 16)}


def test_an_adult_never_sees_the_guardian_page(client):
    response = post_step(client, "about", ABOUT)
    assert response["Location"] == step_url("consent")
    assert client.get(step_url("guardian"))["Location"] != step_url("guardian")


def test_a_teen_gives_a_parent_or_guardian_and_reads_consent_for_minors(client):
    assert post_step(client, "about", _teen())["Location"] == step_url("guardian")

    empty = post_step(client, "guardian", {})
    assert empty.status_code == 200
    assert set(empty.context["wizard"]["form"].errors) == {
        "guardian_name", "guardian_relationship", "guardian_phone"
    }  # fmt: skip
    assert not Screening.objects.get().guardian_name  # bad input changes nothing

    response = post_step(client, "guardian", GUARDIAN)
    assert response["Location"] == step_url("consent")
    screening = Screening.objects.get()
    assert (screening.guardian_name, screening.guardian_phone) == ("Dana Vale", "(555) 010-0177")

    consent = client.get(step_url("consent")).content.decode()
    assert "the parent or guardian I named" in consent
    assert "You are under 18" in consent


def test_the_guardian_is_on_the_review_and_the_staff_referral_page(
    client, admissions_user, signed_in
):
    post_step(client, "about", _teen())
    post_step(client, "guardian", GUARDIAN)
    post_step(client, "consent", {"consent_terms": "on", "consent_contact": "on"})
    post_step(client, "contact", CONTACT)
    for topic in TOPIC_ORDER:
        assert post_step(client, topic, CALM[topic]).status_code == 302
    post_step(client, "details", DETAILS)
    review = client.get(step_url("review")).content.decode()
    assert "Dana Vale ((555) 010-0177 — dana@example.org)" in review
    post_step(client, "review", {})

    referral = Screening.objects.get().referral_link.referral
    page = (
        signed_in(admissions_user)
        .get(reverse("admissions:referral_detail", args=[referral.pk]))
        .content.decode()
    )
    assert "Parent / guardian" in page and "Dana Vale (Parent)" in page
    assert 'href="tel:(555) 010-0177"' in page


def test_the_crisis_page_for_a_teen_also_suggests_a_trusted_adult(client, on_call):
    post_step(client, "about", _teen())
    post_step(client, "guardian", GUARDIAN)
    post_step(client, "consent", {"consent_terms": "on", "consent_contact": "on"})
    post_step(client, "contact", CONTACT)
    post_step(client, "mood", CALM["mood"])
    page = post_step(client, "safety", CRISIS_SAFETY, follow=True).content.decode()
    assert 'data-testid="trusted-adult"' in page and "trusted adult" in page


def test_an_adults_crisis_page_has_no_trusted_adult_note(client, on_call):
    post_step(client, "about", ABOUT)
    post_step(client, "consent", {"consent_terms": "on", "consent_contact": "on"})
    post_step(client, "contact", CONTACT)
    post_step(client, "mood", CALM["mood"])
    page = post_step(client, "safety", CRISIS_SAFETY, follow=True).content.decode()
    assert 'data-testid="trusted-adult"' not in page


def _program(pid: int, name: str, min_age: int, max_age: int) -> ProgramInfo:
    return ProgramInfo(
        id=pid, name=name, level="iop", min_age=min_age, max_age=max_age,
        modality="in_person", focus="mental_health", open_seats=2,
    )  # fmt: skip


def test_programs_for_adolescents_come_first_for_a_teen_and_not_for_an_adult():
    programs = [_program(1, "All ages IOP", 12, 99), _program(2, "Teen IOP", 12, 17)]

    teen = match_programs(programs, Preferences(level="iop", age=15))
    assert [m.program.name for m in teen.matches] == ["Teen IOP", "All ages IOP"]
    assert teen.matches[0].fits[0] == "a program for teens"

    adult = match_programs(programs, Preferences(level="iop", age=40))
    assert [m.program.name for m in adult.matches] == ["All ages IOP"]
