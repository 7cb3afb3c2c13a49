"""Absolute lifetime of a staff session.

The idle timeout is Django's own (``SESSION_COOKIE_AGE`` renewed on every request by
``SESSION_SAVE_EVERY_REQUEST``). This adds a hard limit: ``SESSION_ABSOLUTE_LIFETIME``
seconds after signing in, a session is signed out however busy it has been.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

SESSION_STARTED_KEY = "staff_session_started_at"


class StaffSessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - int(started) > settings.SESSION_ABSOLUTE_LIFETIME:
                request.audit_logout_reason = "session lifetime reached"
                logout(request)
                messages.info(request, "Your session has ended. Please sign in again.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
