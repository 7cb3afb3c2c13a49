"""Absolute and idle lifetime of a staff session.

``SESSION_ABSOLUTE_LIFETIME`` seconds after signing in, a session is signed out however busy
it has been. The idle timeout (``SESSION_COOKIE_AGE``) counts only what a person does: the
staff pages poll for new referrals in the background (requests marked with the
``X-Background-Refresh`` header), and that polling must not keep an unattended screen
signed in forever, so such requests neither renew the idle clock nor escape it.

The session is saved only when it changes (``SESSION_SAVE_EVERY_REQUEST`` is off), so the
activity stamp is written at most once every ``SESSION_ACTIVITY_STAMP_SECONDS``: a busy
page does not rewrite its session row on every click, and the saved session's own expiry
(30 minutes from the save) is renewed with it. The cost is that an idle session may end
up to that many seconds before 30 minutes have passed since its very last click, never
after.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse

SESSION_STARTED_KEY = "staff_session_started_at"
LAST_ACTIVE_KEY = "staff_last_active_at"
BACKGROUND_HEADER = "HTTP_X_BACKGROUND_REFRESH"


def is_background(request) -> bool:
    return request.META.get(BACKGROUND_HEADER) == "1"


class StaffSessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ended = self._ended(request, int(time.time()))
            if ended:
                request.audit_logout_reason = ended
                logout(request)
                if is_background(request):
                    return JsonResponse({"signed_out": True}, status=401)
                messages.info(request, "Your session has ended. Please sign in again.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _ended(request, now: int) -> str:
        """Why the session is over (empty while it is not); stamps activity otherwise."""
        session = request.session
        started = session.setdefault(SESSION_STARTED_KEY, now)
        if now - int(started) > settings.SESSION_ABSOLUTE_LIFETIME:
            return "session lifetime reached"
        last = session.get(LAST_ACTIVE_KEY)
        if last is not None and now - int(last) > settings.SESSION_COOKIE_AGE:
            return "idle timeout"
        stamp_due = last is None or now - int(last) >= settings.SESSION_ACTIVITY_STAMP_SECONDS
        if stamp_due and not is_background(request):
            session[LAST_ACTIVE_KEY] = now
        return ""
