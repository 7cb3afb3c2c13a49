"""Which screening this browser is working on: its public id, kept in the session only."""

import uuid

from django.conf import settings
from django.http import HttpRequest

from screening.models import Screening

SESSION_KEY = "screening_public_id"


def session_remember(request: HttpRequest, screening: Screening) -> None:
    request.session[SESSION_KEY] = str(screening.public_id)
    # Long enough to come back later in the same browser; shorter than the draft's life.
    request.session.set_expiry(settings.SCREENER_SESSION_AGE)


def session_public_id(request: HttpRequest) -> uuid.UUID | None:
    raw = request.session.get(SESSION_KEY)
    try:
        return uuid.UUID(str(raw)) if raw else None
    except ValueError:
        return None


def session_forget(request: HttpRequest) -> None:
    """Remove every trace of the screener from this browser's session."""
    for key in list(request.session.keys()):
        if key == SESSION_KEY or key.startswith("wizard_"):
            del request.session[key]
