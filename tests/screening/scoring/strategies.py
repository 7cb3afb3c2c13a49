"""Hypothesis strategies for valid answer sets, honouring every condition of the catalog."""

from hypothesis import strategies as st

from screening.scoring.items import (
    ASQ_SCREEN_CODES,
    DAYS,
    DECLINED,
    GAD7_CODES,
    GOALS,
    LIVING_SITUATIONS,
    PCPTSD_CODES,
    PHQ9_CODES,
    READINESS,
    TIMES_OF_DAY,
)

ASQ_ANSWERS = (False, True, DECLINED)


@st.composite
def valid_answers(draw: st.DrawFn) -> dict[str, object]:
    """A valid answer set. A drawn severity caps the ordinal answers and makes risk answers
    possible, so low, middle and high levels of care all come up often."""
    severity = draw(st.integers(0, 3))

    def ordinal(high: int) -> int:
        return draw(st.integers(0, min(high, severity + 1 if severity < 3 else high)))

    def risk() -> bool:
        return draw(st.booleans()) if severity else False

    def asq() -> object:
        return draw(st.sampled_from(ASQ_ANSWERS)) if severity >= 2 else False

    result: dict[str, object] = {"age": draw(st.integers(12, 120))}
    result.update({code: ordinal(3) for code in PHQ9_CODES})
    result["phq9_difficulty"] = ordinal(3)
    result.update({code: ordinal(3) for code in GAD7_CODES})
    result.update({code: asq() for code in ASQ_SCREEN_CODES})
    if result["asq_4"] is True:
        result["asq_4_recent"] = risk()
    if any(result[code] is not False for code in ASQ_SCREEN_CODES):
        result["asq_5"] = draw(st.sampled_from(ASQ_ANSWERS))
    result["harm_others"] = risk()
    if result["harm_others"]:
        result["harm_others_now"] = draw(st.booleans())
    result["pcptsd_trauma"] = draw(st.booleans())
    if result["pcptsd_trauma"]:
        result.update({code: draw(st.booleans()) for code in PCPTSD_CODES})
    result["auditc_1"] = ordinal(4)
    if result["auditc_1"]:
        result["auditc_2"] = ordinal(4)
        result["auditc_3"] = ordinal(4)
    result["drug_freq"] = ordinal(4)
    result["withdrawal_history"] = risk()
    result["medical_unstable"] = risk() and risk()
    result["missed_days"] = draw(st.integers(0, 14 if severity == 3 else 4 * severity))
    result["self_care"] = ordinal(3)
    result["hosp_recent"] = ordinal(2)
    for code in ("discharged_recent", "current_treatment", "outpatient_insufficient"):
        result[code] = risk()
    result["living_situation"] = draw(st.sampled_from(LIVING_SITUATIONS))
    for code in ("support_person", "home_safe", "transport"):
        result[code] = not risk()
    result["readiness"] = draw(st.sampled_from(READINESS))
    result["hours_available"] = draw(st.integers(0, 40))
    optional = {
        "days_available": st.lists(st.sampled_from(DAYS), unique=True),
        "time_of_day": st.lists(st.sampled_from(TIMES_OF_DAY), unique=True),
        "telehealth_ok": st.booleans(),
        "goals": st.lists(st.sampled_from(GOALS), unique=True),
    }
    for code, strategy in optional.items():
        if draw(st.booleans()):
            result[code] = draw(strategy)
    return result


@st.composite
def crisis_answers(draw: st.DrawFn) -> dict[str, object]:
    """A valid answer set in crisis: acute ASQ, or intent to hurt someone now."""
    result = draw(valid_answers())
    if draw(st.booleans()):
        opener = draw(st.sampled_from(ASQ_SCREEN_CODES))
        result[opener] = draw(st.sampled_from((True, DECLINED)))
        if result["asq_4"] is True:
            result.setdefault("asq_4_recent", draw(st.booleans()))
        result["asq_5"] = draw(st.sampled_from((True, DECLINED)))
    else:
        result["harm_others"] = True
        result["harm_others_now"] = True
    return result
