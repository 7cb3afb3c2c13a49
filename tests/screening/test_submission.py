"""Submitting a screening: the usual case submits the copy the caller read with one
conditional UPDATE; a copy that is out of date (another tab saved a page, or submitted) is
never what gets submitted."""

from datetime import date

import pytest
from django.db import connection

from screening.models import Recommendation, Screening
from screening.scoring import AnswerValidationError
from screening.services import screening_create, screening_save_step, screening_submit
from tests.admissions.factories import answers_for

pytestmark = pytest.mark.django_db

PERSON = {
    "first_name": "Robin",
    "last_name": "Vale",
    "email": "robin@example.org",
    "phone": "(555) 010-0142",
    "date_of_birth": date(1990, 6, 1),
    "consent_terms": True,
    "consent_contact": True,
}


def _draft(level: str = "outpatient") -> Screening:
    return screening_save_step(
        screening=screening_create(), fields=dict(PERSON), answers=answers_for(level)
    )


def test_the_read_copy_is_submitted_without_reading_the_row_again(django_assert_num_queries):
    screening = _draft("iop")
    # The rule set version, then the UPDATE and the INSERT: one statement on PostgreSQL.
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 3):
        submission = screening_submit(screening=screening)
    assert Recommendation.objects.get(screening=screening) == submission.recommendation

    stored = Screening.objects.get(pk=screening.pk)
    assert stored.status == screening.status == "submitted"
    assert stored.submitted_at == screening.submitted_at and stored.current_step == ""
    assert stored.updated_at == screening.updated_at
    assert submission.created and submission.recommendation.level == "iop"


def test_a_copy_older_than_the_row_is_not_what_gets_submitted():
    screening = _draft("outpatient")
    other_tab = Screening.objects.get(pk=screening.pk)
    screening_save_step(screening=other_tab, answers=answers_for("php"))  # saved meanwhile

    submission = screening_submit(screening=screening)  # the older copy, outpatient answers

    assert submission.recommendation.level == "php"  # the row as stored, under its lock
    assert screening.answers == Screening.objects.get(pk=screening.pk).answers


def test_a_second_submit_from_an_old_copy_returns_the_first_recommendation():
    screening = _draft()
    old_copy = Screening.objects.get(pk=screening.pk)
    first = screening_submit(screening=screening)

    again = screening_submit(screening=old_copy)

    assert not again.created and again.recommendation.pk == first.recommendation.pk
    assert Recommendation.objects.filter(screening_id=screening.pk).count() == 1


@pytest.mark.django_db(transaction=True)  # the refusal fails the whole transaction
def test_invalid_answers_store_nothing():
    screening = _draft()
    Screening.objects.filter(pk=screening.pk).update(answers={"phq9_1": 7})
    screening.refresh_from_db()

    with pytest.raises(AnswerValidationError):
        screening_submit(screening=screening)
    assert Screening.objects.get(pk=screening.pk).status == "draft"
    assert not Recommendation.objects.exists()
