"""Reads for the crisis pathway: the banner every staff page carries while a crisis episode
is open (one query), and a referral's episodes with their alerts for its review page."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F, Prefetch
from django.utils import timezone

from core import roles
from core.compiled import compiled, fetch
from core.roles import has_permission

from ..models import CrisisEpisode, FollowUp, OverrideRequest

BANNER_LIMIT = 5
BANNER_SCAN = 50  # open episodes read for the banner (several may share a referral)


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


_open_episodes = compiled(
    lambda: (
        CrisisEpisode.objects.filter(closed_at__isnull=True)
        .order_by(F("acknowledged_at").asc(nulls_first=True), "opened_at", "pk")
        .values_list(
            "pk",
            "referral_id",
            "opened_at",
            "acknowledged_at",
            "acknowledged_by__first_name",
            "acknowledged_by__last_name",
            "acknowledged_by__username",
        )[:BANNER_SCAN]
    )
)
"""On every staff page: its SQL is compiled once per process."""


def crisis_banner(user) -> CrisisBanner:
    """Referrals with an open crisis episode, oldest first (one line each, for its oldest
    unacknowledged episode if any), for staff who may see referrals; else empty."""
    if not has_permission(user, roles.VIEW_REFERRAL):
        return CrisisBanner()
    by_referral: dict[int, BannerEntry] = {}
    for pk, referral_id, opened, acked, first, last, username in fetch(_open_episodes):
        name = f"{first or ''} {last or ''}".strip() or (username or "")
        entry = BannerEntry(pk, referral_id, opened, acked, name)
        by_referral.setdefault(referral_id, entry)
    entries = sorted(
        by_referral.values(), key=lambda e: (e.acknowledged_at is not None, e.opened_at)
    )
    return CrisisBanner(entries[:BANNER_LIMIT], more=len(entries) > BANNER_LIMIT)


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
