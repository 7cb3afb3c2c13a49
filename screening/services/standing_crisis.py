"""A crisis stands (spec 10.3): once a screening has had a crisis, its recommendation records
it whatever the final answers say.

The stored recommendation then says crisis, ``emergent``, ``inpatient``, flag ``crisis``, with
a reason naming the moment and the answer; the domains, instruments and composite are those
of the final answers, and the reasons keep what those answers alone would have given."""

from django.utils import formats, timezone

from ..models import Screening
from ..scoring import ScreeningResult, answer_label
from ..scoring.questions import QUESTIONS_BY_CODE

CRISIS_FLAGS = frozenset({"crisis", "safety_assessment"})


def crisis_moment_reason(screening: Screening) -> str:
    """ "crisis: at the safety step on <when>, "<question>" was answered "<answer>"..."""
    when = formats.date_format(timezone.localtime(screening.crisis_at), "M j, Y, H:i T")
    code, _, raw = screening.crisis_answer.partition(":")
    if code not in QUESTIONS_BY_CODE:
        return f"crisis: acute risk endorsed at the safety step on {when}; the crisis stands"
    value = True if raw == "true" else raw
    return (
        f'crisis: at the safety step on {when}, "{QUESTIONS_BY_CODE[code].text}" was '
        f'answered "{answer_label(code, value)}"; the crisis stands whatever the later answers'
    )


def _level_reason(result: ScreeningResult) -> str:
    scored = next((r for r in result.reasons if r.startswith("level ")), "")
    alone = scored.split(": ", 1)[1] if ": " in scored else scored
    return (
        "level inpatient: set by the crisis at the safety step, which stands; the final "
        f"answers alone give {result.level}, {result.urgency} ({alone})"
    )


def scored_fields(result: ScreeningResult) -> dict[str, object]:
    """The recommendation's fields exactly as ``result`` scored them."""
    return {
        "rule_set": result.rule_set,
        "level": result.level,
        "level_basis": result.level_basis,
        "urgency": result.urgency,
        "crisis": result.crisis,
        "composite": result.composite,
        "domains": result.domains,
        "instruments": result.instruments,
        "flags": result.flags,
        "reasons": result.reasons,
    }


def recommendation_fields(screening: Screening, result: ScreeningResult) -> dict[str, object]:
    """What the recommendation stores for ``result``, with a crisis that stands laid over it."""
    fields = scored_fields(result)
    if screening.crisis_at is None:
        return fields
    reasons = list(result.reasons)
    if not result.crisis:
        reasons = [_level_reason(result) if r.startswith("level ") else r for r in reasons]
        fields.update(level="inpatient", level_basis="crisis", urgency="emergent", crisis=True)
    reasons.append(crisis_moment_reason(screening))
    fields.update(flags=sorted(set(result.flags) | CRISIS_FLAGS), reasons=reasons)
    return fields
