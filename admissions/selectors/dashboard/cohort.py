"""The referrals a range is about, and how far each one got, counted in one query grouped by
source, insurance status and level: the funnel, the conversion tables and the level mix
are all sums of these groups."""

from django.db.models import Count, Q

from ... import pipeline
from ...models import Assessment, Referral
from .tables import DateRange

GROUP_BY = ("source", "insurance_status", "level", "override_level")
STEPS = ("screened", "reached", "assessed", "admitted")


def cohort(period: DateRange):
    """Referrals opened (``created_at``) in the range."""
    return Referral.objects.filter(created_at__gte=period.lower, created_at__lt=period.upper)


def cohort_groups(period: DateRange) -> list[dict]:
    """``[{source, insurance_status, level, override_level, screened, reached, assessed,
    admitted}, ...]``. Each step counts those who got at least that far (so no step is
    larger than the one before it): admitted; assessed = attended an assessment, or
    admitted; reached = reached by staff, or assessed. "Attended" is one uncorrelated
    subquery (an assessment of a cohort referral starts after the range begins), which
    PostgreSQL hashes once rather than probing per row."""
    attended = Q(
        pk__in=Assessment.objects.filter(
            status=Assessment.Status.ATTENDED, starts_at__gte=period.lower
        ).values("referral_id")
    )
    admitted = Q(status=pipeline.ADMITTED)
    assessed = attended | admitted
    reached = Q(reached_at__isnull=False) | assessed
    return list(
        cohort(period)
        .order_by()
        .values(*GROUP_BY)
        .annotate(
            screened=Count("pk"),
            reached=Count("pk", filter=reached),
            assessed=Count("pk", filter=assessed),
            admitted=Count("pk", filter=admitted),
        )
    )
