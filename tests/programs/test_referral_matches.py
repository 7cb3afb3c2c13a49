"""The staff referral page's "Program matches": every match with its reasons, and offering a
place from there; admitting the person turns the held place into an enrollment."""

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.models import SeatOffer
from admissions.services.offers import seat_offer_create
from admissions.views.program_matches import referral_matches_context
from core import roles
from tests.admissions.factories import answers_for, make_referral, make_staff, sign_in_verified

from .factories import ProgramFactory

pytestmark = pytest.mark.django_db

EVENINGS = [(1, "18:00", "21:00"), (3, "18:00", "21:00"), (4, "18:00", "21:00")]
MORNINGS = [(0, "09:00", "12:00"), (2, "09:00", "12:00"), (4, "09:00", "12:00")]


@pytest.fixture
def catalog():
    return {
        "evening": ProgramFactory(
            name="Evening IOP", sessions=EVENINGS, plans=["Aetna"], capacity=4, enrolled=2
        ),
        "morning": ProgramFactory(
            name="Morning IOP",
            sessions=MORNINGS,
            plans=["Cigna"],
            capacity=3,
            enrolled=3,
            waitlist_weeks=2,
        ),
        "php": ProgramFactory(
            name="Day Program", level="php", sessions=[(d, "09:00", "14:00") for d in range(5)]
        ),
    }


@pytest.fixture
def referral():
    answers = answers_for(
        "iop", days_available=["tue", "thu", "fri"], time_of_day=["evening"], age=30
    )
    # Reached already: admitting someone nobody reached needs a reason (issue 13).
    return make_referral(
        answers=answers,
        insurance_carrier="Aetna",
        status="assessment_scheduled",
        reached_at=timezone.now(),
    )


def detail(client, referral):
    return client.get(reverse("admissions:referral_detail", args=[referral.pk]))


def test_staff_see_every_match_with_reasons_and_can_offer(client, catalog, referral):
    sign_in_verified(client, make_staff(roles.ADMISSIONS))
    html = detail(client, referral).content.decode()
    assert "Program matches" in html
    assert "Evening IOP" in html and "Morning IOP" in html
    assert "Day Program" not in html  # another level, and a place is open at this one
    for reason in (
        "meets Tue/Thu/Fri evenings",
        "in network for Aetna",
        "2 open places",
        "no evening sessions",
        "full; waitlist about 2 weeks",
    ):
        assert reason in html
    assert html.count("Offer a place") == 1  # not on the waitlist-only program


def test_clinicians_see_matches_but_cannot_offer(client, catalog, referral):
    sign_in_verified(client, make_staff(roles.CLINICIAN))
    html = detail(client, referral).content.decode()
    assert "meets Tue/Thu/Fri evenings" in html
    assert "Offer a place" not in html
    response = client.post(
        reverse("admissions:referral_offer", args=[referral.pk]),
        {"program": catalog["evening"].pk, "hold_hours": 48},
    )
    assert response.status_code == 403
    assert not SeatOffer.objects.exists()


def test_offer_a_place_from_the_referral_page(client, catalog, referral):
    sign_in_verified(client, make_staff(roles.ADMISSIONS))
    url = reverse("admissions:referral_offer", args=[referral.pk])
    response = client.post(url, {"program": catalog["evening"].pk, "hold_hours": 72}, follow=True)
    html = response.content.decode()
    assert "A place in Evening IOP is held until" in html
    assert "Place held" in html and "Withdraw offer" in html
    catalog["evening"].refresh_from_db()
    assert (catalog["evening"].held, catalog["evening"].open_seats) == (1, 1)


def test_a_refused_offer_says_why_and_changes_nothing(client, catalog, referral):
    sign_in_verified(client, make_staff(roles.ADMISSIONS))
    url = reverse("admissions:referral_offer", args=[referral.pk])
    response = client.post(url, {"program": catalog["morning"].pk, "hold_hours": 48}, follow=True)
    assert (
        "No place was held: Morning IOP has no open place right now." in response.content.decode()
    )
    assert not SeatOffer.objects.exists()
    response = client.post(url, {"program": "", "hold_hours": 48}, follow=True)
    assert "Choose a program and how long to hold the place." in response.content.decode()


def test_withdraw_from_the_referral_page(client, catalog, referral):
    staff = make_staff(roles.ADMISSIONS)
    sign_in_verified(client, staff)
    offer = seat_offer_create(referral=referral, program=catalog["evening"], offered_by=staff)
    url = reverse("admissions:referral_offer_withdraw", args=[referral.pk, offer.pk])
    html = client.post(url, follow=True).content.decode()
    assert "Offer of Evening IOP withdrawn; the place is free." in html
    catalog["evening"].refresh_from_db()
    assert catalog["evening"].held == 0


def test_an_offer_of_another_referral_is_404(client, catalog, referral):
    staff = make_staff(roles.ADMISSIONS)
    sign_in_verified(client, staff)
    other = make_referral()
    offer = seat_offer_create(referral=other, program=catalog["evening"], offered_by=staff)
    url = reverse("admissions:referral_offer_withdraw", args=[referral.pk, offer.pk])
    assert client.post(url).status_code == 404
    offer.refresh_from_db()
    assert offer.status == "held"


def test_people_who_cannot_see_referrals_get_404(client, catalog, referral):
    sign_in_verified(client, make_staff(roles.PROGRAM_ADMIN))
    url = reverse("admissions:referral_offer", args=[referral.pk])
    assert client.post(url, {"program": catalog["evening"].pk, "hold_hours": 48}).status_code == 404


def test_admitting_the_person_enrolls_them_in_the_held_place(client, catalog, referral):
    staff = make_staff(roles.ADMISSIONS)
    sign_in_verified(client, staff)
    seat_offer_create(referral=referral, program=catalog["evening"], offered_by=staff)
    response = client.post(
        reverse("admissions:referral_status", args=[referral.pk]),
        {"to_status": "admitted", "reason": "Assessment done; starts Tuesday."},
    )
    assert response.status_code == 302
    program = catalog["evening"]
    program.refresh_from_db()
    assert (program.enrolled, program.held) == (3, 0)
    assert referral.offers.get().status == "accepted"


def test_ending_the_referral_otherwise_frees_the_place(client, catalog, referral):
    staff = make_staff(roles.ADMISSIONS)
    sign_in_verified(client, staff)
    seat_offer_create(referral=referral, program=catalog["evening"], offered_by=staff)
    client.post(
        reverse("admissions:referral_status", args=[referral.pk]),
        {"to_status": "declined", "reason": "Chose another provider."},
    )
    program = catalog["evening"]
    program.refresh_from_db()
    assert (program.enrolled, program.held) == (2, 0)
    assert referral.offers.get().status == "withdrawn"


def test_crisis_shows_higher_care_guidance_instead_of_programs(client, catalog):
    sign_in_verified(client, make_staff(roles.ADMISSIONS))
    html = detail(client, make_referral(crisis=True)).content.decode()
    assert "Crisis: no outpatient programs are offered." in html
    assert "988" in html
    assert "Evening IOP" not in html


def test_matches_follow_a_clinicians_override(client, catalog, referral):
    referral.override_level = "php"
    referral.save()
    sign_in_verified(client, make_staff(roles.ADMISSIONS))
    html = detail(client, referral).content.decode()
    assert "(clinician override)" in html
    assert "Day Program" in html and "Evening IOP" not in html


def test_section_reads_a_fixed_number_of_queries(rf, catalog, referral, django_assert_num_queries):
    from admissions.models import Referral

    request = rf.get("/")
    request.user = make_staff(roles.ADMISSIONS)
    request.user.has_perm(roles.WORK_REFERRAL)  # load the permission cache outside the count
    loaded = Referral.objects.select_related("latest_screening").get(pk=referral.pk)
    # recommendation, programs, sessions, plans, offers, waitlist entries (issue 13)
    with django_assert_num_queries(6):
        referral_matches_context(request=request, referral=loaded)
    ProgramFactory.create_batch(6, plans=["Aetna"])
    loaded = Referral.objects.select_related("latest_screening").get(pk=referral.pk)
    with django_assert_num_queries(6):
        context = referral_matches_context(request=request, referral=loaded)
    assert len(context["rows"]) == 8
