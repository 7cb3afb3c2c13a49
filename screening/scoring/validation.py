"""Checking a set of answers against the item catalog.

Every problem is collected (not just the first), each under the code of the item it concerns.
A conditional item given while its condition is not met is ignored, whatever its value.
When a condition cannot be decided because a controlling answer is itself invalid, the
dependent item is not reported missing, but a value given for it is still type-checked.
"""

import json
from collections.abc import Callable, Mapping
from typing import Final

from .items import ITEMS, ITEMS_BY_CODE, Condition, Item, Kind

Checker = Callable[[object], str | None]
"""Returns an error message for a bad value, or ``None`` when the value is acceptable."""

NOT_AN_OBJECT: Final = "__all__"
"""Error key used when the answers are not a mapping at all."""

UNKNOWN_CODE: Final = "Unknown item code."
MISSING: Final = "Required answer is missing."

_ABSENT: Final = object()
_KNOWN_CODES: Final = frozenset(ITEMS_BY_CODE)


class AnswerValidationError(ValueError):
    """The answers cannot be scored. ``errors`` maps each offending item code to a message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        super().__init__("; ".join(f"{code}: {message}" for code, message in self.errors.items()))


def describe_value(value: object) -> str:
    """A short JSON-like rendering of a bad value for an error message."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 40 else text[:37] + '..."'
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a value of type {type(value).__name__}"


def _quoted(options: tuple[str, ...]) -> str:
    return ", ".join(f'"{option}"' for option in options)


def _integer_checker(item: Item) -> Checker:
    low, high = item.low, item.high

    def check(value: object) -> str | None:
        if type(value) is int:
            if low <= value <= high:
                return None
            return f"Out of range: expected {low} to {high}, got {value}."
        return f"Expected a whole number from {low} to {high}, got {describe_value(value)}."

    return check


def _boolean_checker(item: Item) -> Checker:
    def check(value: object) -> str | None:
        if value is True or value is False:
            return None
        return f"Expected true or false, got {describe_value(value)}."

    return check


def _asq_checker(item: Item) -> Checker:
    def check(value: object) -> str | None:
        if value is True or value is False or value == "declined":
            return None
        return f'Expected true, false or "declined", got {describe_value(value)}.'

    return check


def _choice_checker(item: Item) -> Checker:
    options = frozenset(item.options)
    allowed = _quoted(item.options)

    def check(value: object) -> str | None:
        if type(value) is str and value in options:
            return None
        return f"Expected one of {allowed}, got {describe_value(value)}."

    return check


def _multi_checker(item: Item) -> Checker:
    options = frozenset(item.options)
    allowed = _quoted(item.options)

    def check(value: object) -> str | None:
        if not isinstance(value, list | tuple):
            return f"Expected a list of choices from {allowed}, got {describe_value(value)}."
        unknown: list[str] = []
        repeated: list[str] = []
        seen: set[object] = set()
        for entry in value:
            if type(entry) is not str or entry not in options:
                shown = describe_value(entry)
                if shown not in unknown:
                    unknown.append(shown)
            elif entry in seen:
                if entry not in repeated:
                    repeated.append(entry)
            else:
                seen.add(entry)
        problems = []
        if unknown:
            problems.append(f"Unknown choice {', '.join(unknown)}; allowed: {allowed}.")
        if repeated:
            problems.append(f"Listed more than once: {_quoted(tuple(repeated))}.")
        return " ".join(problems) or None

    return check


_CHECKER_FACTORIES: Final[dict[Kind, Callable[[Item], Checker]]] = {
    Kind.INTEGER: _integer_checker,
    Kind.BOOLEAN: _boolean_checker,
    Kind.ASQ: _asq_checker,
    Kind.CHOICE: _choice_checker,
    Kind.MULTI: _multi_checker,
}

CHECKERS: Final[dict[str, Checker]] = {
    item.code: _CHECKER_FACTORIES[item.kind](item) for item in ITEMS
}

_INTEGER, _YES_NO, _OTHER = 0, 1, 2
"""Fast-path families: valid integers, and valid ``true``/``false``, are accepted inline."""

_PLAN: Final = tuple(
    (
        item.code,
        item.condition,
        item.required,
        CHECKERS[item.code],
        item.options if item.kind is Kind.MULTI else None,
        MISSING
        if item.condition is None
        else f"Required answer is missing; it is asked because {item.condition.description}.",
        _INTEGER
        if item.kind is Kind.INTEGER
        else _YES_NO
        if item.kind in (Kind.BOOLEAN, Kind.ASQ)
        else _OTHER,
        item.low,
        item.high,
    )
    for item in ITEMS
)


def _condition_state(
    condition: Condition, clean: dict[str, object], errors: dict[str, str]
) -> bool | None:
    """True when met, False when not met, None when a controlling answer was invalid."""
    undecided = False
    for controller in condition.controllers:
        if controller in clean:
            if clean[controller] in condition.triggers:
                return True
        elif controller in errors:
            undecided = True
    return None if undecided else False


def check_answers(answers: Mapping[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    """Return ``(cleaned answers, errors)`` without raising.

    The cleaned answers hold only the items that were asked and answered validly, in catalog
    order; list answers are put in the catalog's order of their choices. A ``null`` for an
    optional item means "not answered".
    """
    if not isinstance(answers, Mapping):
        return {}, {NOT_AN_OBJECT: "Answers must be an object of item codes and values."}
    clean: dict[str, object] = {}
    errors: dict[str, str] = {}
    if not answers.keys() <= _KNOWN_CODES:
        for key in answers:
            if key not in ITEMS_BY_CODE:
                errors[str(key)] = UNKNOWN_CODE
    get = answers.get
    for code, condition, required, check, multi_options, missing, family, low, high in _PLAN:
        asked: bool | None = True
        if condition is not None:
            asked = _condition_state(condition, clean, errors)
            if asked is False:
                continue
        value = get(code, _ABSENT)
        # Fast paths for the common valid answers; everything else goes through the checker.
        if family == _INTEGER:
            if type(value) is int and low <= value <= high:
                clean[code] = value
                continue
        elif family == _YES_NO and (value is True or value is False):
            clean[code] = value
            continue
        if value is _ABSENT or (value is None and not required):
            if required and asked:
                errors[code] = missing
            continue
        error = check(value)
        if error is not None:
            errors[code] = error
        elif multi_options is None:
            clean[code] = value
        else:
            chosen = set(value)  # type: ignore[call-overload]
            clean[code] = [option for option in multi_options if option in chosen]
    return clean, errors


def validate_answers(answers: Mapping[str, object]) -> dict[str, object]:
    """Return the cleaned answers, or raise ``AnswerValidationError`` naming every problem."""
    clean, errors = check_answers(answers)
    if errors:
        raise AnswerValidationError(errors)
    return clean


def is_asked(code: str, answers: Mapping[str, object]) -> bool:
    """Whether the item ``code`` applies, given the answers so far.

    Unconditional items are always asked. A conditional item is asked when one of its
    controlling items has a valid answer among the condition's trigger values; a missing or
    invalid controlling answer means "not asked (yet)". Raises ``KeyError`` for an unknown code.
    """
    condition = ITEMS_BY_CODE[code].condition
    if condition is None:
        return True
    for controller in condition.controllers:
        value = answers.get(controller, _ABSENT)
        if (
            value is not _ABSENT
            and CHECKERS[controller](value) is None
            and value in condition.triggers
        ):
            return True
    return False
