"""Answer sets for scoring tests: an all-clear baseline and small builders on top of it."""

import random
from typing import Final

from screening.scoring import all_clear_answers
from screening.scoring.items import (
    ASQ_SCREEN_CODES,
    DAYS,
    GAD7_CODES,
    GOALS,
    PCPTSD_CODES,
    PHQ9_CODES,
    TIMES_OF_DAY,
)

OMIT: Final = object()
"""Pass as an override value to leave that code out of the answers."""


baseline = all_clear_answers
"""The all-clear answer set every builder here starts from (a fresh dict each call)."""


def answers(**overrides: object) -> dict[str, object]:
    """The baseline with some codes changed (or removed with ``OMIT``)."""
    result = baseline()
    for code, value in overrides.items():
        if value is OMIT:
            result.pop(code, None)
        else:
            result[code] = value
    return result


def spread(codes: tuple[str, ...], total: int, high: int = 3) -> dict[str, int]:
    """Item values for ``codes`` that add up to ``total`` (filled from the first code on)."""
    if not 0 <= total <= high * len(codes):
        raise ValueError(total)
    values = {}
    for code in codes:
        values[code] = min(high, total)
        total -= values[code]
    return values


def phq9(total: int) -> dict[str, int]:
    """PHQ-9 items adding up to ``total``, keeping item 9 at 0 while items 1–8 suffice."""
    return spread(PHQ9_CODES, total)


def gad7(total: int) -> dict[str, int]:
    return spread(GAD7_CODES, total)


def pcptsd(score: int) -> dict[str, bool]:
    """Trauma gate open with ``score`` PC-PTSD-5 items true."""
    return {"pcptsd_trauma": True, **{code: i < score for i, code in enumerate(PCPTSD_CODES)}}


def auditc(first: int, second: int = 0, third: int = 0) -> dict[str, int]:
    """AUDIT-C answers; items 2 and 3 are left out when item 1 is 0 (they are not asked)."""
    if first == 0:
        return {"auditc_1": 0}
    return {"auditc_1": first, "auditc_2": second, "auditc_3": third}


def random_answers(rng: random.Random) -> dict[str, object]:
    """A random valid answer set honouring every condition (for benchmarks and smoke runs)."""
    severity = rng.randint(0, 3)

    def scale(high: int) -> int:
        return rng.randint(0, min(high, severity + 1))

    def risk() -> bool:
        return severity > 0 and rng.random() < 0.25 * severity

    def asq() -> object:
        return rng.choice([True, "declined"]) if risk() else False

    result: dict[str, object] = {"age": rng.randint(12, 120)}
    result.update({code: scale(3) for code in PHQ9_CODES})
    result["phq9_difficulty"] = scale(3)
    result.update({code: scale(3) for code in GAD7_CODES})
    result.update({code: asq() for code in ASQ_SCREEN_CODES})
    if result["asq_4"] is True:
        result["asq_4_recent"] = risk()
    if any(result[code] is not False for code in ASQ_SCREEN_CODES):
        result["asq_5"] = asq()
    result["harm_others"] = risk()
    if result["harm_others"]:
        result["harm_others_now"] = risk()
    result["pcptsd_trauma"] = rng.random() < 0.5
    if result["pcptsd_trauma"]:
        result.update({code: rng.random() < 0.5 for code in PCPTSD_CODES})
    result["auditc_1"] = scale(4)
    if result["auditc_1"]:
        result["auditc_2"] = scale(4)
        result["auditc_3"] = scale(4)
    result["drug_freq"] = scale(4)
    result["withdrawal_history"] = risk()
    result["medical_unstable"] = risk() and risk()
    result["missed_days"] = rng.randint(0, min(14, 4 * severity + 1))
    result["self_care"] = scale(3)
    result["hosp_recent"] = scale(2)
    for code in ("discharged_recent", "current_treatment", "outpatient_insufficient"):
        result[code] = risk()
    result["living_situation"] = rng.choice(["stable", "stable", "unstable", "homeless"])
    for code in ("support_person", "home_safe", "transport"):
        result[code] = not risk()
    result["readiness"] = rng.choice(["ready", "ready", "unsure", "not_ready"])
    result["hours_available"] = rng.randint(0, 40)
    if rng.random() < 0.5:
        result["days_available"] = rng.sample(DAYS, rng.randint(0, len(DAYS)))
        result["time_of_day"] = rng.sample(TIMES_OF_DAY, rng.randint(0, len(TIMES_OF_DAY)))
        result["telehealth_ok"] = rng.random() < 0.5
        result["goals"] = rng.sample(GOALS, rng.randint(0, 3))
    return result
