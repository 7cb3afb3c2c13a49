"""The referrals a range is about, and how far each one got. Shared by the funnel, the
conversion tables and the level mix."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from ... import pipeline
from ...models import Assessment, Referral
from .tables import DateRange


def cohort(period: DateRange) -> QuerySet:
    """Referrals opened (``created_at``) in the range, with ``attended``: whether any
    assessment of theirs was attended."""
    attended = Assessment.objects.filter(referral=OuterRef("pk"), status=Assessment.Status.ATTENDED)
    return Referral.objects.filter(
        created_at__gte=period.lower, created_at__lt=period.upper
    ).annotate(attended=Exists(attended))


# Each step counts those who got at least that far (so no step is larger than the one
# before it): admitted; assessed = attended an assessment, or admitted; reached = reached
# by staff, or assessed.
ADMITTED = Q(status=pipeline.ADMITTED)
ASSESSED = Q(attended=True) | ADMITTED
REACHED = Q(reached_at__isnull=False) | ASSESSED
