"""The applicant's result page, reached through the real screener: the top programs in plain
words, without scores."""

import pytest
from django.urls import reverse

from tests.applicant.flow import CALM, CRISIS_SAFETY, complete

from .factories import ProgramFactory

pytestmark = pytest.mark.django_db

IOP_MOOD = {**CALM["mood"], **{f"phq9_{n}": "3" for n in range(1, 6)}}  # PHQ-9 15 -> IOP
EVENINGS = {
    **CALM["availability"],
    "days_available": ["tue", "thu"],
    "time_of_day": ["evening"],
    "telehealth_ok": "false",
    "hours_available": "12",
}


def test_result_page_lists_the_top_three_programs_in_plain_words(client):
    ProgramFactory(
        name="Evening IOP",
        sessions=[(1, "18:00", "21:00"), (3, "18:00", "21:00"), (4, "18:00", "21:00")],
    )
    ProgramFactory(name="Morning IOP", sessions=[(d, "09:00", "12:00") for d in (0, 2, 4)])
    ProgramFactory(name="Video IOP", modality="telehealth", address="")
    ProgramFactory(name="Fourth IOP", capacity=1, enrolled=1)
    ProgramFactory(
        name="Day Program", level="php", sessions=[(d, "09:00", "14:00") for d in range(5)]
    )

    response = complete(client, {"mood": IOP_MOOD, "availability": EVENINGS})

    assert response.request["PATH_INFO"] == reverse("applicant:result")
    html = response.content.decode()
    assert "Programs that may suit you" in html
    assert "3 intensive outpatient programs may suit you and have a place now." in html
    assert html.index("Evening IOP") < html.index("Video IOP")
    assert "Meets Tue/Thu evenings" in html
    assert "Telehealth only; you asked for in-person care" in html
    assert "Fourth IOP" not in html  # only the top three
    assert "Day Program" not in html
    assert "/100" not in html and "score" not in html.lower()


def test_result_page_for_a_crisis_shows_help_not_programs(client):
    ProgramFactory(name="Evening IOP")
    response = complete(client, {"safety": CRISIS_SAFETY})
    html = response.content.decode()
    assert response.request["PATH_INFO"] == reverse("applicant:result")
    assert "Please do not wait for us to reach you" in html  # no channel promised here
    assert "Evening IOP" not in html
