"""Submitting a screening: score it once, store the recommendation, close the draft. A
crisis the screening had on the way stands in the recommendation (``standing_crisis``)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .. import selectors
from ..models import Recommendation, Screening
from ..scoring import ScreeningResult, score_cleaned_answers, validate_answers
from .drafts import with_age
from .standing_crisis import recommendation_fields


@dataclass(frozen=True)
class Submission:
    recommendation: Recommendation
    result: ScreeningResult | None
    """The fresh scoring; ``None`` when the screening had been submitted already."""

    @property
    def created(self) -> bool:
        return self.result is not None


def screening_submit(*, screening: Screening) -> Submission:
    """Validate and score the draft's answers with the active rule set, store the
    recommendation and mark the screening submitted. Idempotent: a second call returns the
    stored recommendation. Raises ``AnswerValidationError`` (nothing stored) when an answer is
    missing or invalid."""
    # No savepoint of its own: a failure here fails the caller's whole transaction anyway.
    with transaction.atomic(savepoint=False):
        row = Screening.objects.select_for_update().get(pk=screening.pk)
        if row.status == Screening.Status.SUBMITTED:
            return Submission(Recommendation.objects.get(screening=row), None)
        answers = validate_answers(with_age(row.answers, row.date_of_birth))
        result = score_cleaned_answers(answers, selectors.active_rule_set())
        recommendation = Recommendation.objects.create(
            screening=row, **recommendation_fields(row, result)
        )
        row.answers = answers
        row.status = Screening.Status.SUBMITTED
        row.submitted_at = timezone.now()
        row.current_step = ""
        row.save()
    for field in Screening._meta.concrete_fields:  # the caller's copy, as stored (no re-read)
        setattr(screening, field.attname, getattr(row, field.attname))
    return Submission(recommendation, result)
