"""Which screening this browser is working on: its public id, kept in the session only.

The session holds ids and page names, never answers (see ``wizard_storage``), and it ends
with its draft: forgetting or discarding the draft ends an applicant's session outright,
and a submitted screening keeps its session only long enough to show the result."""

import uuid
from contextlib import suppress

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
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
    """Remove every trace of the screener from this browser's session. An applicant's
    session (nobody signed in) is ended: its row is deleted and the cookie replaced."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        request.session.flush()
        return
    for key in list(request.session.keys()):
        if key == SESSION_KEY or key.startswith("wizard_"):
            del request.session[key]


def session_keep_for_result(request: HttpRequest) -> None:
    """The draft is being submitted: drop the wizard's state and keep the id only as long as
    the result page may be reopened (``SCREENER_RESULT_SESSION_AGE``). Saved now, so inside
    the submission's transaction it is written in the same commit (``core.sessions``); the
    middleware's save at the end of the request then has nothing left to write. A session
    that ended meanwhile leaves the submission standing (the middleware reports it, as it
    would have)."""
    for key in list(request.session.keys()):
        if key.startswith("wizard_"):
            del request.session[key]
    request.session.set_expiry(settings.SCREENER_RESULT_SESSION_AGE)
    with suppress(UpdateError):
        request.session.save()
