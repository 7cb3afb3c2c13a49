"""The pages around the clinical questions: date of birth and age first, then consent, then
only what is needed to reach the person; the rest of their details after the questions."""

import pytest
from django.utils import timezone

from screening.models import Screening
from tests.applicant.flow import (
    ABOUT,
    CALM,
    CONSENT,
    CONTACT,
    DETAILS,
    TOPIC_ORDER,
    answer_until,
    post_step,
    step_url,
)

pytestmark = pytest.mark.django_db


def about(**changes):
    return {**ABOUT, **changes}


def test_a_complete_about_page_starts_a_draft_kept_in_the_session(client):
    response = post_step(client, "about", ABOUT)

    assert response.status_code == 302
    assert response["Location"] == step_url("consent")
    screening = Screening.objects.get()
    assert screening.status == "draft"
    assert screening.answers["age"] == timezone.localdate().year - 1990 - (
        (timezone.localdate().month, timezone.localdate().day) < (4, 12)
    )
    assert (screening.first_name, screening.phone, screening.zip_code) == ("", "", "")
    assert client.session["screening_public_id"] == str(screening.public_id)


def test_the_first_page_asks_only_the_date_of_birth(client):
    page = client.get(step_url("about")).content.decode()

    assert 'name="about-dob_year"' in page
    for name in ("first_name", "phone", "email", "zip_code", "insurance_carrier"):
        assert f'name="about-{name}"' not in page


def test_an_empty_about_page_says_what_is_missing(client):
    response = post_step(client, "about", {})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Please enter your date of birth." in page
    assert 'aria-invalid="true"' in page
    labels = [entry["label"] for entry in response.context["error_list"]]
    assert labels == ["Date of birth"]
    assert not Screening.objects.exists()


def test_an_empty_contact_page_says_what_is_missing_next_to_each_field(client):
    answer_until(client, "consent")
    response = post_step(client, "contact", {"preferred_contact": "phone"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Please enter your first name." in page
    assert "Please enter a phone number so we can call you." in page
    # The message is tied to its input for screen readers.
    assert 'aria-describedby="id_contact-first_name_error"' in page
    assert 'id="id_contact-first_name_error"' in page
    labels = [entry["label"] for entry in response.context["error_list"]]
    assert labels == ["First name", "Phone number"]  # in page order
    assert Screening.objects.get().first_name == ""


def test_an_empty_details_page_says_what_is_missing(client):
    answer_until(client, "goals")
    response = post_step(client, "details", {"language": "en", "best_time": "any"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Please enter your last name." in page
    assert "Please enter your ZIP code." in page
    assert "Please choose your state." in page
    labels = [entry["label"] for entry in response.context["error_list"]]
    assert labels == ["Last name", "State", "ZIP code"]
    assert Screening.objects.get().zip_code == ""


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"dob_month": "2", "dob_day": "30"}, "dob_day", "That date doesn't exist"),
        ({"dob_year": str(timezone.localdate().year + 1)}, "dob_year", "must be in the past"),
        # An out-of-range year says what the range is, not how many digits to type.
        ({"dob_year": "1899"}, "dob_year", "aged 12 to 120, born in"),
        ({"dob_year": "199"}, "dob_year", "4 digits"),
        ({"dob_year": "1901"}, "dob_year", "check the year"),
        ({"dob_day": ""}, "dob_day", "Please enter the day you were born."),
    ],
)
def test_a_bad_date_of_birth_is_refused_with_a_clear_message(client, changes, field, message):
    response = post_step(client, "about", about(**changes))

    assert response.status_code == 200
    errors = response.context["wizard"]["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    ("step", "changes", "field", "message"),
    [
        ("contact", {"phone": "555-01"}, "phone", "10-digit phone number"),
        ("contact", {"email": "robin-at-example"}, "email", "email address like"),
        ("contact", {"preferred_contact": "sms", "phone": ""}, "phone", "so we can text you"),
        ("contact", {"preferred_contact": "email", "email": ""}, "email", "so we can email you"),
        ("details", {"zip_code": "2139"}, "zip_code", "5-digit ZIP code"),
    ],
)
def test_bad_contact_details_are_refused_with_a_clear_message(
    client, step, changes, field, message
):
    answer_until(client, "goals" if step == "details" else "consent")
    data = {**(CONTACT if step == "contact" else DETAILS), **changes}

    response = post_step(client, step, data)

    assert response.status_code == 200
    errors = response.context["wizard"]["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    screening = Screening.objects.get()
    assert (screening.phone, screening.zip_code) == (
        ("", "") if step == "contact" else ("(555) 010-0142", "")
    )


def test_phone_numbers_are_stored_in_one_format(client):
    answer_until(client, "consent")
    post_step(client, "contact", {**CONTACT, "phone": "+1 555.010.0142"})

    assert Screening.objects.get().phone == "(555) 010-0142"


def test_the_rest_of_the_details_come_after_the_clinical_questions(client):
    answer_until(client, "contact")
    screening = Screening.objects.get()
    assert (screening.first_name, screening.phone) == ("Robin", "(555) 010-0142")
    assert (screening.last_name, screening.state, screening.insurance_member_id) == ("", "", "")
    for topic in TOPIC_ORDER:
        response = post_step(client, topic, CALM[topic])
    assert response["Location"] == step_url("details")

    response = post_step(client, "details", DETAILS)

    assert response["Location"] == step_url("source")
    screening.refresh_from_db()
    assert screening.full_name == "Robin Vale"
    assert (screening.state, screening.zip_code) == ("MA", "02139")
    assert screening.insurance_member_id == "HHP-0042"


def test_under_twelve_is_refused_kindly_and_nothing_is_kept(client):
    today = timezone.localdate()
    response = post_step(client, "about", about(dob_year=str(today.year - 9)), follow=True)

    assert response.redirect_chain[-1][0].endswith("/screen/too-young/")
    page = response.content.decode()
    assert "aged 12 and over" in page
    assert "pediatrician" in page
    assert 'href="tel:988"' in page
    assert not Screening.objects.exists()
    assert "screening_public_id" not in client.session


def test_changing_the_birth_date_to_under_twelve_later_deletes_the_draft(client):
    answer_until(client, "contact")
    today = timezone.localdate()

    post_step(client, "about", about(dob_year=str(today.year - 8)))

    assert not Screening.objects.exists()


def test_a_twelve_year_old_may_continue_as_an_adolescent(client):
    today = timezone.localdate()
    response = post_step(client, "about", about(dob_year=str(today.year - 13)))

    assert response["Location"] == step_url("guardian")  # a parent or guardian first
    assert Screening.objects.get().answers["age"] in (12, 13)


def test_consent_to_terms_and_contact_is_needed(client):
    post_step(client, "about", ABOUT)

    response = post_step(client, "consent", {})

    errors = response.context["wizard"]["form"].errors
    assert set(errors) == {"consent_terms", "consent_contact"}
    assert "988" in errors["consent_contact"][0]
    assert Screening.objects.get().consent_terms is False


def test_consent_comes_before_any_contact_details(client):
    post_step(client, "about", ABOUT)

    assert post_step(client, "consent", CONSENT)["Location"] == step_url("contact")
    assert client.get(step_url("mood"))["Location"] == step_url("contact")


def test_asking_for_texts_needs_consent_to_texts(client):
    answer_until(client, "consent")

    response = post_step(client, "contact", {**CONTACT, "preferred_contact": "sms"})
    assert "consent_sms" in response.context["wizard"]["form"].errors

    response = post_step(
        client, "contact", {**CONTACT, "preferred_contact": "sms", "consent_sms": "on"}
    )
    assert response["Location"] == step_url("mood")
    screening = Screening.objects.get()
    assert (screening.consent_terms, screening.consent_contact, screening.consent_sms) == (
        True,
        True,
        True,
    )
    assert screening.preferred_contact == "sms"
