"""Multi-factor sign-in is enforced here: a signed-in person whose session has not passed
the second factor reaches only the enrol, verify and sign-out pages (``STAFF_MFA_REQUIRED``).
Everyone else is sent to enrol (no authenticator yet) or to verify. Runs after django-otp's
``OTPMiddleware`` (``request.user.is_verified()``)."""

from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

BACKGROUND_HEADER = "HTTP_X_BACKGROUND_REFRESH"


@cache
def _open_paths() -> frozenset[str]:
    return frozenset(
        reverse(name) for name in ("accounts:mfa_enrol", "accounts:mfa_verify", "admissions:logout")
    )


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.STAFF_MFA_REQUIRED
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and request.path_info not in _open_paths()
        ):
            return self._second_factor(request, user)
        return self.get_response(request)

    @staticmethod
    def _second_factor(request, user):
        from .services.mfa import mfa_enrolled

        if request.META.get(BACKGROUND_HEADER) == "1" or request.path_info.endswith(".json"):
            return JsonResponse({"second_factor": True}, status=401)
        target = reverse("accounts:mfa_verify" if mfa_enrolled(user) else "accounts:mfa_enrol")
        if request.method == "GET":
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return redirect(target)
