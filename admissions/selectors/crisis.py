"""Reads for the crisis pathway: the banner every staff page carries while a crisis episode
is open (one query), and a referral's episodes with their alerts for its review page."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from .. import roles
from ..models import CrisisEpisode, FollowUp, OverrideRequest

BANNER_LIMIT = 5


@dataclass(frozen=True)
class BannerEntry:
    episode_id: int
    referral_id: int
    opened_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str

    @property
    def minutes_open(self) -> int:
        return max(0, int((timezone.now() - self.opened_at).total_seconds() // 60))


@dataclass(frozen=True)
class CrisisBanner:
    entries: list[BannerEntry] = field(default_factory=list)
    more: bool = False

    def __bool__(self) -> bool:
        return bool(self.entries)

    @property
    def unacknowledged(self) -> int:
        return sum(1 for entry in self.entries if entry.acknowledged_at is None)


def crisis_banner(user) -> CrisisBanner:
    """Open crisis episodes, oldest first, for staff who may see referrals; else empty."""
    if not (user.is_authenticated and user.has_perm(roles.VIEW_REFERRAL)):
        return CrisisBanner()
    rows = list(
        CrisisEpisode.objects.filter(closed_at__isnull=True)
        .order_by("opened_at", "pk")
        .values_list(
            "pk",
            "referral_id",
            "opened_at",
            "acknowledged_at",
            "acknowledged_by__first_name",
            "acknowledged_by__last_name",
            "acknowledged_by__username",
        )[: BANNER_LIMIT + 1]
    )
    entries = [
        BannerEntry(pk, referral_id, opened, acked, f"{first} {last}".strip() or (username or ""))
        for pk, referral_id, opened, acked, first, last, username in rows[:BANNER_LIMIT]
    ]
    return CrisisBanner(entries, more=len(rows) > BANNER_LIMIT)


def crisis_prefetches() -> list[Prefetch]:
    """What the review page's crisis section and co-sign box read, for
    ``referral_detail_queryset`` (three queries, however many alerts)."""
    return [
        Prefetch(
            "crisis_episodes",
            queryset=CrisisEpisode.objects.select_related(
                "acknowledged_by", "closed_by"
            ).prefetch_related(
                Prefetch(
                    "alerts",
                    queryset=FollowUp.objects.select_related("recipient_user").order_by(
                        "alert_round", "kind", "id"
                    ),
                )
            ),
        ),
        Prefetch(
            "override_requests",
            queryset=OverrideRequest.objects.select_related("requested_by", "decided_by"),
        ),
    ]


def pending_override_request(referral) -> OverrideRequest | None:
    """The lowered crisis level waiting for co-sign (uses the prefetched requests)."""
    return next(
        (r for r in referral.override_requests.all() if r.status == OverrideRequest.Status.PENDING),
        None,
    )
