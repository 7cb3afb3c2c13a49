"""Ranking order, and what the report says when nothing at the recommended level fits."""

from hypothesis import given, settings
from hypothesis import strategies as st

from programs.matching import LEVELS, Preferences, match_programs

from .factories import info


def names(matches):
    return [m.program.name for m in matches]


EVENING_PERSON = Preferences(
    level="iop",
    age=30,
    days=frozenset({"tue", "thu"}),
    time_of_day=frozenset({"evening"}),
    insurance="Aetna",
    telehealth_ok=False,
)


def test_better_fit_ranks_first():
    catalog = [
        info(name="Mornings", sessions=[("tue", "09:00", "12:00"), ("thu", "09:00", "12:00")]),
        info(name="Evenings", sessions=[("tue", "18:00", "21:00"), ("thu", "18:00", "21:00")]),
        info(
            name="Evenings, Cigna only",
            insurance=("Cigna",),
            self_pay=False,
            sessions=[("tue", "18:00", "21:00"), ("thu", "18:00", "21:00")],
        ),
    ]
    report = match_programs(catalog, EVENING_PERSON)
    assert names(report.matches) == ["Evenings", "Evenings, Cigna only", "Mornings"]


def test_open_places_rank_ahead_of_a_better_fitting_waitlist():
    catalog = [
        info(
            name="Perfect but full",
            open_seats=0,
            waitlist_weeks=1,
            sessions=[("tue", "18:00", "21:00"), ("thu", "18:00", "21:00")],
        ),
        info(name="Mornings with a place", sessions=[("tue", "09:00", "12:00")]),
    ]
    report = match_programs(catalog, EVENING_PERSON)
    assert names(report.matches) == ["Mornings with a place", "Perfect but full"]


def test_programs_in_the_persons_language_rank_ahead_of_a_better_schedule():
    catalog = [
        info(
            name="Spanish only, evenings",
            languages=("es",),
            sessions=[("tue", "18:00", "21:00"), ("thu", "18:00", "21:00")],
        ),
        info(name="English, mornings", sessions=[("tue", "09:00", "12:00")]),
    ]
    english = Preferences(**{**EVENING_PERSON.__dict__, "language": "en"})
    report = match_programs(catalog, english)
    assert names(report.matches) == ["English, mornings", "Spanish only, evenings"]
    assert "no sessions in English" in report.matches[1].shortfalls
    spanish = Preferences(**{**EVENING_PERSON.__dict__, "language": "es"})
    assert names(match_programs(catalog, spanish).matches)[0] == "Spanish only, evenings"


def test_ties_break_on_shorter_waitlist_then_more_places_then_name():
    full = [info(name=f"W{w}", open_seats=0, waitlist_weeks=w) for w in (4, 1, 2)]
    assert names(match_programs(full, Preferences(level="iop", age=30)).matches) == [
        "W1",
        "W2",
        "W4",
    ]
    seats = [
        info(name="B", open_seats=1),
        info(name="C", open_seats=5),
        info(name="A", open_seats=1),
    ]
    assert names(match_programs(seats, Preferences(level="iop", age=30)).matches) == ["C", "A", "B"]


def test_nothing_at_the_level_shows_the_nearest_levels_higher_first():
    catalog = [
        info(name="Day program", level="php"),
        info(name="Weekly group", level="outpatient"),
        info(name="Residential", level="inpatient", sessions=[]),
    ]
    report = match_programs(catalog, Preferences(level="iop", age=30))
    assert report.matches == ()
    assert names(report.alternatives) == ["Day program", "Weekly group"]
    assert report.alternatives[0].shortfalls[0].endswith("more care than recommended")
    assert report.alternatives[1].shortfalls[0].endswith("less care than recommended")
    assert report.summary.startswith("No intensive outpatient program fits right now")


def test_alternatives_never_step_up_to_inpatient():
    report = match_programs(
        [info(level="inpatient", sessions=[])], Preferences(level="php", age=30)
    )
    assert report.alternatives == ()
    assert "No program in our catalog fits" in report.summary


def test_alternatives_come_from_the_nearest_level_only():
    catalog = [info(name="Weekly group", level="outpatient"), info(name="Far", level="php")]
    report = match_programs(catalog, Preferences(level="outpatient", age=30))
    assert report.matches[0].program.name == "Weekly group"
    report = match_programs(
        [info(name="Far", level="php")], Preferences(level="outpatient", age=30)
    )
    assert names(report.alternatives) == ["Far"]  # distance 2, but the nearest there is


def test_all_full_at_the_level_lists_the_waitlist_and_open_alternatives():
    catalog = [
        info(name="Full IOP", open_seats=0, waitlist_weeks=2),
        info(name="Open PHP", level="php"),
        info(name="Full PHP", level="php", open_seats=0),
    ]
    report = match_programs(catalog, Preferences(level="iop", age=30))
    assert names(report.matches) == ["Full IOP"]
    assert names(report.alternatives) == ["Open PHP"]
    assert "full right now" in report.summary


def test_no_alternatives_while_a_place_is_open_at_the_level():
    catalog = [info(name="Open IOP"), info(name="PHP", level="php")]
    report = match_programs(catalog, Preferences(level="iop", age=30))
    assert report.alternatives == ()
    assert report.summary == "1 intensive outpatient program may suit you and has a place now."


def test_top_gives_the_first_three():
    catalog = [info(name=f"P{n}", open_seats=n) for n in range(1, 6)]
    report = match_programs(catalog, Preferences(level="iop", age=30))
    assert names(report.top()) == ["P5", "P4", "P3"]


# Properties over any catalog ----------------------------------------------------------

programs = st.builds(
    lambda n, level, low, span, seats, weeks, active, languages: info(
        name=f"P{n}",
        level=level,
        min_age=low,
        max_age=low + span,
        open_seats=seats,
        waitlist_weeks=weeks,
        active=active,
        languages=languages,
    ),
    st.integers(0, 999),
    st.sampled_from(LEVELS),
    st.integers(12, 70),
    st.integers(0, 60),
    st.integers(0, 4),
    st.integers(0, 6),
    st.booleans(),
    st.sampled_from([("en",), ("es",), ("en", "es")]),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(programs, max_size=12),
    st.sampled_from(LEVELS[:3]),
    st.integers(12, 90),
    st.sampled_from(["", "en", "es"]),
)
def test_any_catalog_keeps_the_hard_rules_and_the_order(catalog, level, age, language):
    report = match_programs(catalog, Preferences(level=level, age=age, language=language))
    for match in report.matches + report.alternatives:
        program = match.program
        assert program.active and program.min_age <= age <= program.max_age
        assert match.is_waitlist == (program.open_seats == 0)
        assert program.level != "inpatient"
        assert match.language_ok == (not language or language in program.languages)
    assert all(m.program.level == level for m in report.matches)
    assert all(m.program.level != level for m in report.alternatives)
    # Open places first, then the person's language, then the fit score.
    keys = [(m.is_waitlist, not m.language_ok, -m.score) for m in report.matches]
    tiers = [key[:2] for key in keys]
    assert tiers == sorted(tiers)
    for tier in set(tiers):
        scores = [key[2] for key in keys if key[:2] == tier]
        assert scores == sorted(scores)
    if report.has_open_match:
        assert report.alternatives == ()
