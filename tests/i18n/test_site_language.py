"""The language a person used the site in is kept on their screening and referral, and every
later message to them is written in it, whatever language the worker runs in."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from admissions.models import FollowUp, Referral
from admissions.services.followup_messages import followup_message_build
from screening.models import Screening
from tests.admissions.factories import make_referral
from tests.applicant.flow import CRISIS_SAFETY, answer_until, complete, post_step

pytestmark = pytest.mark.django_db


def test_a_screening_sent_from_the_spanish_site_opens_a_referral_in_spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    complete(client)

    referral = Referral.objects.get()
    assert referral.site_language == "es"
    assert referral.latest_screening.site_language == "es"
    confirmation = FollowUp.objects.get(referral=referral, kind="confirmation", channel="email")
    message = followup_message_build(followup=confirmation)
    assert message.body.startswith("Hola Robin,")
    assert "Recibimos su solicitud" in message.subject or "Recibimos" in message.body


def test_a_screening_sent_from_the_english_site_stays_english(client):
    complete(client)

    assert Referral.objects.get().site_language == "en"


def test_the_browsers_language_counts_when_nothing_was_chosen(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es-MX,es;q=0.9"

    complete(client)

    assert Referral.objects.get().site_language == "es"


def test_the_crisis_moment_records_the_language_too(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    answer_until(client, "anxiety")

    post_step(client, "safety", CRISIS_SAFETY)

    assert Referral.objects.get().site_language == "es"
    assert Screening.objects.get().site_language == "es"


def test_staff_see_the_applicants_language_on_an_english_page(signed_in, admissions_user):
    referral = make_referral(site_language="es")
    staff = signed_in(admissions_user)
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = staff.get(reverse("admissions:referral_detail", args=[referral.pk]))

    assert response["Content-Language"] == "en"
    page = response.content.decode()
    assert "Used the site in" in page and "messages in Spanish" in page


def test_a_resume_link_asked_for_in_spanish_is_sent_in_spanish(
    client, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    answer_until(client, "contact")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/screen/save/", {"email": "robin.vale@example.org"})

    screening = Screening.objects.get()
    assert screening.site_language == "es"
    sent = [m for m in mail.outbox if "robin.vale@example.org" in m.to]
    assert sent and sent[-1].body.startswith("Hola Robin,")
