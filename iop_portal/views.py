"""Project-level views: health check and the rate-limit page."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body, healthy = health.report()
    return JsonResponse(body, status=200 if healthy else 503)
