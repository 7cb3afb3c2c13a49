"""Per-client rate limits on the screener's public endpoints. A blocked request gets the
kind 429 page; the count goes through ``core.limits`` (the cache, or this process's own
counters while the cache is down), keyed on the client's address (``core.client_address``)."""

from functools import wraps

from django.conf import settings
from django.shortcuts import render

from core.client_address import client_address
from core.limits import limit_hit, parse_rate

GROUP = "screener"


def _limited(methods: frozenset[str] | None):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                limit, window = parse_rate(settings.SCREENER_RATE)  # read per request
                if not limit_hit(f"{GROUP}:{client_address(request)}", limit, window):
                    return render(request, "429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


limit_posts = _limited(frozenset({"POST"}))
limit_all = _limited(None)
