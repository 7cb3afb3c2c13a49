"""Memoizing pure steps of scoring.

A domain rating, or the level decision, is a pure function of a few facts and raw answers:
the ones its rules read and the ones its staff reason quotes. ``Memo`` keys stored outcomes
on exactly those values, so a hit returns what a fresh evaluation would. Memos live on the
``RuleSet`` they were built from and are bounded in size.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Generic, TypeVar

CACHE_LIMIT: Final = 20_000
"""Most outcomes kept per memo; beyond it outcomes are computed but not stored."""

Outcome = TypeVar("Outcome")
Key = tuple[tuple[object, ...], tuple[object, ...]]


@dataclass(frozen=True, slots=True)
class Memo(Generic[Outcome]):
    fact_names: tuple[str, ...]
    """Every fact the step reads."""
    answer_codes: tuple[str, ...]
    """Every raw answer the step quotes."""
    store: dict[Key, Outcome] = field(default_factory=dict)

    def key(self, facts: Mapping[str, object], answers: Mapping[str, object]) -> Key:
        return (
            tuple(map(facts.__getitem__, self.fact_names)),
            tuple(map(answers.get, self.answer_codes)),
        )

    def remember(self, key: Key, outcome: Outcome) -> None:
        if len(self.store) < CACHE_LIMIT:
            self.store[key] = outcome
