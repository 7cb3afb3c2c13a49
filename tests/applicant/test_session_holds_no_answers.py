"""The draft row is the only copy of what a person answered: the session holds the draft's
id and the page they are on, never an answer or a contact detail, and an applicant's session
ends with its draft."""

import pytest
from django.contrib.sessions.models import Session

from screening.models import Screening
from tests.applicant.flow import ABOUT, CALM, CONSENT, answer_until, complete, post_step

pytestmark = pytest.mark.django_db
SECRETS = ("Robin", "Vale", "robin.vale", "010-0142", "02139", "HHP-0042", "1990")


def stored_sessions() -> list[dict]:
    return [row.get_decoded() for row in Session.objects.all()]


def test_every_page_saved_leaves_only_ids_and_page_names_in_the_session(client):
    answer_until(client, "details")

    (data,) = stored_sessions()
    text = repr(data)
    for secret in SECRETS:
        assert secret not in text
    assert "phq9_1" not in text and "asq_1" not in text
    assert set(data) <= {"screening_public_id", "wizard_screener", "_session_expiry"}
    assert set(data["wizard_screener"]) <= {"step", "extra_data"}


def test_going_back_to_a_page_shows_the_saved_answers_from_the_draft(client):
    answer_until(client, "anxiety")

    page = client.get("/screen/step/contact/").content.decode()

    assert 'value="Robin"' in page
    assert 'value="1990"' in client.get("/screen/step/about/").content.decode()
    assert client.get("/screen/step/mood/").status_code == 200


def test_editing_an_earlier_page_from_the_review_returns_to_the_review(client):
    answer_until(client, "details")
    client.get("/screen/step/review/")

    response = post_step(client, "mood", CALM["mood"])

    assert response["Location"] == "/screen/step/review/"
    assert client.get("/screen/step/review/").status_code == 200


def test_submitting_keeps_the_session_only_to_show_the_result(client, settings):
    settings.SCREENER_RESULT_SESSION_AGE = 600
    response = complete(client)

    assert response.redirect_chain[-1][0] == "/screen/result/"
    (data,) = stored_sessions()
    assert set(data) == {"screening_public_id", "_session_expiry"}
    assert data["_session_expiry"] == 600


def test_starting_over_ends_the_applicants_session(client):
    post_step(client, "about", ABOUT)
    post_step(client, "consent", CONSENT)
    key = client.session.session_key

    client.post("/screen/start-over/")

    assert not Session.objects.filter(session_key=key).exists()
    assert not Screening.objects.exists()
    assert all("screening_public_id" not in data for data in stored_sessions())


def test_a_session_whose_draft_is_gone_is_ended_not_kept(client):
    post_step(client, "about", ABOUT)
    key = client.session.session_key
    Screening.objects.all().delete()  # purged

    client.get("/screen/step/consent/")

    assert not Session.objects.filter(session_key=key).exists()
