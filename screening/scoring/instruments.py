"""Instrument scores: PHQ-9, GAD-7, ASQ, PC-PTSD-5 and AUDIT-C, and the facts the rules read.

``answer_facts`` turns cleaned answers into the fact table: skipped conditional items take
their skipped value (``false`` or 0) and every ASQ answer of ``"declined"`` becomes ``True``.
``add_instrument_facts`` adds the instrument scores to that table and returns the
instruments block of the result.
"""

from typing import Final

from .items import (
    ASQ_CODES,
    ASQ_SCREEN_CODES,
    AUDITC_CODES,
    GAD7_CODES,
    PCPTSD_CODES,
    PHQ9_CODES,
    SKIPPED_VALUES,
)
from .rules import Bands

INSTRUMENT_FACTS: Final = (
    "phq9_total",
    "phq9_band",
    "gad7_total",
    "gad7_band",
    "asq_positive",
    "asq_result",
    "pcptsd5_score",
    "pcptsd5_positive",
    "auditc_total",
    "auditc_band",
)


def answer_facts(answers: dict[str, object]) -> dict[str, object]:
    """The fact table for cleaned answers (a new dict; ``answers`` is not changed)."""
    facts = dict(SKIPPED_VALUES)
    facts.update(answers)
    for code in ASQ_CODES:
        facts[code] = facts[code] is not False
    return facts


def add_instrument_facts(
    facts: dict[str, object],
    *,
    phq9_bands: Bands,
    gad7_bands: Bands,
    auditc_bands: Bands,
    pcptsd5_positive_from: int,
) -> dict[str, dict[str, object]]:
    """Score the instruments into ``facts`` and return the result's ``instruments`` block."""
    get = facts.__getitem__
    phq9_total: int = sum(map(get, PHQ9_CODES))  # type: ignore[arg-type]
    gad7_total: int = sum(map(get, GAD7_CODES))  # type: ignore[arg-type]
    auditc_total: int = sum(map(get, AUDITC_CODES))  # type: ignore[arg-type]
    pcptsd5_score: int = sum(map(get, PCPTSD_CODES))  # type: ignore[arg-type]
    asq_positive = any(map(get, ASQ_SCREEN_CODES))
    if not asq_positive:
        asq_result = "negative"
    elif facts["asq_5"]:
        asq_result = "acute_positive"
    else:
        asq_result = "non_acute_positive"
    phq9_band = phq9_bands.name_for(phq9_total)
    gad7_band = gad7_bands.name_for(gad7_total)
    auditc_band = auditc_bands.name_for(auditc_total)
    pcptsd5_positive = pcptsd5_score >= pcptsd5_positive_from
    facts["phq9_total"] = phq9_total
    facts["phq9_band"] = phq9_band
    facts["gad7_total"] = gad7_total
    facts["gad7_band"] = gad7_band
    facts["asq_positive"] = asq_positive
    facts["asq_result"] = asq_result
    facts["pcptsd5_score"] = pcptsd5_score
    facts["pcptsd5_positive"] = pcptsd5_positive
    facts["auditc_total"] = auditc_total
    facts["auditc_band"] = auditc_band
    return {
        "phq9": {"total": phq9_total, "band": phq9_band},
        "gad7": {"total": gad7_total, "band": gad7_band},
        "asq": {"result": asq_result},
        "pcptsd5": {"score": pcptsd5_score, "positive": pcptsd5_positive},
        "auditc": {"total": auditc_total, "band": auditc_band},
    }
