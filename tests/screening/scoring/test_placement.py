"""Recommended level (spec section 4): floor rules, composite bands, the higher of the two, and
crisis."""

import pytest

from screening.scoring import LEVELS, score_answers

from .answers import answers, phq9

ACUTE_ASQ = {"asq_1": True, "asq_5": True}

# Floor rules, one case per condition. Each case keeps the composite in a lower band, so the
# floor is what decides the level.
FLOOR_CASES = [
    pytest.param({**ACUTE_ASQ}, "inpatient", 1, id="1-safety-5"),
    pytest.param({"self_care": 3}, "inpatient", 1, id="1-functioning-5"),
    pytest.param({"medical_unstable": True}, "inpatient", 1, id="1-substance-5"),
    pytest.param({"asq_3": True, "asq_5": False}, "php", 2, id="2-safety-4"),
    pytest.param({"self_care": 2}, "php", 2, id="2-functioning-4"),
    pytest.param({"missed_days": 10}, "php", 2, id="2-functioning-4-missed-days"),
    pytest.param({**phq9(20), "self_care": 1}, "php", 2, id="2-symptoms-5-functioning-3"),
    pytest.param({"phq9_9": 2}, "iop", 3, id="3-safety-3"),
    pytest.param(phq9(15), "iop", 3, id="3-symptoms-4"),
    pytest.param({**phq9(20), "missed_days": 1}, "iop", 3, id="3-symptoms-5-functioning-2"),
    pytest.param({"drug_freq": 4}, "iop", 3, id="3-substance-4"),
    pytest.param({"hosp_recent": 1}, "iop", 3, id="3-history-3"),
    pytest.param({"discharged_recent": True}, "iop", 3, id="3-history-3-discharged"),
    pytest.param({"hosp_recent": 2}, "iop", 3, id="3-history-4"),
    pytest.param(
        {"outpatient_insufficient": True, **phq9(10)}, "iop", 3, id="3-insufficient-symptoms-3"
    ),
    pytest.param(
        {"outpatient_insufficient": True, **phq9(9)},
        "outpatient",
        4,
        id="4-insufficient-symptoms-2",
    ),
    pytest.param({"phq9_9": 1}, "outpatient", 4, id="4-safety-2"),
    pytest.param({"drug_freq": 3}, "outpatient", 4, id="4-substance-3"),
    pytest.param({}, "outpatient", 4, id="4-otherwise"),
]


@pytest.mark.parametrize(("given", "level", "rule"), FLOOR_CASES)
def test_floor_rules(given, level, rule):
    result = score_answers(answers(**given))
    assert result.level == level
    assert result.level_basis == "floor"
    assert f"decided by floor rule {rule} (" in result.reasons[-1]


# Composite bands at their boundaries. Support and engagement are not in any floor rule, so
# they raise the composite without raising the floor.
C11 = {"living_situation": "homeless", "support_person": False}  # support 5
C12 = {**C11, "readiness": "unsure"}  # + engagement 2
C17 = {**C11, "readiness": "not_ready", "drug_freq": 3, "missed_days": 1}
C18 = {**C17, "self_care": 1}  # functioning 3
C21 = {**C18, **phq9(5), "phq9_9": 1, "outpatient_insufficient": True}  # floor still outpatient
C22 = {**C21, "phq9_9": 2}  # safety 3: floor iop
C23 = {**C22, **phq9(10), "phq9_9": 2}  # symptoms 3


@pytest.mark.parametrize(
    ("given", "composite", "band", "level", "basis"),
    [
        ({}, 7, "outpatient", "outpatient", "floor"),
        (C11, 11, "outpatient", "outpatient", "floor"),
        (C12, 12, "iop", "iop", "composite"),
        (C17, 17, "iop", "iop", "composite"),
        (C18, 18, "php", "php", "composite"),
        (C21, 21, "php", "php", "composite"),
        (C22, 22, "php", "php", "composite"),
        (C23, 23, "inpatient", "inpatient", "composite"),
    ],
)
def test_composite_bands(given, composite, band, level, basis):
    result = score_answers(answers(**given))
    assert result.composite == composite
    assert result.level == level
    assert result.level_basis == basis
    assert f"composite {composite} is in the {band} band" in result.reasons[-1]


def test_composite_band_can_raise_the_level_above_the_floor():
    result = score_answers(answers(**C22))
    assert result.domains["safety"] == 3  # floor rule 3: iop
    assert (result.level, result.level_basis) == ("php", "composite")
    assert "above floor rule 3" in result.reasons[-1]


def test_floor_wins_over_a_lower_composite_band():
    result = score_answers(answers(self_care=3))
    assert result.composite == 11
    assert (result.level, result.level_basis) == ("inpatient", "floor")


def test_floor_is_the_basis_when_floor_and_band_agree():
    result = score_answers(answers(**C12, phq9_9=2))  # floor iop, composite 14 (iop)
    assert result.composite == 14
    assert (result.level, result.level_basis) == ("iop", "floor")


@pytest.mark.parametrize(
    "given",
    [
        {"asq_1": True, "asq_5": True},
        {"asq_4": "declined", "asq_5": "declined"},
        {"harm_others": True, "harm_others_now": True},
    ],
)
def test_crisis_is_safety_5_and_sets_inpatient(given):
    result = score_answers(answers(**given))
    assert result.crisis is True
    assert result.domains["safety"] == 5
    assert result.level == "inpatient" == LEVELS[-1]


@pytest.mark.parametrize(
    "given",
    [
        {},
        {"asq_3": True, "asq_5": False},
        {"harm_others": True, "harm_others_now": False},
        {"self_care": 3, "medical_unstable": True},
    ],
)
def test_no_crisis_below_safety_5(given):
    assert score_answers(answers(**given)).crisis is False
