"""Reads of the screening app: resume tokens, and which rule set is active."""

import logging
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from .models import Recommendation, ReferralPartner, ResumeToken, RuleSetPublication, Screening
from .scoring import (
    DEFAULT_RULE_SET,
    RULE_SETS,
    RuleSet,
    ScreeningResult,
    all_clear_answers,
    score_cleaned_answers,
    validate_answers,
)
from .tokens import MAX_TOKEN_LENGTH, resume_token_hash

logger = logging.getLogger(__name__)

ACTIVE_RULE_SET_CACHE_KEY = "screening:active-rule-set-version"
ACTIVE_RULE_SET_CACHE_SECONDS = 30
"""Publishing deletes the key, so this only bounds how long another process without a shared
cache (or one that read just before the publish committed) can keep the previous version."""


def resume_token_lookup(*, raw_token: str) -> ResumeToken | None:
    """A token that would open a draft now, without using it up (for the confirm page)."""
    if not raw_token or len(raw_token) > MAX_TOKEN_LENGTH:
        return None
    return (
        ResumeToken.objects.filter(
            token_hash=resume_token_hash(raw_token),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            screening__status=Screening.Status.DRAFT,
        )
        .select_related("screening")
        .first()
    )


def published_rule_set_version() -> str | None:
    """The version of the latest publication, straight from the database (``None``: no
    version was ever published, so the default is active)."""
    return (
        RuleSetPublication.objects.order_by("-published_at", "-id")
        .values_list("version", flat=True)
        .first()
    )


def registered_rule_set(version: str | None) -> RuleSet:
    """The registered rule set for a published ``version``; the default when nothing was
    published. A published version missing from this release's registry (a code rollback)
    falls back to the default, loudly, rather than stop people submitting."""
    if version is None:
        return DEFAULT_RULE_SET
    rule_set = RULE_SETS.get(version)
    if rule_set is None:
        logger.error(
            "Published rule set %s is not registered in this release; scoring with %s",
            version,
            DEFAULT_RULE_SET.version,
        )
        return DEFAULT_RULE_SET
    return rule_set


def active_rule_set() -> RuleSet:
    """The rule set new screenings are scored with: the latest publication's version, or
    ``DEFAULT_RULE_SET``. The version is cached briefly; ``rule_set_publish`` clears it."""
    try:
        version = cache.get(ACTIVE_RULE_SET_CACHE_KEY)
    except Exception:  # a cache outage must not stop anyone submitting
        logger.warning("Cache unavailable; reading the active rule set from the database")
        return registered_rule_set(published_rule_set_version())
    if version is None:
        version = published_rule_set_version() or DEFAULT_RULE_SET.version
        try:
            cache.set(ACTIVE_RULE_SET_CACHE_KEY, version, ACTIVE_RULE_SET_CACHE_SECONDS)
        except Exception:
            logger.warning("Cache unavailable; the active rule set was not cached")
    return registered_rule_set(version)


@dataclass(frozen=True)
class RuleSetVersionRow:
    version: str
    active: bool
    default: bool
    registered: bool
    recommendations: int


@dataclass(frozen=True)
class RuleSetOverview:
    versions: list[RuleSetVersionRow]
    publications: list[RuleSetPublication]
    active_version: str
    """The version new screenings are scored with."""
    unregistered_published: str | None
    """The latest published version when this release does not have it (scoring falls back
    to the default); ``None`` normally."""

    @property
    def publishable(self) -> list[str]:
        """Registered versions that could be published now (all but the active one)."""
        return [row.version for row in self.versions if row.registered and not row.active]


def rule_set_overview() -> RuleSetOverview:
    """The rule-set page: registered versions with how many recommendations each made (one
    aggregate query) and the publication history with who published (one query). Read from
    the database, not the cache, so the page always shows what is in force."""
    publications = list(
        RuleSetPublication.objects.select_related("published_by").order_by("-published_at", "-id")
    )
    published = publications[0].version if publications else None
    active = registered_rule_set(published).version
    counts = dict(
        Recommendation.objects.order_by()
        .values_list("rule_set")
        .annotate(n=Count("*"))
        .values_list("rule_set", "n")
    )
    versions = [*RULE_SETS, *sorted(set(counts) - set(RULE_SETS))]
    rows = [
        RuleSetVersionRow(
            version=version,
            active=version == active,
            default=version == DEFAULT_RULE_SET.version,
            registered=version in RULE_SETS,
            recommendations=counts.get(version, 0),
        )
        for version in versions
    ]
    return RuleSetOverview(
        versions=rows,
        publications=publications,
        active_version=active,
        unregistered_published=published if published and published not in RULE_SETS else None,
    )


def safety_step_outlook(answers: dict[str, object]) -> ScreeningResult:
    """What the answers so far call for, scored with the active rule set as if every
    question not yet answered were answered with no concern. Used at the safety step (mood
    and safety answered) to give an early referral the safety rating's urgency and level."""
    merged = {**all_clear_answers(), **answers}
    return score_cleaned_answers(validate_answers(merged), active_rule_set())


PARTNER_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


def partner_for_code(code: str) -> ReferralPartner | None:
    """The active partner with this link code (case-insensitive), else ``None``: a malformed
    code costs no query."""
    code = (code or "").strip().lower()
    if not PARTNER_CODE.fullmatch(code):
        return None
    return ReferralPartner.objects.filter(code=code, active=True).first()


def referral_partners() -> list[ReferralPartner]:
    return list(ReferralPartner.objects.order_by("organisation", "code"))
