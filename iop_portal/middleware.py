"""Which language a page speaks.

Public pages speak the language the person chose with the switcher (kept in a cookie), else
the first supported language their browser asks for (``LocaleMiddleware`` decides that, just
before this runs). ``?lang=es`` on any public link chooses Spanish too and remembers it.
Staff pages are always English, whatever the cookie says: the workspace is not translated
and a referral shows the applicant's own language instead.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

STAFF_PREFIXES = ("/staff/", "/django-admin/")


def supported_language(code: str | None) -> str | None:
    """``code`` if it is one of the site's languages (``es``, ``en``), else None."""
    return code if code in dict(settings.LANGUAGES) else None


def remember_language(response, language: str) -> None:
    """Set the language cookie exactly as Django's ``set_language`` view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _use(request, language: str) -> None:
    translation.activate(language)
    request.LANGUAGE_CODE = translation.get_language()


class SiteLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(STAFF_PREFIXES):
            _use(request, settings.LANGUAGE_CODE)
            return self.get_response(request)
        chosen = supported_language(request.GET.get("lang"))
        if chosen:
            _use(request, chosen)
        response = self.get_response(request)
        if chosen:
            remember_language(response, chosen)
        # The same URL differs by the language cookie as well as by Accept-Language.
        patch_vary_headers(response, ("Cookie",))
        return response
