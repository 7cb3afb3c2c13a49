"""Rule set ``iop-loc-2026.1``: screening answers to a recommended level of care.

Pure Python, no Django. The web screener, the ``score_screening`` command and any API all
score through ``score_answers``.
"""

from .engine import (
    DEFAULT_RULE_SET,
    RULE_SET_VERSION,
    RULE_SETS,
    rule_set_for,
    score_answers,
    score_cleaned_answers,
)
from .examples import all_clear_answers
from .items import ITEM_CODES, ITEMS, ITEMS_BY_CODE, Item
from .questions import GROUPS, QUESTIONS_BY_CODE, Question, QuestionGroup, answer_label
from .result import ScreeningResult
from .ruleset import DomainRules, RuleSet
from .validation import AnswerValidationError, check_answers, is_asked, validate_answers
from .vocabulary import DOMAINS, FIRST_CONTACT_HOURS, LEVELS, URGENCIES

__all__ = [
    "DEFAULT_RULE_SET",
    "DOMAINS",
    "FIRST_CONTACT_HOURS",
    "GROUPS",
    "ITEMS",
    "ITEMS_BY_CODE",
    "ITEM_CODES",
    "LEVELS",
    "QUESTIONS_BY_CODE",
    "RULE_SETS",
    "RULE_SET_VERSION",
    "URGENCIES",
    "AnswerValidationError",
    "DomainRules",
    "Item",
    "Question",
    "QuestionGroup",
    "RuleSet",
    "ScreeningResult",
    "all_clear_answers",
    "answer_label",
    "check_answers",
    "is_asked",
    "rule_set_for",
    "score_answers",
    "score_cleaned_answers",
    "validate_answers",
]
