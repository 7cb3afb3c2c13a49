"""The item catalog: every answer code the screener accepts, its values and when it is asked.

The catalog is in questionnaire order, and an item that controls a condition always comes
before the items it controls, so answers can be checked in a single pass.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

DECLINED: Final = "declined"
"""The ASQ answer for "I'd rather not say"; it counts as a yes everywhere."""

DAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIMES_OF_DAY: Final = ("morning", "afternoon", "evening")
GOALS: Final = (
    "symptom_relief",
    "coping_skills",
    "relapse_prevention",
    "quality_of_life",
    "return_to_work_school",
    "step_down",
    "family_relationships",
    "medication_management",
)
LIVING_SITUATIONS: Final = ("stable", "unstable", "homeless")
READINESS: Final = ("ready", "unsure", "not_ready")

PHQ9_CODES: Final = tuple(f"phq9_{n}" for n in range(1, 10))
GAD7_CODES: Final = tuple(f"gad7_{n}" for n in range(1, 8))
ASQ_SCREEN_CODES: Final = ("asq_1", "asq_2", "asq_3", "asq_4")
ASQ_CODES: Final = (*ASQ_SCREEN_CODES, "asq_5")
PCPTSD_CODES: Final = tuple(f"pcptsd_{n}" for n in range(1, 6))
AUDITC_CODES: Final = ("auditc_1", "auditc_2", "auditc_3")


class Kind(StrEnum):
    """How an item's value is typed."""

    INTEGER = "integer"  # a whole number from low to high (never a boolean)
    BOOLEAN = "boolean"  # JSON true or false
    ASQ = "asq"  # true, false or "declined"
    CHOICE = "choice"  # one of the listed strings
    MULTI = "multi"  # a list of distinct listed strings


@dataclass(frozen=True, slots=True)
class Condition:
    """An item is asked only when some controlling item holds one of the trigger values.

    Controlling values are compared after they have been checked as valid for their own item,
    so ``True`` never matches ``1`` here.
    """

    controllers: tuple[str, ...]
    triggers: tuple[object, ...]
    description: str


@dataclass(frozen=True, slots=True)
class Item:
    """One answer code."""

    code: str
    kind: Kind
    low: int = 0
    high: int = 0
    options: tuple[str, ...] = ()
    required: bool = True
    condition: Condition | None = None
    skipped_value: object = None
    """What the rules see when a conditional item is not asked (``None``: unscored item)."""


def _ints(codes: tuple[str, ...], high: int) -> tuple[Item, ...]:
    return tuple(Item(code, Kind.INTEGER, 0, high) for code in codes)


ASQ_4_TRUE = Condition(("asq_4",), (True,), "asq_4 is true")
ASQ_POSITIVE = Condition(
    ASQ_SCREEN_CODES,
    (True, DECLINED),
    'the ASQ is positive (one of asq_1 to asq_4 is true or "declined")',
)
HARM_OTHERS_TRUE = Condition(("harm_others",), (True,), "harm_others is true")
TRAUMA_TRUE = Condition(("pcptsd_trauma",), (True,), "pcptsd_trauma is true")
DRINKS = Condition(("auditc_1",), (1, 2, 3, 4), "auditc_1 is above 0")

ITEMS: Final[tuple[Item, ...]] = (
    Item("age", Kind.INTEGER, 12, 120),
    *_ints(PHQ9_CODES, 3),
    Item("phq9_difficulty", Kind.INTEGER, 0, 3),
    *_ints(GAD7_CODES, 3),
    *(Item(code, Kind.ASQ) for code in ASQ_SCREEN_CODES),
    Item("asq_4_recent", Kind.BOOLEAN, condition=ASQ_4_TRUE, skipped_value=False),
    Item("asq_5", Kind.ASQ, condition=ASQ_POSITIVE, skipped_value=False),
    Item("harm_others", Kind.BOOLEAN),
    Item("harm_others_now", Kind.BOOLEAN, condition=HARM_OTHERS_TRUE, skipped_value=False),
    Item("pcptsd_trauma", Kind.BOOLEAN),
    *(
        Item(code, Kind.BOOLEAN, condition=TRAUMA_TRUE, skipped_value=False)
        for code in PCPTSD_CODES
    ),
    Item("auditc_1", Kind.INTEGER, 0, 4),
    Item("auditc_2", Kind.INTEGER, 0, 4, condition=DRINKS, skipped_value=0),
    Item("auditc_3", Kind.INTEGER, 0, 4, condition=DRINKS, skipped_value=0),
    Item("drug_freq", Kind.INTEGER, 0, 4),
    Item("withdrawal_history", Kind.BOOLEAN),
    Item("medical_unstable", Kind.BOOLEAN),
    Item("missed_days", Kind.INTEGER, 0, 14),
    Item("self_care", Kind.INTEGER, 0, 3),
    Item("hosp_recent", Kind.INTEGER, 0, 2),
    Item("discharged_recent", Kind.BOOLEAN),
    Item("current_treatment", Kind.BOOLEAN),
    Item("outpatient_insufficient", Kind.BOOLEAN),
    Item("living_situation", Kind.CHOICE, options=LIVING_SITUATIONS),
    Item("support_person", Kind.BOOLEAN),
    Item("home_safe", Kind.BOOLEAN),
    Item("transport", Kind.BOOLEAN),
    Item("readiness", Kind.CHOICE, options=READINESS),
    Item("hours_available", Kind.INTEGER, 0, 40),
    Item("days_available", Kind.MULTI, options=DAYS, required=False),
    Item("time_of_day", Kind.MULTI, options=TIMES_OF_DAY, required=False),
    Item("telehealth_ok", Kind.BOOLEAN, required=False),
    Item("goals", Kind.MULTI, options=GOALS, required=False),
)

ITEMS_BY_CODE: Final[dict[str, Item]] = {item.code: item for item in ITEMS}
ITEM_CODES: Final = tuple(ITEMS_BY_CODE)

SKIPPED_VALUES: Final[dict[str, object]] = {
    item.code: item.skipped_value for item in ITEMS if item.condition is not None
}
"""What the rules read for each conditional item when it was not asked."""


def _check_catalog() -> None:
    seen: set[str] = set()
    for item in ITEMS:
        if item.condition is not None:
            for controller in item.condition.controllers:
                if controller not in seen or ITEMS_BY_CODE[controller].condition is not None:
                    raise ValueError(f"{item.code}: controller {controller} must come first")
        seen.add(item.code)


_check_catalog()
