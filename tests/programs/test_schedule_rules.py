"""Hours per week against the level, time-of-day buckets, and the program's own field rules."""

import pytest

from programs.matching import hours_per_week, hours_problem, minimum_hours
from programs.matching.schedule import buckets_of
from programs.validation import overlapping_sessions, population_age_problem, schedule_problem

from .factories import slot


@pytest.mark.parametrize(
    ("level", "population", "hours", "ok"),
    [
        ("iop", "adult", 9, True),
        ("iop", "adult", 8.5, False),
        ("iop", "adolescent", 6, True),
        ("iop", "adolescent", 5.5, False),
        ("iop", "all", 6, False),  # open to adults: the adult minimum applies
        ("php", "adult", 20, True),
        ("php", "adolescent", 19.5, False),
        ("outpatient", "adult", 1.5, True),
        ("inpatient", "adult", 0, True),
    ],
)
def test_level_minimum_hours(level, population, hours, ok):
    assert (hours_problem(level, population, hours) is None) == ok


def test_the_message_says_what_is_needed_and_what_there_is():
    message = hours_problem("iop", "adult", 7.5)
    assert message == (
        "An intensive outpatient program for adults needs at least 9 hours a week; "
        "these sessions add up to 7.5 hours."
    )
    assert "at least 20 hours" in hours_problem("php", "adult", 12)


def test_minimum_hours_table():
    assert (minimum_hours("iop", "adult"), minimum_hours("iop", "adolescent")) == (9, 6)
    assert minimum_hours("php", "adolescent") == 20


def test_hours_per_week_adds_sessions():
    week = [slot("mon", "15:30", "18:30"), slot("tue", "15:30", "18:00")]
    assert hours_per_week(week) == 5.5
    assert schedule_problem("iop", "adolescent", week) is not None
    assert schedule_problem("iop", "adolescent", [*week, slot("thu", "16:00", "17:00")]) is None


@pytest.mark.parametrize(
    ("start", "end", "buckets"),
    [
        ("09:00", "12:00", ("morning",)),
        ("11:30", "13:00", ("morning", "afternoon")),
        ("12:00", "17:00", ("afternoon",)),
        ("16:59", "18:00", ("afternoon", "evening")),
        ("17:00", "20:00", ("evening",)),
        ("08:00", "18:00", ("morning", "afternoon", "evening")),
    ],
)
def test_time_of_day_buckets(start, end, buckets):
    assert buckets_of(slot("mon", start, end)) == buckets


@pytest.mark.parametrize(
    ("population", "low", "high", "ok"),
    [
        ("adult", 18, 120, True),
        ("adult", 17, 120, False),
        ("adolescent", 13, 17, True),
        ("adolescent", 13, 18, False),
        ("all", 16, 120, True),
        ("all", 18, 120, False),
        ("adult", 40, 30, False),
    ],
)
def test_ages_must_fit_the_population(population, low, high, ok):
    assert (population_age_problem(population, low, high) is None) == ok


def test_overlapping_sessions_are_named():
    week = [slot("wed", "09:00", "12:00"), slot("wed", "11:00", "13:00")]
    assert overlapping_sessions(week) == "Two Wednesday sessions overlap (09:00 and 11:00)."
    assert (
        overlapping_sessions([slot("wed", "09:00", "12:00"), slot("wed", "12:00", "13:00")]) is None
    )
