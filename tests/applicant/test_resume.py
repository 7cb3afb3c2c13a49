"""Save and resume: in the same browser, and on another device through a single-use emailed
link valid for 72 hours."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from admissions.models import FollowUp
from screening.models import ResumeToken, Screening
from screening.services import resume_token_hash, resume_token_issue, resume_token_redeem
from tests.applicant.flow import CALM, DETAILS, answer_until, post_step, step_url
from tests.screening.factories import DraftFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_a_hash_and_works_once():
    screening = DraftFactory()

    raw = resume_token_issue(screening=screening)

    token = ResumeToken.objects.get()
    assert token.token_hash == resume_token_hash(raw) != raw
    assert raw not in token.token_hash
    assert token.expires_at - timezone.now() > timedelta(hours=71, minutes=59)
    assert resume_token_redeem(raw_token=raw) == screening
    assert resume_token_redeem(raw_token=raw) is None


def test_an_expired_token_or_a_submitted_screening_opens_nothing():
    screening = DraftFactory()
    expired = resume_token_issue(screening=screening)
    ResumeToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    fresh = resume_token_issue(screening=screening)
    Screening.objects.filter(pk=screening.pk).update(
        status="submitted", submitted_at=timezone.now()
    )

    assert resume_token_redeem(raw_token=expired) is None
    assert resume_token_redeem(raw_token=fresh) is None
    assert resume_token_redeem(raw_token="not-a-token") is None
    assert resume_token_redeem(raw_token="x" * 500) is None


def test_coming_back_in_the_same_browser_continues_where_it_stopped(client):
    answer_until(client, "mood")

    start = client.get("/screen/").content.decode()
    assert "Continue where you left off" in start
    response = client.get("/screen/step/")
    assert response["Location"] == step_url("safety")


def test_asking_for_a_link_queues_an_email(client):
    answer_until(client, "mood")

    page = client.get("/screen/save/")
    assert page.context["form"]["email"].value() == "robin.vale@example.org"
    response = client.post("/screen/save/", {"email": "robin.new@example.org", "action": "send"})

    assert "We've sent a link to robin.new@example.org" in response.content.decode()
    screening = Screening.objects.get()
    assert screening.email == "robin.new@example.org"
    assert FollowUp.objects.get(screening=screening).kind == "resume_link"


def test_resuming_on_another_device_through_the_emailed_link(
    client, django_capture_on_commit_callbacks
):
    answer_until(client, "safety")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/screen/save/", {"email": "robin.vale@example.org", "action": "send"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["robin.vale@example.org"]
    path = re.search(r"https?://[^/\s]+(/screen/resume/[^/\s]+/)", message.body).group(1)

    other = Client()
    preview = other.get(path)  # a mail scanner opening the link does not use it up
    assert preview.status_code == 200
    assert "Continue my answers" in preview.content.decode()
    response = other.post(path)
    assert response["Location"] == "/screen/step/"
    response = other.get("/screen/step/", follow=True)
    assert response.redirect_chain[-1][0] == step_url("anxiety")
    page = other.get(step_url("mood")).content.decode()
    assert 'value="0" class="choice-input" id="id_mood-phq9_1_0" required checked' in page

    for step in ("anxiety", "trauma", "substance", "functioning", "history", "support",
                 "availability", "goals"):  # fmt: skip
        assert post_step(other, step, CALM[step]).status_code == 302
    assert post_step(other, "details", DETAILS).status_code == 302
    done = post_step(other, "review", {}, follow=True)
    assert done.redirect_chain[-1][0] == "/screen/result/"
    assert Screening.objects.get().status == "submitted"

    again = Client().post(path)
    assert again.status_code == 410
    assert "no longer works" in again.content.decode()


def test_links_are_limited_per_hour(client):
    answer_until(client, "mood")
    for _ in range(3):
        client.post("/screen/save/", {"email": "robin.vale@example.org", "action": "send"})

    response = client.post("/screen/save/", {"email": "robin.vale@example.org"})

    assert "several links in the last hour" in response.content.decode()
    assert FollowUp.objects.filter(kind="resume_link").count() == 3


def test_removing_the_answers_from_this_browser_keeps_the_draft(client):
    answer_until(client, "mood")

    response = client.post("/screen/save/", {"action": "forget"})

    assert "no longer in this browser" in response.content.decode()
    assert "screening_public_id" not in client.session
    assert not [key for key in list(client.session.keys()) if key.startswith("wizard_")]
    assert Screening.objects.get().answers["phq9_1"] == 0
    assert client.get("/screen/step/mood/")["Location"] == step_url("about")


def test_starting_again_deletes_the_unfinished_draft(client):
    answer_until(client, "mood")

    client.post("/screen/start-over/")

    assert not Screening.objects.exists()
    assert "Continue where you left off" not in client.get("/screen/").content.decode()


def resume_elsewhere(screening: Screening) -> Client:
    other = Client()
    other.post(f"/screen/resume/{resume_token_issue(screening=screening)}/")
    return other


def test_a_page_with_nothing_required_counts_as_done_only_once_passed(client):
    answer_until(client, "availability")
    screening = Screening.objects.get()

    other = resume_elsewhere(screening)
    assert other.get("/screen/step/")["Location"] == step_url("goals")

    post_step(client, "goals", {})  # chose none of the goals
    other = resume_elsewhere(screening)
    assert other.get("/screen/step/")["Location"] == step_url("details")


def test_this_browser_remembers_the_draft_for_a_week(client, settings):
    answer_until(client, "about")

    assert client.session.get_expiry_age() == settings.SCREENER_SESSION_AGE == 7 * 24 * 3600
