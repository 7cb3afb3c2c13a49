"""Response headers every page gets: a restrictive Permissions-Policy, and
``Cache-Control: no-store`` wherever a page can show a person's answers, results or contact
details (the staff workspace, the Django admin and every screener page), so no browser,
proxy or shared computer keeps a copy. The content security policy is django-csp's
(``CONTENT_SECURITY_POLICY`` in settings); Referrer-Policy is Django's own."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
)


def no_store_path(path: str) -> bool:
    return path.startswith(tuple(settings.NO_STORE_PATH_PREFIXES))


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if no_store_path(request.path):
            add_never_cache_headers(response)
        return response
