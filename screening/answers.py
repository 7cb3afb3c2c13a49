"""Plain helpers over answer codes: merging a step into a draft, age, and the crisis test.

No Django here. The rules themselves live in ``screening.scoring``; these helpers only ask it
which items apply.
"""

from collections.abc import Mapping
from datetime import date

from .scoring import is_asked
from .scoring.items import ASQ_SCREEN_CODES, DECLINED, ITEMS_BY_CODE

YES_OR_DECLINED = (True, DECLINED)


def age_on(date_of_birth: date, today: date) -> int:
    """Age in whole years on ``today``."""
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - int(before_birthday)


def merge_answers(current: Mapping[str, object], step: Mapping[str, object]) -> dict[str, object]:
    """The draft's answers with one step's answers laid over them.

    A value of ``None`` removes that code. Afterwards every conditional item whose condition no
    longer holds is dropped, so a changed gate answer never leaves stale follow-ups behind.
    """
    merged = dict(current)
    for code, value in step.items():
        if value is None:
            merged.pop(code, None)
        else:
            merged[code] = value
    # One pass is enough: no conditional item controls another (the catalog checks this).
    for code in list(merged):
        item = ITEMS_BY_CODE.get(code)
        if item is not None and item.condition is not None and not is_asked(code, merged):
            del merged[code]
    return merged


def asq_positive(answers: Mapping[str, object]) -> bool:
    return any(answers.get(code) in YES_OR_DECLINED for code in ASQ_SCREEN_CODES)


def crisis_answer(answers: Mapping[str, object]) -> str:
    """The answer that makes these answers a crisis, as ``"code:value"`` (``"asq_5:true"``,
    ``"asq_5:declined"``, ``"harm_others_now:true"``), or ``""`` when there is none."""
    acute = (
        asq_positive(answers)
        and is_asked("asq_5", answers)
        and answers.get("asq_5") in YES_OR_DECLINED
    )
    if acute:
        return f"asq_5:{'true' if answers['asq_5'] is True else DECLINED}"
    if is_asked("harm_others_now", answers) and answers.get("harm_others_now") is True:
        return "harm_others_now:true"
    return ""


def crisis_indicated(answers: Mapping[str, object]) -> bool:
    """Acute positive ASQ (thoughts of suicide right now, or declined to say) or intent to harm
    someone else now: the answers that open an emergent referral at once (spec 2.3, 3)."""
    return bool(crisis_answer(answers))


def non_acute_positive(answers: Mapping[str, object]) -> bool:
    """An ASQ positive without a crisis (spec 10.2): the safety step acknowledges it and a
    clinician checks on the person's safety within the referral's deadline. Only once the
    ``right now`` question is answered (it decides between acute and non-acute)."""
    return asq_positive(answers) and answers.get("asq_5") is False and not crisis_indicated(answers)
