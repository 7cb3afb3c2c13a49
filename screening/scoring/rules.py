"""The small language the rule set is written in.

A ``Test`` compares one named fact (an answer code, an instrument score, a domain rating, the
composite or the level) with a value. A ``Rule`` gives an outcome when any of its clauses
holds, and a clause holds when all of its tests do. Rules are plain data; ``compile_rules``
turns them into predicates once, so scoring does no parsing.
"""

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

Facts = Mapping[str, object]
Predicate = Callable[[Facts], bool]

_OPERATORS: Final[dict[str, Callable[[object, object], bool]]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
OPS: Final = (*_OPERATORS, "between")


@dataclass(frozen=True, slots=True)
class Test:
    """``fact <op> value``; for ``between`` the value is an inclusive ``(low, high)`` pair."""

    fact: str
    op: str
    value: object

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"unknown operator {self.op!r}")

    def compile(self) -> Predicate:
        fact, value = self.fact, self.value
        if self.op == "between":
            low, high = value  # type: ignore[misc]
            return lambda facts: low <= facts[fact] <= high  # type: ignore[operator]
        compare = _OPERATORS[self.op]
        return lambda facts: compare(facts[fact], value)


Clause = tuple[Test, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """``outcome`` applies when any clause holds (a clause holds when all its tests hold)."""

    outcome: int | str
    clauses: tuple[Clause, ...]


def eq(fact: str, value: object) -> Test:
    return Test(fact, "eq", value)


def ge(fact: str, value: int) -> Test:
    return Test(fact, "ge", value)


def le(fact: str, value: int) -> Test:
    return Test(fact, "le", value)


def lt(fact: str, value: int) -> Test:
    return Test(fact, "lt", value)


def between(fact: str, low: int, high: int) -> Test:
    return Test(fact, "between", (low, high))


def is_true(fact: str) -> Test:
    return Test(fact, "eq", True)


def is_false(fact: str) -> Test:
    return Test(fact, "eq", False)


def rule(outcome: int | str, *clauses: Test | Clause) -> Rule:
    """Build a rule; a bare ``Test`` stands for a clause of one test."""
    return Rule(outcome, tuple((c,) if isinstance(c, Test) else tuple(c) for c in clauses))


CompiledClause = tuple[tuple[Predicate, ...], Clause]
CompiledRule = tuple[int | str, tuple[CompiledClause, ...]]


def compile_rules(rules: tuple[Rule, ...]) -> tuple[CompiledRule, ...]:
    return tuple(
        (r.outcome, tuple((tuple(t.compile() for t in c), c) for c in r.clauses)) for r in rules
    )


def clause_holds(predicates: tuple[Predicate, ...], facts: Facts) -> bool:
    for predicate in predicates:
        if not predicate(facts):
            return False
    return True


def rule_holds(clauses: tuple[CompiledClause, ...], facts: Facts) -> bool:
    for predicates, _ in clauses:
        if clause_holds(predicates, facts):
            return True
    return False


def first_match(rules: tuple[CompiledRule, ...], facts: Facts) -> int | None:
    """Index of the first rule that holds, or ``None``."""
    for index, (_, clauses) in enumerate(rules):
        if rule_holds(clauses, facts):
            return index
    return None


def holding_clauses(clauses: tuple[CompiledClause, ...], facts: Facts) -> tuple[Clause, ...]:
    """Every clause of a rule that holds (to explain why the rule applied)."""
    return tuple(clause for predicates, clause in clauses if clause_holds(predicates, facts))


def rule_facts(rules: tuple[Rule, ...]) -> set[str]:
    return {test.fact for r in rules for clause in r.clauses for test in clause}


@dataclass(frozen=True, slots=True)
class Bands:
    """Named score bands: ``thresholds`` holds ``(lowest score, name)`` pairs, ascending.

    A score below the first threshold falls in the first band; ``maximum`` is the highest
    possible score (the last band runs from its threshold to it).
    """

    thresholds: tuple[tuple[int, str], ...]
    maximum: int
    _table: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lows = [low for low, _ in self.thresholds]
        if not lows or lows != sorted(set(lows)) or lows[-1] > self.maximum:
            raise ValueError(f"band thresholds must ascend up to the maximum: {self.thresholds}")
        table = [self.thresholds[0][1]] * (self.maximum + 1)
        for low, name in self.thresholds:
            for score in range(max(low, 0), self.maximum + 1):
                table[score] = name
        object.__setattr__(self, "_table", tuple(table))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.thresholds)

    def name_for(self, score: int) -> str:
        return self._table[score]

    def span(self, name: str) -> str:
        """The band's score range as text, e.g. ``"12–17"`` or ``"23 and over"``."""
        for index, (low, band) in enumerate(self.thresholds):
            if band == name:
                if index + 1 == len(self.thresholds):
                    return f"{low} and over"
                return f"{low}–{self.thresholds[index + 1][0] - 1}"
        raise KeyError(name)
