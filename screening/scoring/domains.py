"""Rating the seven domains: each takes the highest rating whose condition holds.

A domain's rating and its staff reason are memoized per rule set (see ``memo``).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from .memo import Memo
from .reasons import domain_reason, reason_inputs
from .rules import Clause, CompiledRule, holding_clauses
from .ruleset import DomainRules, RuleSet


@dataclass(frozen=True, slots=True)
class DomainPlan:
    domain: DomainRules
    rules: tuple[CompiledRule, ...]
    memo: Memo[tuple[int, str]]


def _plan(domain: DomainRules, rules: tuple[CompiledRule, ...]) -> DomainPlan:
    read = [test.fact for _, _, clauses in rules for _, clause in clauses for test in clause]
    return DomainPlan(domain, rules, Memo(*reason_inputs((*read, *domain.summary))))


def domain_plans(rule_set: RuleSet) -> tuple[DomainPlan, ...]:
    plans = rule_set.memo.get("domain_plans")
    if plans is None:
        plans = tuple(
            _plan(domain, rules)
            for domain, rules in zip(rule_set.domains, rule_set.compiled_domains, strict=True)
        )
        rule_set.memo["domain_plans"] = plans
    return plans  # type: ignore[return-value]


def rate_domain(
    plan: DomainPlan, facts: Mapping[str, object], answers: Mapping[str, object]
) -> tuple[int, str]:
    """The domain's rating and its staff reason, worked out from the rules (no memo)."""
    rating = plan.domain.otherwise
    grounds: tuple[Clause, ...] = ()
    for outcome, holds, clauses in plan.rules:
        if holds(facts):
            rating = int(outcome)
            grounds = holding_clauses(clauses, facts)
            break
    return rating, domain_reason(plan.domain, rating, grounds, facts, answers)


def rate_domains(
    facts: dict[str, object], answers: Mapping[str, object], rule_set: RuleSet
) -> tuple[dict[str, int], list[str]]:
    """Rate every domain into ``facts`` (so later rules can read the ratings).

    Returns the ratings and the staff reasons, both in domain order.
    """
    ratings: dict[str, int] = {}
    reasons: list[str] = []
    for plan in domain_plans(rule_set):
        memo = plan.memo
        key = memo.key(facts, answers)
        known = memo.store.get(key)
        if known is None:
            known = rate_domain(plan, facts, answers)
            memo.remember(key, known)
        rating, reason = known
        name = plan.domain.domain
        facts[name] = rating
        ratings[name] = rating
        reasons.append(reason)
    return ratings, reasons
