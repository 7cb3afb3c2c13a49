"""Instrument scores and bands (spec section 2)."""

import pytest

from screening.scoring import score_answers

from .answers import answers, auditc, gad7, pcptsd, phq9


def instruments(**overrides: object) -> dict[str, dict[str, object]]:
    return score_answers(answers(**overrides)).instruments


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_total_and_band(total, band):
    assert instruments(**phq9(total))["phq9"] == {"total": total, "band": band}


def test_phq9_difficulty_is_not_summed():
    assert instruments(phq9_difficulty=3)["phq9"] == {"total": 0, "band": "minimal"}


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_total_and_band(total, band):
    assert instruments(**gad7(total))["gad7"] == {"total": total, "band": band}


@pytest.mark.parametrize(
    ("answers_given", "total", "band"),
    [
        (auditc(0), 0, "low"),
        (auditc(1, 1, 0), 2, "low"),
        (auditc(1, 1, 1), 3, "moderate"),
        (auditc(3, 1, 1), 5, "moderate"),
        (auditc(4, 1, 1), 6, "high"),
        (auditc(4, 2, 1), 7, "high"),
        (auditc(4, 2, 2), 8, "severe"),
        (auditc(4, 4, 4), 12, "severe"),
    ],
)
def test_auditc_total_and_band(answers_given, total, band):
    assert instruments(**answers_given)["auditc"] == {"total": total, "band": band}


def test_auditc_items_2_and_3_count_zero_when_never_drinking():
    assert instruments(auditc_1=0, auditc_2=4, auditc_3=4)["auditc"] == {
        "total": 0,
        "band": "low",
    }


NO = dict.fromkeys(("asq_1", "asq_2", "asq_3", "asq_4"), False)


@pytest.mark.parametrize(
    ("given", "result"),
    [
        ({}, "negative"),
        ({"asq_1": True, "asq_5": False}, "non_acute_positive"),
        ({"asq_2": True, "asq_5": False}, "non_acute_positive"),
        ({"asq_3": True, "asq_5": False}, "non_acute_positive"),
        ({"asq_4": True, "asq_4_recent": False, "asq_5": False}, "non_acute_positive"),
        ({"asq_1": "declined", "asq_5": False}, "non_acute_positive"),
        ({"asq_4": "declined", "asq_5": False}, "non_acute_positive"),
        ({"asq_1": True, "asq_5": True}, "acute_positive"),
        ({"asq_3": True, "asq_5": "declined"}, "acute_positive"),
        ({"asq_2": "declined", "asq_5": "declined"}, "acute_positive"),
        ({"asq_5": True}, "negative"),  # asq_5 is not asked when the ASQ is negative
    ],
)
def test_asq_result(given, result):
    assert instruments(**{**NO, **given})["asq"] == {"result": result}


@pytest.mark.parametrize(
    ("score", "positive"), [(0, False), (1, False), (2, False), (3, True), (4, True), (5, True)]
)
def test_pcptsd5_score_and_threshold(score, positive):
    assert instruments(**pcptsd(score))["pcptsd5"] == {"score": score, "positive": positive}


def test_pcptsd5_gate_closed_scores_zero_even_if_items_are_sent():
    given = {**pcptsd(5), "pcptsd_trauma": False}
    assert instruments(**given)["pcptsd5"] == {"score": 0, "positive": False}


def test_instruments_block_shape():
    assert instruments() == {
        "phq9": {"total": 0, "band": "minimal"},
        "gad7": {"total": 0, "band": "minimal"},
        "asq": {"result": "negative"},
        "pcptsd5": {"score": 0, "positive": False},
        "auditc": {"total": 0, "band": "low"},
    }
