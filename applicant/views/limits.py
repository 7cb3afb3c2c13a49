"""Per-client rate limits on the screener's public endpoints (django-ratelimit). A blocked
request gets the kind 429 page through ``RATELIMIT_VIEW``."""

from django.conf import settings
from django_ratelimit.decorators import ratelimit

GROUP = "screener"


def screener_rate(group, request) -> str:
    """Read at request time, so the rate follows settings (and test overrides)."""
    return settings.SCREENER_RATE


limit_posts = ratelimit(group=GROUP, key="ip", rate=screener_rate, method="POST", block=True)
limit_all = ratelimit(group=GROUP, key="ip", rate=screener_rate, method=ratelimit.ALL, block=True)
