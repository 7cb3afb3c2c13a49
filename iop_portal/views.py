"""Project-level views: health check, /es/ links and the favicon."""

from django.http import (
    HttpRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from . import health
from .middleware import remember_language


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body, healthy = health.report()
    return JsonResponse(body, status=200 if healthy else 503)


@require_safe
def language_link(request: HttpRequest, language: str, rest: str) -> HttpResponseRedirect:
    """``/es/programs/`` opens ``/programs/`` in Spanish and remembers the choice. Only a path
    on this site is followed (``/es//evil.example`` goes to ``/evil.example`` here)."""
    target = "/" + rest.lstrip("/\\")
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    remember_language(response, language)
    return response


@require_safe
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers and bookmarks ask for /favicon.ico whatever the page's <link rel="icon">."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
