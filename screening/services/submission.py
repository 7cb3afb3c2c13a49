"""Submitting a screening: score it once, store the recommendation, close the draft. A
crisis the screening had on the way stands in the recommendation (``standing_crisis``)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.inserts import insert_if_updated

from .. import selectors
from ..models import Recommendation, Screening
from ..scoring import (
    AnswerValidationError,
    ScreeningResult,
    score_cleaned_answers,
    validate_answers,
)
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
    missing or invalid.

    The usual case submits the caller's copy without reading the row again. Only when that
    copy is out of date (another tab saved a page or submitted meanwhile), or its answers are
    refused, is the row locked, read and decided on as stored."""
    # No savepoint of its own: a failure here fails the caller's whole transaction anyway.
    with transaction.atomic(savepoint=False):
        if screening.status != Screening.Status.SUBMITTED:
            try:
                submitted = _submit_if_unchanged(screening)
            except AnswerValidationError:
                submitted = None  # decided on the row itself, under its lock
            if submitted is not None:
                return submitted
        row = Screening.objects.select_for_update().get(pk=screening.pk)
        if row.status == Screening.Status.SUBMITTED:
            return Submission(Recommendation.objects.get(screening=row), None)
        submitted = _submit_if_unchanged(row)  # locked and just read: it is unchanged
    for field in Screening._meta.concrete_fields:  # the caller's copy, as stored (no re-read)
        setattr(screening, field.attname, getattr(row, field.attname))
    return submitted


def _submit_if_unchanged(screening: Screening) -> Submission | None:
    """Score ``screening`` as given and submit it with one UPDATE that holds only while the
    row is still exactly that copy (its ``updated_at``) and not submitted; ``None`` when it
    no longer is. Raises ``AnswerValidationError`` before writing anything."""
    answers = validate_answers(with_age(screening.answers, screening.date_of_birth))
    result = score_cleaned_answers(answers, selectors.active_rule_set())
    now = timezone.now()
    changes = {
        "answers": answers,
        "status": Screening.Status.SUBMITTED,
        "submitted_at": now,
        "current_step": "",
        "updated_at": now,
    }
    unchanged = Screening.objects.filter(pk=screening.pk, updated_at=screening.updated_at).exclude(
        status=Screening.Status.SUBMITTED
    )
    recommendation = Recommendation(screening=screening, **recommendation_fields(screening, result))
    # The claim and the recommendation it lets in: one statement on PostgreSQL.
    if not insert_if_updated(unchanged, changes, recommendation):
        return None
    for name, value in changes.items():  # the copy, as stored
        setattr(screening, name, value)
    return Submission(recommendation, result)
