"""Flags (spec section 6): each condition and its boundary, and the sorted order."""

import pytest

from screening.scoring import score_answers

from .answers import answers, auditc, pcptsd, phq9

IOP = phq9(15)  # symptoms 4: floor iop, composite 10
PHP = {"self_care": 2}  # functioning 4: floor php


def flags(**overrides: object) -> list[str]:
    return score_answers(answers(**overrides)).flags


def test_baseline_has_no_flags():
    assert flags() == []


@pytest.mark.parametrize(("age", "flagged"), [(12, True), (17, True), (18, False), (120, False)])
def test_adolescent(age, flagged):
    assert ("adolescent" in flags(age=age)) is flagged


@pytest.mark.parametrize(
    ("given", "flagged"),
    [
        ({"asq_1": True, "asq_5": True}, True),
        ({"harm_others": True, "harm_others_now": True}, True),
        ({"asq_3": True, "asq_5": False}, False),
    ],
)
def test_crisis(given, flagged):
    assert ("crisis" in flags(**given)) is flagged


@pytest.mark.parametrize(
    ("given", "flagged"),
    [
        ({"asq_1": True, "asq_5": True}, True),
        ({"asq_3": True, "asq_5": False}, True),
        ({"phq9_9": 2}, True),
        ({"phq9_9": 1}, False),
    ],
)
def test_safety_assessment(given, flagged):
    assert ("safety_assessment" in flags(**given)) is flagged


@pytest.mark.parametrize(
    ("given", "medical_review", "substance_use"),
    [
        ({"medical_unstable": True}, True, True),
        ({"withdrawal_history": True, "drug_freq": 4}, True, True),
        ({"drug_freq": 4}, False, True),
        ({"drug_freq": 3}, False, True),
        (auditc(4, 1, 1), False, True),
        (auditc(3, 1, 1), False, False),
        ({"drug_freq": 2}, False, False),
    ],
)
def test_medical_review_and_substance_use(given, medical_review, substance_use):
    result = flags(**given)
    assert ("medical_review" in result) is medical_review
    assert ("substance_use" in result) is substance_use


@pytest.mark.parametrize(("score", "flagged"), [(3, True), (5, True), (2, False), (0, False)])
def test_trauma_positive(score, flagged):
    assert ("trauma_positive" in flags(**pcptsd(score))) is flagged


@pytest.mark.parametrize(("discharged", "flagged"), [(True, True), (False, False)])
def test_step_down(discharged, flagged):
    assert ("step_down" in flags(discharged_recent=discharged)) is flagged


@pytest.mark.parametrize(
    ("given", "flagged"),
    [
        ({"living_situation": "homeless", "support_person": False}, True),
        ({"home_safe": False}, True),
        ({"living_situation": "unstable"}, True),
        ({"support_person": False}, True),
        ({"transport": False}, False),
    ],
)
def test_limited_support(given, flagged):
    assert ("limited_support" in flags(**given)) is flagged


@pytest.mark.parametrize(
    ("readiness", "flagged"), [("not_ready", True), ("unsure", True), ("ready", False)]
)
def test_low_readiness(readiness, flagged):
    assert ("low_readiness" in flags(readiness=readiness)) is flagged


@pytest.mark.parametrize(
    ("given", "age", "hours", "flagged"),
    [
        (IOP, 30, 8, True),
        (IOP, 30, 6, True),
        (IOP, 30, 9, False),
        (IOP, 18, 8, True),
        (IOP, 17, 5, True),
        (IOP, 17, 6, False),
        (IOP, 12, 0, True),
        (PHP, 30, 19, True),
        (PHP, 15, 19, True),
        (PHP, 30, 20, False),
        ({}, 30, 0, False),
        ({"self_care": 3}, 30, 0, False),
    ],
)
def test_schedule_barrier(given, age, hours, flagged):
    result = flags(**given, age=age, hours_available=hours)
    assert ("schedule_barrier" in result) is flagged


def test_flags_are_sorted():
    result = flags(
        age=16,
        asq_1=True,
        asq_5=True,
        medical_unstable=True,
        discharged_recent=True,
        living_situation="unstable",
        readiness="unsure",
        **pcptsd(3),
    )
    assert result == [
        "adolescent",
        "crisis",
        "limited_support",
        "low_readiness",
        "medical_review",
        "safety_assessment",
        "step_down",
        "substance_use",
        "trauma_positive",
    ]
