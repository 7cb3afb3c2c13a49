"""Domain ratings (spec section 3): every condition of every cell, with its boundaries."""

import pytest

from screening.scoring import DOMAINS, score_answers

from .answers import answers, auditc, gad7, pcptsd, phq9


def rating(domain: str, **overrides: object) -> int:
    return score_answers(answers(**overrides)).domains[domain]


def test_domains_are_listed_in_spec_order():
    assert (
        tuple(score_answers(answers()).domains)
        == DOMAINS
        == (
            "safety",
            "symptoms",
            "functioning",
            "substance",
            "support",
            "history",
            "engagement",
        )
    )


def test_baseline_rates_every_domain_1_and_composite_7():
    result = score_answers(answers())
    assert set(result.domains.values()) == {1}
    assert result.composite == 7


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"asq_1": True, "asq_5": True}, 5),
        ({"asq_2": True, "asq_5": "declined"}, 5),
        ({"asq_4": "declined", "asq_5": True}, 5),
        ({"harm_others": True, "harm_others_now": True}, 5),
        ({"asq_3": True, "asq_5": False}, 4),
        ({"asq_3": "declined", "asq_5": False}, 4),
        ({"asq_4": True, "asq_4_recent": True, "asq_5": False}, 4),
        ({"asq_4": True, "asq_4_recent": False, "asq_5": False}, 3),
        ({"asq_4": "declined", "asq_5": False}, 3),
        ({"asq_1": True, "asq_5": False}, 3),
        ({"asq_2": "declined", "asq_5": False}, 3),
        ({"phq9_9": 2}, 3),
        ({"phq9_9": 3}, 3),
        ({"harm_others": True, "harm_others_now": False}, 3),
        ({"phq9_9": 1}, 2),
        ({"phq9_9": 0}, 1),
    ],
)
def test_safety(given, expected):
    assert rating("safety", **given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (phq9(27), 5),
        (phq9(20), 5),
        (phq9(19), 4),
        (phq9(15), 4),
        (gad7(21), 4),
        (gad7(15), 4),
        (pcptsd(5), 4),
        (phq9(14), 3),
        (phq9(10), 3),
        (gad7(14), 3),
        (gad7(10), 3),
        (pcptsd(4), 3),
        (pcptsd(3), 3),
        (phq9(9), 2),
        (phq9(5), 2),
        (gad7(9), 2),
        (gad7(5), 2),
        (phq9(4), 1),
        (gad7(4), 1),
        (pcptsd(2), 1),
        ({**phq9(4), **gad7(4), **pcptsd(2)}, 1),
        ({**phq9(12), **gad7(16)}, 4),
    ],
)
def test_symptoms(given, expected):
    assert rating("symptoms", **given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"self_care": 3}, 5),
        ({"self_care": 2}, 4),
        ({"missed_days": 10}, 4),
        ({"missed_days": 14}, 4),
        ({"self_care": 1}, 3),
        ({"missed_days": 5}, 3),
        ({"missed_days": 9}, 3),
        ({"phq9_difficulty": 3}, 3),
        ({"missed_days": 4}, 2),
        ({"missed_days": 1}, 2),
        ({"phq9_difficulty": 2}, 2),
        ({"phq9_difficulty": 1}, 2),
        ({"missed_days": 0, "phq9_difficulty": 0, "self_care": 0}, 1),
    ],
)
def test_functioning(given, expected):
    assert rating("functioning", **given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"medical_unstable": True}, 5),
        ({"withdrawal_history": True, **auditc(1, 0, 4)}, 5),
        ({"withdrawal_history": True, "drug_freq": 4}, 5),
        ({"withdrawal_history": True, **auditc(1, 0, 3)}, 2),
        ({"withdrawal_history": True, "drug_freq": 3}, 3),
        ({"withdrawal_history": True}, 1),
        ({**auditc(1, 0, 4)}, 2),
        ({**auditc(4, 4, 4)}, 4),
        ({**auditc(4, 2, 2)}, 4),
        ({"drug_freq": 4}, 4),
        ({**auditc(4, 2, 1)}, 3),
        ({**auditc(4, 1, 1)}, 3),
        ({"drug_freq": 3}, 3),
        ({**auditc(3, 1, 1)}, 2),
        ({**auditc(1, 1, 1)}, 2),
        ({"drug_freq": 2}, 2),
        ({"drug_freq": 1}, 2),
        ({**auditc(1, 1, 0)}, 1),
        ({"drug_freq": 0}, 1),
    ],
)
def test_substance(given, expected):
    assert rating("substance", **given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"living_situation": "homeless", "support_person": False}, 5),
        ({"living_situation": "homeless", "support_person": True}, 4),
        ({"home_safe": False}, 4),
        ({"support_person": False}, 3),
        ({"living_situation": "unstable"}, 3),
        ({"transport": False}, 2),
        ({"living_situation": "stable", "support_person": True, "home_safe": True}, 1),
    ],
)
def test_support(given, expected):
    assert rating("support", **given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"hosp_recent": 2}, 4),
        ({"hosp_recent": 1}, 3),
        ({"discharged_recent": True}, 3),
        ({"outpatient_insufficient": True}, 2),
        ({"current_treatment": True}, 1),
        ({"hosp_recent": 0}, 1),
    ],
)
def test_history(given, expected):
    assert rating("history", **given) == expected


@pytest.mark.parametrize(("readiness", "expected"), [("not_ready", 4), ("unsure", 2), ("ready", 1)])
def test_engagement(readiness, expected):
    assert rating("engagement", readiness=readiness) == expected


def test_composite_is_the_sum_of_the_ratings():
    result = score_answers(
        answers(self_care=1, support_person=False, outpatient_insufficient=True, **phq9(12))
    )
    assert result.domains == {
        "safety": 1,
        "symptoms": 3,
        "functioning": 3,
        "substance": 1,
        "support": 3,
        "history": 2,
        "engagement": 1,
    }
    assert result.composite == 14
