"""Resume-link flooding: the limit is per destination address across every draft, and per
client address, counted in the service; past it nothing is stored or sent."""

import pytest
from django.core import mail
from django.test import Client

from admissions.models import FollowUp
from tests.applicant.flow import answer_until

pytestmark = pytest.mark.django_db


def _new_draft(address: str = "203.0.113.7", **headers) -> Client:
    """A fresh browser with a fresh draft: the cheap way round a per-draft limit."""
    client = Client(REMOTE_ADDR=address, **headers)
    answer_until(client, "about")
    return client


def _ask(client: Client, email: str):
    return client.post("/screen/save/", {"email": email, "action": "send"})


def test_one_destination_gets_at_most_three_links_an_hour_across_new_drafts_and_clients(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            response = _ask(_new_draft(f"203.0.113.{n + 1}"), "Victim@Example.org")
            assert "We've sent a link to" in response.content.decode()

        refused = _ask(_new_draft("198.51.100.9"), "  victim@example.ORG ")

    assert refused.status_code == 200
    assert "several links in the last hour" in refused.content.decode()
    assert "We've sent a link to" not in refused.content.decode()
    assert FollowUp.objects.filter(kind="resume_link").count() == 3
    assert len(mail.outbox) == 3


def test_one_client_address_gets_at_most_ten_links_an_hour(settings):
    for n in range(10):
        response = _ask(_new_draft(), f"person{n}@example.org")
        assert "We've sent a link to" in response.content.decode()

    refused = _ask(_new_draft(), "person10@example.org")

    assert "from this connection" in refused.content.decode()
    assert FollowUp.objects.filter(kind="resume_link").count() == 10
    assert _ask(_new_draft("192.0.2.50"), "person10@example.org").status_code == 200
    assert FollowUp.objects.filter(kind="resume_link").count() == 11


def test_the_limit_message_is_in_spanish_for_a_spanish_visitor(settings):
    settings.RESUME_LINK_DESTINATION_RATE = "1/h"
    _ask(_new_draft(), "victim@example.org")
    spanish = _new_draft("198.51.100.10", HTTP_ACCEPT_LANGUAGE="es")

    refused = _ask(spanish, "victim@example.org")

    assert refused.status_code == 200
    text = refused.content.decode()
    assert "We've sent several links" not in text
    assert "Ya enviamos varios enlaces en la última hora" in text
    assert FollowUp.objects.filter(kind="resume_link").count() == 1
