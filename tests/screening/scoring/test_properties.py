"""Properties over generated valid answer sets (hypothesis)."""

from collections.abc import Iterator

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from screening.scoring import (
    DOMAINS,
    ITEMS,
    LEVELS,
    URGENCIES,
    ScreeningResult,
    is_asked,
    score_answers,
    validate_answers,
)
from screening.scoring.items import ASQ_SCREEN_CODES, DECLINED, GAD7_CODES, PCPTSD_CODES, PHQ9_CODES

from .reference import reference_score
from .strategies import crisis_answers, valid_answers

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

RESULT_KEYS = [
    "rule_set",
    "level",
    "crisis",
    "urgency",
    "composite",
    "domains",
    "instruments",
    "flags",
    "reasons",
]


@PROPERTY_SETTINGS
@given(valid_answers())
def test_any_valid_answer_set_scores(answers):
    assert validate_answers(answers).keys() <= answers.keys()
    result = score_answers(answers)
    output = result.to_dict()
    assert list(output) == RESULT_KEYS
    assert list(result.domains) == list(DOMAINS)
    assert result.composite == sum(result.domains.values())
    assert 7 <= result.composite <= 33
    assert result.level in LEVELS
    assert result.urgency in URGENCIES
    assert result.flags == sorted(set(result.flags))
    assert len(result.reasons) == len(DOMAINS) + 1
    assert result.crisis is (result.domains["safety"] == 5)
    assert result.level_basis in ("floor", "composite")
    assert result.applicant_summary()


@PROPERTY_SETTINGS
@given(valid_answers())
def test_engine_agrees_with_a_plain_reading_of_the_spec(answers):
    result = score_answers(answers)
    expected = reference_score(answers)
    basis = expected.pop("level_basis")
    actual = result.to_dict()
    del actual["reasons"]
    assert actual == expected
    assert result.level_basis == basis


def _worse(answers: dict[str, object]) -> Iterator[tuple[str, dict[str, object]]]:
    """Every single-answer change that makes things clinically worse, kept valid.

    A change that opens a conditional item also answers it with its mildest value (asq_5,
    asq_4_recent, harm_others_now false; auditc_2/3 zero), so only one thing gets worse.
    """

    def changed(**changes: object) -> dict[str, object]:
        return {**answers, **changes}

    for code, high in [
        *((code, 3) for code in (*PHQ9_CODES, *GAD7_CODES, "phq9_difficulty", "self_care")),
        ("hosp_recent", 2),
        ("missed_days", 14),
        ("drug_freq", 4),
        ("auditc_2", 4),
        ("auditc_3", 4),
    ]:
        if code in answers and answers[code] < high:  # type: ignore[operator]
            yield f"{code} + 1", changed(**{code: answers[code] + 1})  # type: ignore[operator]
    if answers["auditc_1"] == 0:
        yield "auditc_1 0 -> 1", changed(auditc_1=1, auditc_2=0, auditc_3=0)
    elif answers["auditc_1"] < 4:  # type: ignore[operator]
        yield "auditc_1 + 1", changed(auditc_1=answers["auditc_1"] + 1)  # type: ignore[operator]

    asq_positive = any(answers[code] is not False for code in ASQ_SCREEN_CODES)
    for code in ASQ_SCREEN_CODES:
        if answers[code] is False:
            for new in (True, DECLINED):
                extra: dict[str, object] = {} if asq_positive else {"asq_5": False}
                if code == "asq_4" and new is True:
                    extra["asq_4_recent"] = False
                yield f"{code} -> {new}", changed(**{code: new}, **extra)
    if answers.get("asq_5") is False:
        yield "asq_5 -> true", changed(asq_5=True)
        yield "asq_5 -> declined", changed(asq_5=DECLINED)
    if answers.get("asq_4_recent") is False:
        yield "asq_4_recent -> true", changed(asq_4_recent=True)
    if answers["harm_others"] is False:
        yield "harm_others -> true", changed(harm_others=True, harm_others_now=False)
    elif answers["harm_others_now"] is False:
        yield "harm_others_now -> true", changed(harm_others_now=True)
    for code in PCPTSD_CODES:
        if answers.get(code) is False:
            yield f"{code} -> true", changed(**{code: True})
    for code in ("withdrawal_history", "medical_unstable", "discharged_recent"):
        if answers[code] is False:
            yield f"{code} -> true", changed(**{code: True})
    if answers["outpatient_insufficient"] is False:
        yield "outpatient_insufficient -> true", changed(outpatient_insufficient=True)
    for code in ("support_person", "home_safe", "transport"):
        if answers[code] is True:
            yield f"{code} -> false", changed(**{code: False})
    living = ("stable", "unstable", "homeless")
    for worse in living[living.index(answers["living_situation"]) + 1 :]:  # type: ignore[arg-type]
        yield f"living_situation -> {worse}", changed(living_situation=worse)
    readiness = ("ready", "unsure", "not_ready")
    for worse in readiness[readiness.index(answers["readiness"]) + 1 :]:  # type: ignore[arg-type]
        yield f"readiness -> {worse}", changed(readiness=worse)


def _rank(result: ScreeningResult) -> tuple[int, int]:
    return LEVELS.index(result.level), URGENCIES.index(result.urgency)


@PROPERTY_SETTINGS
@given(valid_answers())
def test_a_worse_answer_never_lowers_level_or_urgency(answers):
    before = score_answers(answers)
    changes = list(_worse(answers))
    assert changes  # there is always something that could be worse
    for label, worse in changes:
        after = score_answers(worse)
        level_before, urgency_before = _rank(before)
        level_after, urgency_after = _rank(after)
        assert level_after >= level_before, label
        assert urgency_after >= urgency_before, label
        assert after.composite >= before.composite, label
        assert all(after.domains[d] >= before.domains[d] for d in DOMAINS), label
        assert after.crisis or not before.crisis, label


@PROPERTY_SETTINGS
@given(crisis_answers())
def test_a_crisis_is_always_inpatient_emergent_and_flagged(answers):
    result = score_answers(answers)
    assert result.crisis is True
    assert result.level == "inpatient"
    assert result.urgency == "emergent"
    assert "crisis" in result.flags
    assert result.domains["safety"] == 5


CONDITIONAL_CODES = [item.code for item in ITEMS if item.condition is not None]


@settings(max_examples=100, deadline=None)
@given(valid_answers(), st.data())
def test_unasked_conditional_items_never_change_the_result(answers, data):
    unasked = [code for code in CONDITIONAL_CODES if not is_asked(code, answers)]
    assume(unasked)
    code = data.draw(st.sampled_from(unasked))
    noise = data.draw(st.sampled_from([True, False, 4, "declined", None, ["x"]]))
    assert validate_answers({**answers, code: noise}) == validate_answers(answers)
    assert score_answers({**answers, code: noise}) == score_answers(answers)
