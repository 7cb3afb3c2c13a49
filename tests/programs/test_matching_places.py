"""Where people live: in-person programs beyond the person's distance are "farther away", with
the distance, not matches; video care only where the person's state is served; and the count
above the suggestions is the number of suggestions. Pure matching, plain values."""

import pytest

from programs.matching import Preferences, match_programs
from programs.matching.distance import miles_between

from .factories import info

CAMBRIDGE_MA = (42.3647, -71.1042)
LOWELL_MA = (42.6344, -71.2983)  # 21 miles from Cambridge
SPRINGFIELD_MA = (42.1029, -72.5887)  # 78 miles
SEATTLE_WA = (47.6114, -122.3305)


def names(matches):
    return [m.program.name for m in matches]


def person(**fields) -> Preferences:
    """An adult in Cambridge, Massachusetts, matched at IOP."""
    return Preferences(**{"level": "iop", "age": 30, "home": CAMBRIDGE_MA, "state": "MA", **fields})


def test_distances_are_great_circle_miles():
    assert round(miles_between(CAMBRIDGE_MA, LOWELL_MA)) == 21
    assert round(miles_between(CAMBRIDGE_MA, SEATTLE_WA)) == 2483


def test_an_in_person_program_across_the_country_is_farther_away_not_a_match():
    catalog = [info(name="Seattle IOP", city="Seattle", location=SEATTLE_WA)]

    report = match_programs(catalog, person())

    assert report.matches == ()
    assert names(report.farther) == ["Seattle IOP"]
    far = report.farther[0]
    assert round(far.miles) == 2483
    assert "in person in Seattle, about 2483 miles from you" in far.shortfalls
    assert "may suit you" not in report.summary


def test_a_near_program_says_how_far_it_is():
    report = match_programs([info(name="Lowell IOP", city="Lowell", location=LOWELL_MA)], person())

    assert names(report.matches) == ["Lowell IOP"]
    assert report.matches[0].miles == pytest.approx(21, abs=1)
    assert report.farther == ()


def test_farther_programs_are_listed_nearest_first():
    catalog = [
        info(name="Seattle IOP", location=SEATTLE_WA),
        info(name="Springfield IOP", location=SPRINGFIELD_MA),
    ]
    assert names(match_programs(catalog, person()).farther) == ["Springfield IOP", "Seattle IOP"]


def test_the_distance_limit_is_the_callers_to_choose():
    catalog = [info(name="Springfield IOP", location=SPRINGFIELD_MA)]

    assert match_programs(catalog, person()).farther
    assert names(match_programs(catalog, person(max_miles=100)).matches) == ["Springfield IOP"]


def test_a_far_hybrid_program_suits_someone_who_can_join_by_video_in_a_served_state():
    hybrid = info(
        name="Springfield Hybrid", modality="hybrid", location=SPRINGFIELD_MA,
        telehealth_states=("MA",),
    )  # fmt: skip

    by_video = match_programs([hybrid], person(telehealth_ok=True))
    in_person_only = match_programs([hybrid], person(telehealth_ok=False))
    other_state = match_programs([hybrid], person(telehealth_ok=True, state="NH"))

    assert names(by_video.matches) == ["Springfield Hybrid"]
    assert "by video (the clinic is about 78 miles away)" in by_video.matches[0].fits
    assert names(in_person_only.farther) == ["Springfield Hybrid"]
    assert names(other_state.farther) == ["Springfield Hybrid"]
    assert "video sessions not offered in NH" in other_state.farther[0].shortfalls


def test_telehealth_only_programs_are_offered_only_where_the_persons_state_is_served():
    video = info(name="Video IOP", modality="telehealth", telehealth_states=("MA", "NH"))

    assert names(match_programs([video], person()).matches) == ["Video IOP"]
    report = match_programs([video], person(state="WA"))
    assert report.matches == () and report.farther == () and report.alternatives == ()


def test_unknown_places_are_not_held_against_a_program():
    far = info(name="Seattle IOP", location=SEATTLE_WA)
    video = info(name="Video IOP", modality="telehealth", telehealth_states=("MA",))
    unlisted = info(name="Unlisted Video IOP", modality="telehealth")

    report = match_programs([far, video, unlisted], Preferences(level="iop", age=30))

    assert set(names(report.matches)) == {"Seattle IOP", "Video IOP", "Unlisted Video IOP"}


def test_a_far_program_is_never_an_alternative_either():
    catalog = [info(name="Far PHP", level="php", location=SEATTLE_WA)]

    report = match_programs(catalog, person())

    assert report.matches == () and report.alternatives == ()


def test_the_count_above_the_suggestions_is_the_number_of_suggestions():
    catalog = [info(name=f"IOP {n}", location=LOWELL_MA) for n in range(4)]

    report = match_programs(catalog, person())

    assert len(report.top_suggestions) == 3
    assert report.summary == (
        "These 3 intensive outpatient programs suit you best, and each has a place now."
    )
    two = match_programs(catalog[:2], person())
    assert len(two.top_suggestions) == 2
    assert two.summary == "2 intensive outpatient programs may suit you and have a place now."
