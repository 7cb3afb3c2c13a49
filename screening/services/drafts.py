"""Drafts: a screening saved page by page, so a closed browser or another device can go on."""

from collections.abc import Mapping
from datetime import date, timedelta

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from ..answers import age_on, crisis_answer, merge_answers
from ..models import Screening

EDITABLE_FIELDS = frozenset(
    Screening.CONTACT_FIELDS
    + Screening.CONSENT_FIELDS
    + Screening.SOURCE_FIELDS
    + Screening.GUARDIAN_FIELDS
)
DRAFT_RETENTION = timedelta(days=30)


class ScreeningClosed(Exception):
    """The screening was submitted already; a draft change is refused."""


def with_age(answers: Mapping[str, object], date_of_birth: date | None) -> dict[str, object]:
    """The answers with ``age`` worked out from the date of birth as of today."""
    result = dict(answers)
    if date_of_birth is not None:
        result["age"] = age_on(date_of_birth, timezone.localdate())
    return result


def screening_create() -> Screening:
    return Screening.objects.create()


def _locked_draft(screening: Screening) -> Screening:
    row = Screening.objects.select_for_update().get(pk=screening.pk)
    if row.status != Screening.Status.DRAFT:
        raise ScreeningClosed(f"screening {row.pk} is {row.status}")
    return row


def screening_save_step(
    *,
    screening: Screening,
    answers: Mapping[str, object] | None = None,
    fields: Mapping[str, object] | None = None,
    current_step: str | None = None,
) -> Screening:
    """Save one page: contact or consent ``fields``, and/or answer codes (``None`` removes a
    code). Conditional answers whose condition no longer holds are dropped. ``current_step``
    records where the person should resume."""
    unknown = set(fields or {}) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not a draft field: {sorted(unknown)}")
    with transaction.atomic():
        row = _locked_draft(screening)
        for name, value in (fields or {}).items():
            setattr(row, name, value)
        row.answers = with_age(merge_answers(row.answers, answers or {}), row.date_of_birth)
        if current_step is not None:
            row.current_step = current_step
        row.save()
    return row


def screening_mark_crisis(*, screening: Screening) -> Screening:
    """Record the moment acute risk was first endorsed (kept if already set). Runs inside the
    caller's transaction, which also opens the emergent referral."""
    with transaction.atomic():
        row = _locked_draft(screening)
        row.answers = with_age(row.answers, row.date_of_birth)
        if row.crisis_at is None:
            row.crisis_at = timezone.now()
            row.crisis_answer = crisis_answer(row.answers)
        row.save(update_fields=["answers", "crisis_at", "crisis_answer", "updated_at"])
    return row


def screening_discard(*, screening: Screening) -> bool:
    """Delete a draft (e.g. the person is too young for this service). A draft already tied to
    a referral (a crisis) is kept for staff; returns whether it was deleted."""
    try:
        with transaction.atomic():
            deleted, _ = Screening.objects.filter(
                pk=screening.pk, status=Screening.Status.DRAFT
            ).delete()
    except ProtectedError:
        return False
    return bool(deleted)
