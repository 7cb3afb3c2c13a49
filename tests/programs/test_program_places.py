"""Program locations end to end: the staff form stores where a program is (its ZIP's centre,
looked up offline) and the states it serves by video; the screener's result page and the staff
referral page list far in-person programs as farther away, with the distance."""

import pytest
from django.urls import reverse

from programs import geo
from programs.models import Program
from tests.admissions.factories import make_referral
from tests.applicant.flow import CALM, DETAILS, complete

from .factories import ProgramFactory
from .test_staff_catalog import form_data

pytestmark = pytest.mark.django_db

IOP_MOOD = {**CALM["mood"], **{f"phq9_{n}": "3" for n in range(1, 6)}}  # PHQ-9 15 -> IOP
IN_PERSON_ONLY = {**CALM["availability"], "telehealth_ok": "false"}


def test_zip_codes_are_looked_up_offline():
    assert geo.zip_point("02139-4307") == pytest.approx((42.3647, -71.1042), abs=0.01)
    assert geo.zip_state("98101") == "WA"
    assert geo.zip_point("00000") is None and geo.zip_state("") == ""
    assert geo.parse_states("ma, NH ri ma") == (["MA", "NH", "RI"], [])
    assert geo.parse_states("MA, Mass") == (["MA"], ["MASS"])


def test_the_staff_form_stores_the_programs_point_and_video_states(admin_client):
    admin_client.post(reverse("programs_staff:create"), form_data(telehealth_states="ma nh"))

    program = Program.objects.get()
    assert program.telehealth_states == ["MA", "NH"]
    assert program.point == pytest.approx((42.6344, -71.2983), abs=0.01)  # Lowell, 01852
    edit = admin_client.get(reverse("programs_staff:edit", args=[program.pk])).content.decode()
    assert 'value="MA, NH"' in edit


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"telehealth_states": ""}, "telehealth_states", "List the states"),
        ({"telehealth_states": "MA, Mass"}, "telehealth_states", "Not a US state code: MASS"),
        ({"zip_code": "99999"}, "zip_code", "5-digit US ZIP code"),
    ],
)
def test_the_form_explains_a_missing_place_and_saves_nothing(
    admin_client, overrides, field, message
):
    response = admin_client.post(reverse("programs_staff:create"), form_data(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not Program.objects.exists()


def test_a_massachusetts_applicant_is_not_told_a_washington_program_suits_them(client):
    ProgramFactory(name="Seattle IOP", city="Seattle", state="WA", zip_code="98101",
                   latitude=47.6114, longitude=-122.3305)  # fmt: skip
    ProgramFactory(name="Lowell IOP", city="Lowell", state="MA", zip_code="01852",
                   latitude=42.6344, longitude=-71.2983)  # fmt: skip

    html = complete(client, {"mood": IOP_MOOD, "availability": IN_PERSON_ONLY}).content.decode()

    assert DETAILS["zip_code"] == "02139" and DETAILS["state"] == "MA"
    assert "1 intensive outpatient program may suit you and has a place now." in html
    suits, farther = html.split('id="farther-title"', 1)
    assert "Lowell IOP" in suits and "Seattle IOP" not in suits
    assert "Seattle IOP" in farther and "about 2483 miles away" in farther


def test_staff_see_farther_programs_with_their_distance(signed_in, admissions_user):
    ProgramFactory(name="Seattle IOP", city="Seattle", latitude=47.6114, longitude=-122.3305)
    referral = make_referral(level="iop", zip_code="02139", state="MA")

    html = (
        signed_in(admissions_user)
        .get(reverse("admissions:referral_detail", args=[referral.pk]))
        .content.decode()
    )

    assert "Farther away (in person, over 40 miles)" in html
    assert "Seattle IOP</a> — Seattle, about 2483 miles away" in html


def test_the_distance_limit_is_a_setting(client, settings):
    settings.PROGRAM_NEAR_MILES = 3000
    ProgramFactory(name="Seattle IOP", city="Seattle", latitude=47.6114, longitude=-122.3305)

    html = complete(client, {"mood": IOP_MOOD, "availability": IN_PERSON_ONLY}).content.decode()

    assert "1 intensive outpatient program may suit you" in html
    assert 'id="farther-title"' not in html
