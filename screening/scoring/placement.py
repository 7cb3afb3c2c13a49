"""Placement: floor and composite band, the recommended level, crisis, urgency and flags."""

from collections.abc import Mapping
from typing import NamedTuple

from .memo import Memo
from .reasons import level_reason, reason_inputs
from .rules import Clause, first_match, holding_clauses
from .ruleset import RuleSet
from .vocabulary import LEVEL_RANK


class LevelDecision(NamedTuple):
    level: str
    basis: str
    """``"floor"`` or ``"composite"``; ``"floor"`` when both give the same level."""
    reason: str


class Placement(NamedTuple):
    level: str
    level_basis: str
    level_reason: str
    crisis: bool
    urgency: str
    flags: list[str]


def _level_memo(rule_set: RuleSet) -> Memo[LevelDecision]:
    memo = rule_set.memo.get("level")
    if memo is None:
        read = [t.fact for _, _, clauses in rule_set.compiled_floor for _, c in clauses for t in c]
        memo = Memo(*reason_inputs((*read, "composite")))
        rule_set.memo["level"] = memo
    return memo  # type: ignore[return-value]


def decide_level_fresh(
    facts: Mapping[str, object], answers: Mapping[str, object], composite: int, rule_set: RuleSet
) -> LevelDecision:
    """The higher of the floor and the composite band, with the staff reason (no memo)."""
    floor_index = first_match(rule_set.compiled_floor, facts)
    if floor_index is None:
        floor_level = rule_set.floor_otherwise
        floor_rule = len(rule_set.floor) + 1
        floor_grounds: tuple[Clause, ...] = ()
    else:
        outcome, _, clauses = rule_set.compiled_floor[floor_index]
        floor_level = str(outcome)
        floor_rule = floor_index + 1
        floor_grounds = holding_clauses(clauses, facts)
    composite_level = rule_set.composite_bands.name_for(composite)
    if LEVEL_RANK[floor_level] >= LEVEL_RANK[composite_level]:
        level, basis = floor_level, "floor"
    else:
        level, basis = composite_level, "composite"
    reason = level_reason(
        level=level,
        basis=basis,
        floor_rule=floor_rule,
        floor_level=floor_level,
        floor_grounds=floor_grounds,
        composite=composite,
        composite_level=composite_level,
        rule_set=rule_set,
        facts=facts,
        answers=answers,
    )
    return LevelDecision(level, basis, reason)


def decide_level(
    facts: Mapping[str, object], answers: Mapping[str, object], composite: int, rule_set: RuleSet
) -> LevelDecision:
    """``facts`` must hold the domain ratings and the composite."""
    memo = _level_memo(rule_set)
    key = memo.key(facts, answers)
    known = memo.store.get(key)
    if known is None:
        known = decide_level_fresh(facts, answers, composite, rule_set)
        memo.remember(key, known)
    return known


def place(
    facts: dict[str, object], answers: Mapping[str, object], composite: int, rule_set: RuleSet
) -> Placement:
    """Decide level, crisis, urgency and flags; ``facts`` must already hold domain ratings.

    Adds ``composite`` and ``level`` to ``facts`` for the urgency and flag rules.
    """
    facts["composite"] = composite
    decision = decide_level(facts, answers, composite, rule_set)
    facts["level"] = decision.level
    crisis = rule_set.compiled_crisis[0][1](facts)
    urgency_index = first_match(rule_set.compiled_urgency, facts)
    urgency = (
        rule_set.urgency_otherwise
        if urgency_index is None
        else str(rule_set.compiled_urgency[urgency_index][0])
    )
    flags = [str(flag) for flag, holds, _ in rule_set.compiled_flags if holds(facts)]
    return Placement(decision.level, decision.basis, decision.reason, crisis, urgency, flags)
