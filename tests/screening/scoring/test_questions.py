"""Question wording: every answer code is worded, and its choices match the catalog."""

import pytest

from screening.scoring import ITEM_CODES, ITEMS
from screening.scoring.items import DECLINED, Kind
from screening.scoring.questions import (
    GROUPS,
    QUESTIONS_BY_CODE,
    answer_label,
)


def test_every_answer_code_has_exactly_one_question_in_catalog_order():
    codes = [question.code for group in GROUPS for question in group.questions]
    assert sorted(codes) == sorted(ITEM_CODES)
    assert len(codes) == len(set(codes))
    assert codes == list(ITEM_CODES)


def test_groups_by_topic():
    assert [group.key for group in GROUPS] == [
        "about",
        "mood",
        "anxiety",
        "safety",
        "trauma",
        "substance",
        "functioning",
        "history",
        "support",
        "availability",
        "goals",
    ]
    for group in GROUPS:
        assert group.title
        assert all(question.text and question.short for question in group.questions)


def test_two_week_stems():
    by_key = {group.key: group for group in GROUPS}
    for key in ("mood", "anxiety"):
        assert by_key[key].stem.startswith("Over the last 2 weeks, how often")


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.code)
def test_choices_cover_exactly_the_valid_values(item):
    question = QUESTIONS_BY_CODE[item.code]
    values = [value for value, _ in question.choices]
    if item.kind is Kind.INTEGER and question.kind == "number":
        assert (question.min_value, question.max_value) == (item.low, item.high)
        assert values == []
    elif item.kind is Kind.INTEGER:
        assert values == list(range(item.low, item.high + 1))
        assert all(type(value) is int for value in values)
    elif item.kind is Kind.BOOLEAN:
        assert values == [True, False]
    elif item.kind is Kind.ASQ:
        assert values == [True, False, DECLINED]
    else:
        assert values == list(item.options)
    assert all(label for _, label in question.choices)


def test_phq9_and_gad7_answer_wording():
    expected = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
    for code in ("phq9_1", "phq9_9", "gad7_1", "gad7_7"):
        assert [label for _, label in QUESTIONS_BY_CODE[code].choices] == expected


@pytest.mark.parametrize(
    ("code", "value", "label"),
    [
        ("phq9_1", 2, "More than half the days"),
        ("phq9_difficulty", 3, "Extremely difficult"),
        ("asq_1", DECLINED, "I'd rather not say"),
        ("asq_1", True, "Yes"),
        ("harm_others", False, "No"),
        ("auditc_1", 2, "2 to 4 times a month"),
        ("auditc_2", 4, "10 or more"),
        ("drug_freq", 4, "Daily or almost daily"),
        ("hosp_recent", 2, "Twice or more"),
        ("living_situation", "unstable", "Somewhere temporary, or a place I may lose soon"),
        ("readiness", "not_ready", "Not now"),
        ("age", 34, "34"),
        ("missed_days", 0, "0"),
        ("days_available", ["mon", "fri"], "Monday, Friday"),
        ("time_of_day", ["evening"], "Evening"),
        ("goals", ["return_to_work_school"], "Getting back to work or school"),
        ("days_available", [], "None chosen"),
        ("asq_4_recent", None, "Not asked"),
    ],
)
def test_answer_label(code, value, label):
    assert answer_label(code, value) == label


def test_answer_label_does_not_confuse_booleans_with_integers():
    assert answer_label("phq9_1", True) == "true"
    assert answer_label("harm_others", 1) == "1"


def test_answer_label_shows_an_unlisted_value_as_given():
    assert answer_label("living_situation", "boat") == "boat"


def test_answer_label_rejects_unknown_codes():
    with pytest.raises(KeyError):
        answer_label("shoe_size", 9)
