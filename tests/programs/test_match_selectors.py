"""Matching against the stored catalog for a stored screening: the level to match at, the
person's answers, and a fixed number of queries."""

import pytest

from programs.models import Program
from programs.selectors import program_match_report, program_match_report_for_screening
from screening.models import Screening
from tests.admissions.factories import answers_for, make_screening

from .factories import ProgramFactory

pytestmark = pytest.mark.django_db

TUE_THU_EVENINGS = [(1, "18:00", "21:00"), (3, "18:00", "21:00"), (4, "18:00", "21:00")]


def names(matches):
    return [m.program.name for m in matches]


def test_uses_the_screenings_level_answers_insurance_and_language():
    ProgramFactory(
        name="Evenings", sessions=TUE_THU_EVENINGS, plans=["Aetna"], languages=["en", "es"]
    )
    ProgramFactory(name="Mornings", sessions=[(d, "09:00", "12:00") for d in (0, 2, 4)])
    ProgramFactory(
        name="Day program", level="php", sessions=[(d, "09:00", "14:00") for d in range(5)]
    )
    answers = answers_for(
        "iop", days_available=["tue", "thu", "fri"], time_of_day=["evening"], age=30
    )
    screening, _ = make_screening(answers=answers, insurance_carrier="Aetna", language="es")

    report = program_match_report_for_screening(screening=screening)

    assert report.level == "iop"
    assert names(report.matches) == ["Evenings", "Mornings"]
    evenings = report.matches[0]
    assert {"meets Tue/Thu/Fri evenings", "in network for Aetna", "sessions in Spanish"} <= set(
        evenings.fits
    )
    assert "no evening sessions" in report.matches[1].shortfalls


def test_a_clinicians_level_replaces_the_recommendation():
    ProgramFactory(name="IOP")
    ProgramFactory(
        name="Day program", level="php", sessions=[(d, "09:00", "14:00") for d in range(5)]
    )
    screening, _ = make_screening(level="iop")
    report = program_match_report_for_screening(screening=screening, level="php")
    assert names(report.matches) == ["Day program"]


def test_recommendation_flags_steer_focus():
    ProgramFactory(name="Recovery", focus="co_occurring")
    ProgramFactory(name="General", focus="mental_health")
    answers = answers_for("iop", drug_freq=4)  # daily drug use: substance 4 -> substance_use flag
    screening, recommendation = make_screening(answers=answers)
    assert "substance_use" in recommendation.flags
    report = program_match_report_for_screening(screening=screening)
    assert names(report.matches) == ["Recovery", "General"]
    assert "treats substance use" in report.matches[0].fits


def test_crisis_gets_higher_care_guidance():
    ProgramFactory(name="IOP")
    screening, _ = make_screening(crisis=True)
    report = program_match_report_for_screening(screening=screening)
    assert report.higher_care and report.crisis
    assert report.matches == ()


def test_no_report_before_a_recommendation_exists():
    screening = Screening.objects.create(answers={"age": 30})
    assert program_match_report_for_screening(screening=screening) is None


def test_inactive_programs_are_not_loaded():
    ProgramFactory(name="Paused", is_active=False)
    assert program_match_report(level="iop").matches == ()


def test_matching_runs_a_fixed_number_of_queries(django_assert_num_queries):
    ProgramFactory.create_batch(2, plans=["Aetna"])
    screening, _ = make_screening(level="iop")
    screening = Screening.objects.get(pk=screening.pk)
    with django_assert_num_queries(4):  # recommendation, programs, sessions, plans
        program_match_report_for_screening(screening=screening)
    ProgramFactory.create_batch(15, plans=["Aetna", "Cigna"])
    screening = Screening.objects.get(pk=screening.pk)
    with django_assert_num_queries(4):
        report = program_match_report_for_screening(screening=screening)
    assert len(report.matches) == Program.objects.count() == 17
