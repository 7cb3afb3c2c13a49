"""Hard rules of matching: the wrong level, the wrong age or an inactive program never match;
a full program only ever appears as a waitlist; inpatient and crisis get higher-care guidance."""

import ast
from pathlib import Path

import pytest

from programs.matching import OPEN, WAITLIST, Preferences, match_programs

from .factories import info


def names(matches):
    return [m.program.name for m in matches]


def test_programs_at_another_level_never_match():
    catalog = [info(name="IOP"), info(name="PHP", level="php"), info(name="OP", level="outpatient")]
    report = match_programs(catalog, Preferences(level="iop", age=30))
    assert names(report.matches) == ["IOP"]


def test_programs_for_another_age_never_match():
    catalog = [
        info(name="Teen IOP", min_age=13, max_age=17),
        info(name="Adult IOP", min_age=18, max_age=120),
    ]
    assert names(match_programs(catalog, Preferences(level="iop", age=16)).matches) == ["Teen IOP"]
    assert names(match_programs(catalog, Preferences(level="iop", age=18)).matches) == ["Adult IOP"]


def test_age_bounds_are_inclusive():
    catalog = [info(name="Teen IOP", min_age=13, max_age=17)]
    assert match_programs(catalog, Preferences(level="iop", age=13)).matches
    assert match_programs(catalog, Preferences(level="iop", age=17)).matches
    assert not match_programs(catalog, Preferences(level="iop", age=12)).matches


def test_unknown_age_matches_every_age_and_says_so():
    catalog = [info(name="Teen", min_age=13, max_age=17), info(name="Adult")]
    report = match_programs(catalog, Preferences(level="iop"))
    assert sorted(names(report.matches)) == ["Adult", "Teen"]
    assert any("Age not known" in note for note in report.notes)


def test_inactive_programs_never_match():
    report = match_programs([info(name="Paused", active=False)], Preferences(level="iop", age=30))
    assert report.matches == ()


def test_full_program_appears_only_as_waitlist():
    full = info(name="Full", open_seats=0, waitlist_weeks=3)
    (match,) = match_programs([full], Preferences(level="iop", age=30)).matches
    assert match.status == WAITLIST
    assert "full; waitlist about 3 weeks" in match.shortfalls
    assert not any("open place" in fit for fit in match.fits)


def test_program_with_a_place_is_open():
    (match,) = match_programs([info(open_seats=1)], Preferences(level="iop", age=30)).matches
    assert match.status == OPEN
    assert "1 open place" in match.fits


@pytest.mark.parametrize(
    "prefs", [Preferences(level="inpatient", age=30), Preferences(level="iop", age=30, crisis=True)]
)
def test_inpatient_or_crisis_gets_higher_care_and_no_outpatient_programs(prefs):
    catalog = [
        info(name="IOP"),
        info(name="PHP", level="php"),
        info(name="Unit", level="inpatient", sessions=[]),
    ]
    report = match_programs(catalog, prefs)
    assert report.higher_care
    assert names(report.matches) == ["Unit"]
    assert report.alternatives == ()
    assert "988" in report.guidance


def test_crisis_guidance_says_not_to_wait():
    report = match_programs([], Preferences(level="inpatient", age=30, crisis=True))
    assert report.crisis
    assert "do not wait" in report.guidance
    assert "911" in report.guidance


def test_unknown_level_is_an_error():
    with pytest.raises(ValueError, match="unknown level"):
        match_programs([], Preferences(level="weekly"))


def test_matching_package_imports_no_django():
    package = Path(__file__).resolve().parents[2] / "programs" / "matching"
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                assert not any(
                    m.split(".")[0] in {"django", "programs", "admissions", "screening"}
                    for m in modules
                ), source.name
