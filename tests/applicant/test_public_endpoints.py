"""Public endpoints: rate limited per client with a kind 429 page, CSRF protected, and no
answers or names in URLs or logs."""

import logging

import pytest
from django.test import Client, override_settings

from screening.models import Screening
from tests.applicant.flow import ABOUT, CONSENT, CONTACT, complete, post_step

pytestmark = pytest.mark.django_db


@override_settings(SCREENER_RATE="3/m")
def test_too_many_posts_get_the_kind_429_page(client):
    for _ in range(3):
        assert post_step(client, "about", {}).status_code == 200

    response = post_step(client, "about", ABOUT)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many requests" in page
    assert "Nothing you already saved has been lost" in page
    assert 'href="tel:988"' in page
    assert not Screening.objects.exists()


@override_settings(SCREENER_RATE="2/m")
def test_resume_links_are_rate_limited_too():
    client = Client()
    client.get("/screen/resume/guess-one/")
    client.get("/screen/resume/guess-two/")

    assert client.get("/screen/resume/guess-three/").status_code == 429


@override_settings(SCREENER_RATE="2/m")
def test_the_limit_is_per_client():
    one = Client(REMOTE_ADDR="10.0.0.1")
    two = Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(2):
        post_step(one, "about", {})

    assert post_step(one, "about", {}).status_code == 429
    assert post_step(two, "about", {}).status_code == 200


def test_posts_without_a_csrf_token_are_refused():
    client = Client(enforce_csrf_checks=True)

    response = post_step(client, "about", ABOUT)

    assert response.status_code == 403
    assert not Screening.objects.exists()


def test_no_answer_or_name_ever_appears_in_a_url_or_a_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    urls = []

    response = complete(client)
    urls += [url for url, _ in response.redirect_chain]
    post_step(client, "about", {**ABOUT, "email": "nope"})  # an error page too

    secrets = ("Robin", "Vale", "robin.vale", "0142", "02139", "HHP-0042", "1990")
    for url in urls:
        assert "?" not in url
        for secret in secrets:
            assert secret not in url
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in secrets:
        assert secret not in logged


def test_step_urls_name_topics_only(client):
    response = post_step(client, "about", ABOUT)
    assert response["Location"] == "/screen/step/consent/"
    response = post_step(client, "consent", CONSENT)
    assert response["Location"] == "/screen/step/contact/"
    response = post_step(client, "contact", CONTACT)
    assert response["Location"] == "/screen/step/mood/"
