"""The server-error page. When the database is unreachable the person gets the same kind
page with crisis resources, as a 503 (try again soon), instead of a bare 500.

Both pages are rendered without a request context: the context processors would read the
session and the signed-in user, which live in the database that may be down."""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (OperationalError, InterfaceError)


def database_unreachable(exc: BaseException | None) -> bool:
    """An error that means "the database did not answer" (not a bug in a query)."""
    while exc is not None:
        if isinstance(exc, OUTAGE_ERRORS):
            return True
        if isinstance(exc, DatabaseError):
            return False
        exc = exc.__cause__ or exc.__context__
    return False


def _page(template: str, status: int) -> HttpResponse:
    context = {"CLINIC_NAME": settings.CLINIC_NAME, "CLINIC_PHONE": settings.CLINIC_PHONE}
    response = HttpResponse(loader.get_template(template).render(context), status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: called while the exception is being handled."""
    if database_unreachable(sys.exc_info()[1]):
        logger.error("database unreachable: served the outage page for %s", request.path)
        return _page("503.html", 503)
    return _page("500.html", 500)
