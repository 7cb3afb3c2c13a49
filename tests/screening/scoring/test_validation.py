"""Answer validation: types, ranges, required and conditional items, all errors at once."""

import pytest

from screening.scoring import (
    ITEM_CODES,
    ITEMS,
    AnswerValidationError,
    is_asked,
    score_answers,
    validate_answers,
)
from screening.scoring.items import PCPTSD_CODES

from .answers import OMIT, answers, auditc, baseline, pcptsd


def errors_for(data: object) -> dict[str, str]:
    with pytest.raises(AnswerValidationError) as caught:
        validate_answers(data)  # type: ignore[arg-type]
    return caught.value.errors


def test_baseline_is_valid_and_cleaned_in_catalog_order():
    cleaned = validate_answers(baseline())
    assert cleaned == baseline()
    assert list(cleaned) == [code for code in ITEM_CODES if code in cleaned]


def test_error_is_a_value_error_naming_codes():
    with pytest.raises(ValueError, match="phq9_1") as caught:
        validate_answers(answers(phq9_1=9))
    assert isinstance(caught.value, AnswerValidationError)


def test_score_answers_validates_first():
    with pytest.raises(AnswerValidationError) as caught:
        score_answers(answers(age=OMIT))
    assert set(caught.value.errors) == {"age"}


def test_unknown_code_is_an_error():
    assert errors_for(answers(phq9_10=1)) == {"phq9_10": "Unknown item code."}


def test_non_string_key_is_reported_as_unknown():
    data: dict[object, object] = {**baseline(), 7: True}
    assert set(errors_for(data)) == {"7"}


@pytest.mark.parametrize("not_a_mapping", [[], "answers", None, 3])
def test_answers_must_be_a_mapping(not_a_mapping):
    assert set(errors_for(not_a_mapping)) == {"__all__"}


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("phq9_1", True),
        ("phq9_1", False),
        ("gad7_7", True),
        ("age", True),
        ("auditc_1", False),
        ("hours_available", True),
        ("phq9_1", "2"),
        ("phq9_1", 2.0),
        ("phq9_1", None),
        ("missed_days", [3]),
    ],
)
def test_integer_items_reject_booleans_and_non_integers(code, value):
    message = errors_for(answers(**{code: value}))[code]
    assert message.startswith("Expected a whole number")


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("harm_others", 1),
        ("harm_others", 0),
        ("support_person", "true"),
        ("home_safe", None),
        ("pcptsd_trauma", "declined"),
        ("telehealth_ok", 1),
    ],
)
def test_boolean_items_need_real_booleans(code, value):
    assert errors_for(answers(**{code: value}))[code].startswith("Expected true or false")


@pytest.mark.parametrize("value", ["yes", "Declined", 1, 0, None])
def test_asq_items_take_true_false_or_declined_only(value):
    message = errors_for(answers(asq_1=value))["asq_1"]
    assert message.startswith('Expected true, false or "declined"')


@pytest.mark.parametrize("value", [True, False, "declined"])
def test_asq_items_accept_their_three_answers(value):
    extra = {} if value is False else {"asq_5": False}
    assert validate_answers(answers(asq_2=value, **extra))["asq_2"] == value


@pytest.mark.parametrize(
    ("code", "value"),
    [("living_situation", "Stable"), ("living_situation", 0), ("readiness", "maybe")],
)
def test_choice_items_take_listed_strings_only(code, value):
    assert errors_for(answers(**{code: value}))[code].startswith("Expected one of")


@pytest.mark.parametrize(
    ("code", "low", "high"),
    [
        ("age", 12, 120),
        ("phq9_5", 0, 3),
        ("phq9_difficulty", 0, 3),
        ("gad7_3", 0, 3),
        ("auditc_1", 0, 4),
        ("drug_freq", 0, 4),
        ("missed_days", 0, 14),
        ("self_care", 0, 3),
        ("hosp_recent", 0, 2),
        ("hours_available", 0, 40),
    ],
)
def test_integer_ranges(code, low, high):
    def with_value(value: int) -> dict[str, object]:
        # auditc_2/3 are asked once auditc_1 is above 0, and ignored otherwise.
        extra = {"auditc_2": 0, "auditc_3": 0} if code == "auditc_1" else {}
        return answers(**{code: value}, **extra)

    for value in (low, high):
        assert validate_answers(with_value(value))[code] == value
    for value in (low - 1, high + 1):
        assert errors_for(with_value(value)) == {
            code: f"Out of range: expected {low} to {high}, got {value}."
        }


@pytest.mark.parametrize(
    "code", [item.code for item in ITEMS if item.required and item.condition is None]
)
def test_every_unconditional_item_is_required(code):
    assert errors_for(answers(**{code: OMIT})) == {code: "Required answer is missing."}


def test_optional_items_may_be_left_out_or_null():
    cleaned = validate_answers(
        answers(days_available=None, time_of_day=None, telehealth_ok=None, goals=None)
    )
    assert not {"days_available", "time_of_day", "telehealth_ok", "goals"} & set(cleaned)


def test_optional_lists_are_checked_and_put_in_catalog_order():
    cleaned = validate_answers(
        answers(
            days_available=["fri", "mon"],
            time_of_day=("evening", "morning"),
            goals=["step_down", "symptom_relief"],
            telehealth_ok=True,
        )
    )
    assert cleaned["days_available"] == ["mon", "fri"]
    assert cleaned["time_of_day"] == ["morning", "evening"]
    assert cleaned["goals"] == ["symptom_relief", "step_down"]
    assert cleaned["telehealth_ok"] is True
    assert validate_answers(answers(days_available=[]))["days_available"] == []


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (["mon", "mon"], 'Listed more than once: "mon".'),
        (["monday"], 'Unknown choice "monday"'),
        ([1], "Unknown choice 1"),
        ("mon", "Expected a list of choices"),
        ({"mon": True}, "Expected a list of choices"),
    ],
)
def test_optional_list_problems(value, fragment):
    assert fragment in errors_for(answers(days_available=value))["days_available"]


def test_unknown_goal_and_time_are_rejected():
    errors = errors_for(answers(goals=["feel_better"], time_of_day=["night"]))
    assert set(errors) == {"goals", "time_of_day"}


# Conditional items ignored while their condition is not met (whatever their value).


@pytest.mark.parametrize(
    ("condition", "ignored"),
    [
        ({"asq_4": False}, {"asq_4_recent": True}),
        ({"asq_4": "declined", "asq_5": False}, {"asq_4_recent": True}),
        ({}, {"asq_5": True}),
        ({"harm_others": False}, {"harm_others_now": True}),
        ({"pcptsd_trauma": False}, dict.fromkeys(PCPTSD_CODES, True)),
        ({"auditc_1": 0}, {"auditc_2": 4, "auditc_3": 4}),
        ({}, {"asq_4_recent": "not even a boolean", "auditc_2": 99}),
    ],
)
def test_conditional_items_are_ignored_when_not_asked(condition, ignored):
    cleaned = validate_answers(answers(**condition, **ignored))
    assert not set(ignored) & set(cleaned)
    assert score_answers(answers(**condition, **ignored)) == score_answers(answers(**condition))


# Conditional items required once their condition is met.


@pytest.mark.parametrize(
    ("condition", "required"),
    [
        ({"asq_4": True, "asq_5": False}, "asq_4_recent"),
        ({"asq_1": True}, "asq_5"),
        ({"asq_2": "declined"}, "asq_5"),
        ({"asq_3": True}, "asq_5"),
        ({"asq_4": "declined"}, "asq_5"),
        ({"harm_others": True}, "harm_others_now"),
        ({"auditc_1": 1, "auditc_3": 0}, "auditc_2"),
        ({"auditc_1": 4, "auditc_2": 0}, "auditc_3"),
        *(({**pcptsd(5), code: OMIT}, code) for code in PCPTSD_CODES),
    ],
)
def test_conditional_items_are_required_when_asked(condition, required):
    errors = errors_for(answers(**condition))
    assert list(errors) == [required]
    assert errors[required].startswith("Required answer is missing; it is asked because")


def test_conditional_items_are_type_checked_when_asked():
    errors = errors_for(
        answers(asq_4=True, asq_4_recent="declined", asq_5="maybe", auditc_1=2, auditc_2=True)
    )
    assert set(errors) == {"asq_4_recent", "asq_5", "auditc_2", "auditc_3"}
    assert errors["asq_4_recent"].startswith("Expected true or false")


def test_answered_conditional_items_are_kept():
    data = answers(asq_4=True, asq_4_recent=False, asq_5="declined", **pcptsd(2), **auditc(2, 1, 0))
    cleaned = validate_answers(data)
    assert cleaned["asq_4_recent"] is False
    assert cleaned["asq_5"] == "declined"
    assert cleaned["auditc_2"] == 1
    assert [cleaned[code] for code in PCPTSD_CODES] == [True, True, False, False, False]


def test_invalid_controlling_answer_does_not_make_dependents_missing():
    errors = errors_for(answers(asq_4="maybe", harm_others=1, auditc_1=7))
    assert set(errors) == {"asq_4", "harm_others", "auditc_1"}


def test_invalid_controlling_answer_still_type_checks_a_given_dependent():
    errors = errors_for(answers(asq_4="maybe", asq_4_recent="soon"))
    assert set(errors) == {"asq_4", "asq_4_recent"}


def test_a_true_asq_answer_decides_asq_5_even_if_another_asq_answer_is_invalid():
    errors = errors_for(answers(asq_1="maybe", asq_2=True))
    assert set(errors) == {"asq_1", "asq_5"}


def test_all_errors_are_collected():
    data = answers(
        age=OMIT,
        phq9_1=True,
        phq9_2=4,
        gad7_1="3",
        asq_3="no",
        harm_others=True,
        support_person=0,
        living_situation="house",
        readiness=OMIT,
        goals=["x"],
        favourite_colour="blue",
    )
    assert set(errors_for(data)) == {
        "age",
        "phq9_1",
        "phq9_2",
        "gad7_1",
        "asq_3",
        "harm_others_now",
        "support_person",
        "living_situation",
        "readiness",
        "goals",
        "favourite_colour",
    }


def test_error_messages_show_the_bad_value():
    errors = errors_for(answers(phq9_1=True, living_situation="x" * 80))
    assert errors["phq9_1"] == "Expected a whole number from 0 to 3, got true."
    assert "..." in errors["living_situation"]


# is_asked: server-side branching for the web wizard.


@pytest.mark.parametrize(
    ("code", "so_far", "expected"),
    [
        ("phq9_1", {}, True),
        ("goals", {}, True),
        ("asq_4_recent", {"asq_4": True}, True),
        ("asq_4_recent", {"asq_4": "declined"}, False),
        ("asq_4_recent", {"asq_4": False}, False),
        ("asq_4_recent", {"asq_4": 1}, False),
        ("asq_4_recent", {}, False),
        ("asq_5", {"asq_1": False, "asq_2": False, "asq_3": False, "asq_4": False}, False),
        ("asq_5", {"asq_3": True}, True),
        ("asq_5", {"asq_4": "declined"}, True),
        ("asq_5", {"asq_1": "yes"}, False),
        ("harm_others_now", {"harm_others": True}, True),
        ("harm_others_now", {"harm_others": False}, False),
        ("pcptsd_3", {"pcptsd_trauma": True}, True),
        ("pcptsd_3", {"pcptsd_trauma": False}, False),
        ("auditc_2", {"auditc_1": 1}, True),
        ("auditc_3", {"auditc_1": 4}, True),
        ("auditc_2", {"auditc_1": 0}, False),
        ("auditc_2", {"auditc_1": True}, False),
        ("auditc_2", {"auditc_1": 5}, False),
    ],
)
def test_is_asked(code, so_far, expected):
    assert is_asked(code, so_far) is expected


def test_is_asked_rejects_unknown_codes():
    with pytest.raises(KeyError):
        is_asked("phq9_10", {})
