"""Template context shared by every page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from admissions.selectors.crisis import crisis_banner


def site(request):
    return {
        "CLINIC_NAME": settings.CLINIC_NAME,
        "CLINIC_PHONE": settings.CLINIC_PHONE,
    }


def crisis(request):
    """The crisis banner of the staff pages, read only when a page shows it (one query)."""
    return {"crisis_banner": SimpleLazyObject(lambda: crisis_banner(request.user))}
