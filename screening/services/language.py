"""The language a person uses the site in, kept on their screening so that every message
sent to them later (by a worker, with no request to ask) is written in it."""

from django.utils import translation

from ..choices import SiteLanguage
from ..models import Screening


def site_language_of(requested: str | None = None) -> str:
    """``requested``, else the language this request is answered in (the switcher's cookie or
    the browser's Accept-Language); English for anything the site does not speak."""
    code = (requested or translation.get_language() or "").lower().split("-")[0]
    return code if code in SiteLanguage.values else SiteLanguage.ENGLISH


def screening_note_site_language(*, screening: Screening, language: str | None = None) -> str:
    """Store the person's site language on the screening (see ``site_language_of``)."""
    chosen = site_language_of(language)
    if screening.site_language != chosen:
        screening.site_language = chosen
        screening.save(update_fields=["site_language"])
    return chosen
