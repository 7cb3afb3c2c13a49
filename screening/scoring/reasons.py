"""Staff-facing reasons: why each domain got its rating, and what decided the level.

A domain reason reads ``"<domain> <rating>: <the answers and scores that set it>"``, e.g.
``"symptoms 4: PHQ-9 total 17, moderately severe"``. When no rule held, it says so and lists
the answers that were looked at. Answer wording comes from ``questions``.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Final

from .items import ASQ_CODES, DECLINED
from .questions import QUESTIONS_BY_CODE, answer_label
from .rules import Clause
from .ruleset import DomainRules, RuleSet

Facts = Mapping[str, object]
Describer = Callable[[Facts, Mapping[str, object]], str]


def _words(code: object) -> str:
    return str(code).replace("_", " ")


_ASQ_WORDS: Final = {
    "negative": "negative",
    "non_acute_positive": "non-acute positive",
    "acute_positive": "acute positive",
}


def _asq(facts: Facts, answers: Mapping[str, object]) -> str:
    text = f"ASQ {_ASQ_WORDS[str(facts['asq_result'])]}"
    declined = [code for code in ASQ_CODES if answers.get(code) == DECLINED]
    if declined:
        text += f" ({', '.join(declined)} declined, counted as yes)"
    return text


def _pcptsd5(facts: Facts, answers: Mapping[str, object]) -> str:
    if answers.get("pcptsd_trauma") is False:
        return "PC-PTSD-5 score 0 (no traumatic event reported)"
    return f"PC-PTSD-5 score {facts['pcptsd5_score']} of 5"


def _total(name: str, label: str) -> Describer:
    total, band = f"{name}_total", f"{name}_band"
    return lambda facts, answers: f"{label} total {facts[total]}, {_words(facts[band])}"


# fact -> (describer, facts it reads, raw answers it reads)
_DERIVED: Final[dict[str, tuple[Describer, tuple[str, ...], tuple[str, ...]]]] = {
    "phq9_total": (_total("phq9", "PHQ-9"), ("phq9_total", "phq9_band"), ()),
    "gad7_total": (_total("gad7", "GAD-7"), ("gad7_total", "gad7_band"), ()),
    "auditc_total": (_total("auditc", "AUDIT-C"), ("auditc_total", "auditc_band"), ()),
    "asq_result": (_asq, ("asq_result",), ASQ_CODES),
    "asq_positive": (_asq, ("asq_result",), ASQ_CODES),
    "pcptsd5_score": (_pcptsd5, ("pcptsd5_score",), ("pcptsd_trauma",)),
    "pcptsd5_positive": (_pcptsd5, ("pcptsd5_score",), ("pcptsd_trauma",)),
}


def describer_inputs(fact: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(facts, raw answer codes)`` that ``describe_fact(fact, ...)`` reads."""
    derived = _DERIVED.get(fact)
    if derived is not None:
        return derived[1], derived[2]
    if fact in QUESTIONS_BY_CODE:
        return (), (fact,)
    return (fact,), ()


def reason_inputs(named: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(facts, raw answer codes)`` that describing all of ``named`` reads, plus ``named``."""
    facts: dict[str, None] = {}
    codes: dict[str, None] = {}
    for fact in named:
        facts[fact] = None
        read_facts, read_codes = describer_inputs(fact)
        facts.update(dict.fromkeys(read_facts))
        codes.update(dict.fromkeys(read_codes))
    return tuple(facts), tuple(codes)


def describe_fact(fact: str, facts: Facts, answers: Mapping[str, object]) -> str:
    """One fact in staff words, with the applicant's answer where it is an answer."""
    derived = _DERIVED.get(fact)
    if derived is not None:
        return derived[0](facts, answers)
    question = QUESTIONS_BY_CODE.get(fact)
    if question is None:
        return f"{fact} {facts[fact]}"
    value = answers.get(fact)
    if value is None:
        return f"{question.short}: not asked"
    if type(value) is int and question.kind == "number":
        return f"{question.short}: {value}"
    text = f'{question.short}: "{answer_label(fact, value)}"'
    if value == DECLINED:
        text += " (counted as yes)"
    return text


def _describe_grounds(
    grounds: tuple[Clause, ...], facts: Facts, answers: Mapping[str, object]
) -> str:
    named = dict.fromkeys(test.fact for clause in grounds for test in clause)
    return "; ".join(describe_fact(fact, facts, answers) for fact in named)


def domain_reason(
    domain: DomainRules,
    rating: int,
    grounds: tuple[Clause, ...],
    facts: Facts,
    answers: Mapping[str, object],
) -> str:
    if grounds:
        return f"{domain.domain} {rating}: {_describe_grounds(grounds, facts, answers)}"
    looked_at = "; ".join(describe_fact(fact, facts, answers) for fact in domain.summary)
    return f"{domain.domain} {rating}: no higher rating applies ({looked_at})"


def level_reason(
    *,
    level: str,
    basis: str,
    floor_rule: int,
    floor_level: str,
    floor_grounds: tuple[Clause, ...],
    composite: int,
    composite_level: str,
    rule_set: RuleSet,
    facts: Facts,
    answers: Mapping[str, object],
) -> str:
    """Which placement decided the level, which floor rule applied and why, and the band."""
    if floor_grounds:
        why = _describe_grounds(floor_grounds, facts, answers)
    else:
        why = f"none of floor rules 1–{len(rule_set.floor)} applies"
    floor = f"floor rule {floor_rule} ({why}), which sets {floor_level}"
    span = rule_set.composite_bands.span(composite_level)
    band = f"composite {composite} is in the {composite_level} band ({span})"
    if basis == "floor":
        return f"level {level}: decided by {floor}; {band}"
    return f"level {level}: decided by the composite band: {band}, above {floor}"
