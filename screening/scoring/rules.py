"""The small language the rule set is written in.

A ``Comparison`` compares one named fact (an answer code, an instrument score, a domain
rating, the composite or the level) with a value. A ``Rule`` gives an outcome when any of its
clauses holds, and a clause holds when all of its comparisons do. Rules are plain data;
``compile_rules`` turns them into predicates once, so scoring does no parsing.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

Facts = Mapping[str, object]
Predicate = Callable[[Facts], bool]

OPS: Final = ("eq", "ne", "lt", "le", "gt", "ge", "between")


@dataclass(frozen=True, slots=True)
class Comparison:
    """``fact <op> value``; for ``between`` the value is an inclusive ``(low, high)`` pair."""

    fact: str
    op: str
    value: object

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"unknown operator {self.op!r}")

    def compile(self) -> Predicate:
        fact, value, op = self.fact, self.value, self.op
        if op == "between":
            low, high = value  # type: ignore[misc]
            return lambda facts: low <= facts[fact] <= high  # type: ignore[operator]
        if op == "eq":
            return lambda facts: facts[fact] == value
        if op == "ne":
            return lambda facts: facts[fact] != value
        if op == "lt":
            return lambda facts: facts[fact] < value  # type: ignore[operator]
        if op == "le":
            return lambda facts: facts[fact] <= value  # type: ignore[operator]
        if op == "gt":
            return lambda facts: facts[fact] > value  # type: ignore[operator]
        return lambda facts: facts[fact] >= value  # type: ignore[operator]


Clause = tuple[Comparison, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """``outcome`` applies when any clause holds (a clause holds when all its comparisons hold)."""

    outcome: int | str
    clauses: tuple[Clause, ...]


def eq(fact: str, value: object) -> Comparison:
    return Comparison(fact, "eq", value)


def ge(fact: str, value: int) -> Comparison:
    return Comparison(fact, "ge", value)


def le(fact: str, value: int) -> Comparison:
    return Comparison(fact, "le", value)


def lt(fact: str, value: int) -> Comparison:
    return Comparison(fact, "lt", value)


def between(fact: str, low: int, high: int) -> Comparison:
    return Comparison(fact, "between", (low, high))


def is_true(fact: str) -> Comparison:
    return Comparison(fact, "eq", True)


def is_false(fact: str) -> Comparison:
    return Comparison(fact, "eq", False)


def rule(outcome: int | str, *clauses: Comparison | Clause) -> Rule:
    """Build a rule; a bare ``Comparison`` stands for a clause of one comparison."""
    return Rule(outcome, tuple((c,) if isinstance(c, Comparison) else tuple(c) for c in clauses))


CompiledClause = tuple[Predicate, Clause]
CompiledRule = tuple[int | str, Predicate, tuple[CompiledClause, ...]]
"""``(outcome, holds, clauses)``: ``holds`` is true when any clause holds."""


def _all_of(predicates: tuple[Predicate, ...]) -> Predicate:
    """One predicate for a conjunction; short ones are unrolled (this is the hot path)."""
    if len(predicates) == 1:
        return predicates[0]
    if len(predicates) == 2:
        first, second = predicates
        return lambda facts: first(facts) and second(facts)
    if len(predicates) == 3:
        first, second, third = predicates
        return lambda facts: first(facts) and second(facts) and third(facts)
    return lambda facts: all(predicate(facts) for predicate in predicates)


def _any_of(predicates: tuple[Predicate, ...]) -> Predicate:
    if not predicates:
        return lambda facts: False
    if len(predicates) == 1:
        return predicates[0]
    if len(predicates) == 2:
        first, second = predicates
        return lambda facts: first(facts) or second(facts)
    if len(predicates) == 3:
        first, second, third = predicates
        return lambda facts: first(facts) or second(facts) or third(facts)
    return lambda facts: any(predicate(facts) for predicate in predicates)


def compile_rule(rule: Rule) -> CompiledRule:
    clauses = tuple((_all_of(tuple(t.compile() for t in c)), c) for c in rule.clauses)
    return (rule.outcome, _any_of(tuple(holds for holds, _ in clauses)), clauses)


def compile_rules(rules: tuple[Rule, ...]) -> tuple[CompiledRule, ...]:
    return tuple(compile_rule(r) for r in rules)


def first_match(rules: tuple[CompiledRule, ...], facts: Facts) -> int | None:
    """Index of the first rule that holds, or ``None``."""
    for index, (_, holds, _) in enumerate(rules):
        if holds(facts):
            return index
    return None


def holding_clauses(clauses: tuple[CompiledClause, ...], facts: Facts) -> tuple[Clause, ...]:
    """Every clause of a rule that holds (to explain why the rule applied)."""
    return tuple(clause for holds, clause in clauses if holds(facts))


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
