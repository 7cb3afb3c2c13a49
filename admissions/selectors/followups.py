"""Follow-ups as staff pages show them: a referral's messages, and the outbox of sends
that failed or are late. Ids, kinds and states only: addresses are never listed. Also the due
rows the dispatcher wakes."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from ..models import FollowUp

OUTBOX_LIMIT = 100


def _listed(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("referral", "recipient_user").only(
        "id",
        "kind",
        "channel",
        "status",
        "attempts",
        "scheduled_for",
        "claimed_at",
        "sent_at",
        "last_error",
        "created_at",
        "screening_id",
        "recipient_user_id",
        "recipient_user__username",
        "recipient_user__first_name",
        "recipient_user__last_name",
        "referral__id",
        "referral__status",
        "referral__crisis",
    )


def failed_followups() -> QuerySet:
    return _listed(FollowUp.objects.filter(status=FollowUp.Status.FAILED)).order_by(
        "-scheduled_for", "-pk"
    )


def overdue_filter(now: datetime) -> Q:
    """Pending well past due (no worker is taking it), or stuck in sending past the lease."""
    late = now - timedelta(minutes=settings.FOLLOWUP_OVERDUE_MINUTES)
    stuck = now - timedelta(seconds=settings.FOLLOWUP_SENDING_LEASE_SECONDS)
    return Q(status=FollowUp.Status.PENDING, scheduled_for__lt=late) | Q(
        status=FollowUp.Status.SENDING, claimed_at__lt=stuck
    )


def overdue_followups(now: datetime) -> QuerySet:
    return _listed(FollowUp.objects.filter(overdue_filter(now))).order_by("scheduled_for", "pk")


@dataclass(frozen=True)
class OutboxHealth:
    failed: int
    overdue: int
    pending_due: int
    sent_last_day: int
    oldest_due: datetime | None


def outbox_health(now: datetime | None = None) -> OutboxHealth:
    """The numbers operations watches (docs/operations.md), in one query per number."""
    now = now or timezone.now()
    due = FollowUp.objects.filter(status=FollowUp.Status.PENDING, scheduled_for__lte=now)
    oldest = due.order_by("scheduled_for").values_list("scheduled_for", flat=True).first()
    return OutboxHealth(
        failed=FollowUp.objects.filter(status=FollowUp.Status.FAILED).count(),
        overdue=FollowUp.objects.filter(overdue_filter(now)).count(),
        pending_due=due.count(),
        sent_last_day=FollowUp.objects.filter(
            status=FollowUp.Status.SENT, sent_at__gte=now - timedelta(days=1)
        ).count(),
        oldest_due=oldest,
    )


def outbox_page(now: datetime | None = None) -> dict:
    now = now or timezone.now()
    failed = failed_followups()
    overdue = overdue_followups(now)
    return {
        "now": now,
        "health": outbox_health(now),
        "failed": list(failed[:OUTBOX_LIMIT]),
        "overdue": list(overdue[:OUTBOX_LIMIT]),
        "limit": OUTBOX_LIMIT,
    }


def due_followups(*, now: datetime):
    """Pending rows that are due and not woken recently, crisis alerts first."""
    rewake_before = now - timedelta(seconds=settings.FOLLOWUP_REWAKE_AFTER_SECONDS)
    return (
        FollowUp.objects.filter(status=FollowUp.Status.PENDING, scheduled_for__lte=now)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=rewake_before))
        .annotate(
            crisis_first=Case(
                When(
                    kind__in=(FollowUp.Kind.CRISIS_ALERT, FollowUp.Kind.CRISIS_ESCALATION),
                    then=Value(0),
                ),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("crisis_first", "scheduled_for", "pk")
    )
