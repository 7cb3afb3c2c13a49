"""Purging stale drafts: unfinished screenings nobody touched for a while are deleted, except
the ones a crisis linked to a referral — staff are working those. Admissions owns this rule
because only admissions knows which drafts a referral holds."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from screening.models import Screening
from screening.services import DRAFT_RETENTION


def screening_purge_drafts(*, older_than: timedelta = DRAFT_RETENTION, dry_run: bool = False):
    """Delete drafts untouched for ``older_than``. Drafts that raised a crisis and are linked to
    a referral are kept: staff are working them. Returns ``(deleted, kept_for_referral)``."""
    cutoff = timezone.now() - older_than
    stale = Screening.objects.filter(status=Screening.Status.DRAFT, updated_at__lt=cutoff)
    kept = stale.filter(referral_link__isnull=False)
    doomed = stale.filter(referral_link__isnull=True)
    kept_count = kept.count()
    if dry_run:
        return doomed.count(), kept_count
    with transaction.atomic():
        ids = list(doomed.values_list("pk", flat=True))
        deleted = 0
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            Screening.objects.filter(pk__in=batch).delete()
            deleted += len(batch)
    return deleted, kept_count
