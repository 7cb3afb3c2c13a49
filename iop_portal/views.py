"""Project-level views: health check and the rate-limit page."""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body, healthy = health.report()
    return JsonResponse(body, status=200 if healthy else 503)


def ratelimited(request: HttpRequest, exception: Exception | None = None):
    """Shown when a client sends too many requests (django-ratelimit's RATELIMIT_VIEW)."""
    return render(request, "429.html", status=429)
