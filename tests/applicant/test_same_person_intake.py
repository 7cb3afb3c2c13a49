"""Through the real wizard: a submission carrying another open referral's phone or email never
touches or reveals that referral. It opens its own referral, and both are flagged "possible
same person" for staff (docs/same-person.md)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.models import FollowUp, Referral, SamePersonFlag
from admissions.promises import contact_promise
from admissions.services.followups import followup_schedule
from applicant.session import SESSION_KEY
from screening.models import Screening
from tests.admissions.factories import make_referral
from tests.applicant.flow import (
    CALM,
    CONTACT,
    CRISIS_SAFETY,
    DETAILS,
    answer_until,
    complete,
    post_step,
)

pytestmark = pytest.mark.django_db

PERSON = (
    "first_name", "last_name", "date_of_birth", "email", "phone", "email_key", "phone_key",
    "preferred_contact", "best_time", "language", "site_language", "state", "zip_code",
    "insurance_carrier", "consent_contact", "consent_sms",
)  # fmt: skip
WORK = ("level", "override_level", "urgency", "crisis", "crisis_open", "flags", "status",
        "assigned_to_id", "due_at", "latest_screening_id", "reached_at")  # fmt: skip


def _snapshot(referral: Referral) -> dict:
    referral = Referral.objects.get(pk=referral.pk)
    return {
        "fields": {name: getattr(referral, name) for name in PERSON + WORK},
        "screenings": sorted(referral.screening_links.values_list("screening_id", flat=True)),
        "followups": sorted(
            FollowUp.objects.filter(referral=referral).values_list(
                "id", "kind", "status", "scheduled_for"
            )
        ),
    }


@pytest.fixture
def someone_else(admissions_user):
    """Another person's open referral: PHP, urgent, being worked, with a reminder pending."""
    referral = make_referral(
        level="php",
        urgency="urgent",
        first_name="Dana",
        last_name="Other",
        email="dana.other@example.org",
        phone="(555) 010-0142",  # the flow's phone number
        consent_contact=True,
        assigned_to=admissions_user,
        status="contacting",
        insurance_carrier="Other Plan",
    )
    followup_schedule(
        kind=FollowUp.Kind.NO_RESPONSE_1,
        channel=FollowUp.Channel.EMAIL,
        referral=referral,
        dedupe_key=f"no_response_1:referral:{referral.pk}:test",
        scheduled_for=timezone.now() + timedelta(days=1),
    )
    return referral


def _own_referral(client) -> Referral:
    screening = Screening.objects.get(public_id=client.session[SESSION_KEY])
    return screening.referral_link.referral


def _flag_between(earlier, later) -> SamePersonFlag:
    return SamePersonFlag.objects.get(earlier=earlier, later=later)


def test_a_submission_with_another_referrals_phone_opens_its_own_and_changes_nothing(
    client, someone_else
):
    before = _snapshot(someone_else)
    other_sentence = contact_promise(someone_else).applicant_sentence

    response = complete(client)  # calm answers, the flow's own name and email, same phone

    assert response.redirect_chain[-1][0] == "/screen/result/"
    assert _snapshot(someone_else) == before
    own = response.context["referral"]
    assert own.pk != someone_else.pk
    assert (own.email, own.level, own.urgency) == (
        "robin.vale@example.org",
        "outpatient",
        "routine",
    )
    assert list(own.screening_links.values_list("screening_id", flat=True)) == [
        response.context["screening"].pk
    ]
    flag = _flag_between(someone_else, own)
    assert (flag.status, flag.matches) == ("open", ["phone"])
    assert Referral.objects.filter(possible_same_person=True).count() == 2
    page = response.content.decode()
    assert contact_promise(own).applicant_sentence in page
    assert other_sentence not in page
    assert "Dana" not in page and "Other Plan" not in page
    assert "within 4 hours" not in page  # the other's urgency


def test_another_persons_crisis_is_not_revealed_by_their_email(client, admissions_user):
    crisis = make_referral(
        crisis=True, email="robin.vale@example.org", phone="(555) 999-0000", first_name="Kim"
    )
    before = _snapshot(crisis)

    response = complete(client)

    assert _snapshot(crisis) == before
    own = response.context["referral"]
    assert not own.crisis and own.urgency == "routine"
    assert _flag_between(crisis, own).matches == ["email"]
    page = response.content.decode()
    assert "Please reach out for help now" not in page
    assert "Kim" not in page
    assert contact_promise(crisis).applicant_sentence not in page


def test_the_crisis_moment_opens_its_own_emergent_referral_and_alerts_for_it(
    client, someone_else, settings
):
    settings.ONCALL_EMAIL = "oncall@example.org"
    before = _snapshot(someone_else)
    answer_until(client, "mood")

    response = post_step(client, "safety", CRISIS_SAFETY, follow=True)

    assert response.redirect_chain[-1][0] == "/screen/crisis/"
    assert _snapshot(someone_else) == before
    own = _own_referral(client)
    assert own.pk != someone_else.pk
    assert (own.urgency, own.crisis, own.crisis_open) == ("emergent", True, True)
    assert FollowUp.objects.filter(referral=own, kind=FollowUp.Kind.CRISIS_ALERT).exists()
    assert not FollowUp.objects.filter(
        referral=someone_else, kind=FollowUp.Kind.CRISIS_ALERT
    ).exists()
    assert _flag_between(someone_else, own).matches == ["phone"]
    page = response.content.decode()
    assert contact_promise(own).applicant_sentence in page
    assert contact_promise(someone_else).applicant_sentence not in page


def test_the_crisis_moments_referral_is_the_same_screenings_referral_at_submit(
    client, someone_else
):
    answer_until(client, "mood")
    post_step(client, "safety", CRISIS_SAFETY)
    own = _own_referral(client)

    for step in ("anxiety", "trauma", "substance", "functioning", "history", "support",
                 "availability", "goals"):  # fmt: skip
        assert post_step(client, step, CALM[step]).status_code == 302
    assert post_step(client, "details", DETAILS).status_code == 302
    response = post_step(client, "review", {}, follow=True)

    assert response.context["referral"].pk == own.pk
    assert Referral.objects.count() == 2  # someone else's and this screening's own
    assert SamePersonFlag.objects.count() == 1  # never flagged against itself
    own.refresh_from_db()
    assert (own.crisis, own.urgency, own.level) == (True, "emergent", "inpatient")
    assert "Please reach out for help now" in response.content.decode()


def test_a_positive_safety_screen_opens_its_own_referral_too(client, someone_else):
    before = _snapshot(someone_else)
    answer_until(client, "mood")
    concern = {**CALM["safety"], "asq_1": "true", "asq_5": "false"}

    response = post_step(client, "safety", concern, follow=True)

    assert response.redirect_chain[-1][0] == "/screen/safety-check/"
    assert _snapshot(someone_else) == before
    own = _own_referral(client)
    assert own.pk != someone_else.pk and "safety_assessment" in own.flags
    assert _flag_between(someone_else, own).matches == ["phone"]
    assert contact_promise(someone_else).applicant_sentence not in response.content.decode()


def test_name_and_date_of_birth_match_even_with_other_contact_details(client):
    earlier = make_referral(
        first_name="ROBIN",
        last_name="vale",
        date_of_birth=timezone.datetime(1990, 4, 12).date(),
        email="someone@example.org",
        phone="(555) 777-1212",
    )

    complete(client)

    flag = SamePersonFlag.objects.get(earlier=earlier)
    assert flag.matches == ["name_dob"]


def test_a_closed_referral_is_not_flagged():
    from tests.screening.factories import submitted

    first = submitted(email="robin@example.org")
    Referral.objects.filter(pk=first.referral_link.referral_id).update(status="closed")

    submitted(email="robin@example.org")

    assert Referral.objects.count() == 2
    assert not SamePersonFlag.objects.exists()


def test_an_added_phone_on_the_result_page_is_checked_too(client):
    other = make_referral(email="x@example.org", phone="(555) 222-3333", first_name="Lee")
    complete(client, {"contact": {**CONTACT, "phone": "", "preferred_contact": "email"}})
    assert not SamePersonFlag.objects.exists()

    response = client.post("/screen/result/", {"callback-phone": "555 222 3333"})

    assert response.status_code == 302
    own = Referral.objects.exclude(pk=other.pk).get()
    assert own.phone_key == "5552223333"
    assert SamePersonFlag.objects.get(earlier=other, later=own).matches == ["phone"]
    other.refresh_from_db()
    assert other.phone == "(555) 222-3333"  # untouched
