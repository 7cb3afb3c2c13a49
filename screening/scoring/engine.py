"""Scoring: answers in, ``ScreeningResult`` out. The one implementation of the rule engine."""

from collections.abc import Mapping
from typing import Final

from .domains import rate_domains
from .instruments import add_instrument_facts, answer_facts
from .iop_loc_2026_1 import IOP_LOC_2026_1
from .placement import place
from .result import ScreeningResult
from .ruleset import RuleSet
from .validation import validate_answers

DEFAULT_RULE_SET: Final = IOP_LOC_2026_1
RULE_SET_VERSION: Final = DEFAULT_RULE_SET.version
RULE_SETS: Final[dict[str, RuleSet]] = {IOP_LOC_2026_1.version: IOP_LOC_2026_1}
"""Every published rule set by version, for re-scoring under the version a result recorded."""


def rule_set_for(version: str) -> RuleSet:
    """The published rule set with this version; ``KeyError`` if there is none."""
    return RULE_SETS[version]


def score_answers(
    answers: Mapping[str, object], rule_set: RuleSet = DEFAULT_RULE_SET
) -> ScreeningResult:
    """Validate ``answers`` and score them; raises ``AnswerValidationError``."""
    return score_cleaned_answers(validate_answers(answers), rule_set)


def score_cleaned_answers(
    answers: dict[str, object], rule_set: RuleSet = DEFAULT_RULE_SET
) -> ScreeningResult:
    """Score answers already returned by ``validate_answers`` (no validation is repeated)."""
    facts = answer_facts(answers)
    instruments = add_instrument_facts(
        facts,
        phq9_bands=rule_set.phq9_bands,
        gad7_bands=rule_set.gad7_bands,
        auditc_bands=rule_set.auditc_bands,
        pcptsd5_positive_from=rule_set.pcptsd5_positive_from,
    )
    ratings, reasons = rate_domains(facts, answers, rule_set)
    composite = sum(ratings.values())
    placement = place(facts, answers, composite, rule_set)
    reasons.append(placement.level_reason)
    return ScreeningResult(
        rule_set=rule_set.version,
        level=placement.level,
        crisis=placement.crisis,
        urgency=placement.urgency,
        composite=composite,
        domains=ratings,
        instruments=instruments,
        flags=placement.flags,
        reasons=reasons,
        level_basis=placement.level_basis,
    )
