"""Sign-in throttling that holds when an attacker spreads attempts (django-axes handler).

Axes counts failures per username (across every address) and per client address (across
every username): ``AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]``. Axes has one
limit for both; this handler gives the address its own, larger one
(``AXES_ADDRESS_FAILURE_LIMIT``: a clinic behind one NAT address shares it), reports the
moment a lockout starts to the audit trail, and on a successful sign-in clears only that
username's failures, never the address's (else signing in to one's own account would wipe
the count of guesses made from that address at other accounts)."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from audit.models import AuditEvent
from audit.services import audit_record


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class SpreadResistantHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """Failures of this username, on the account limit's scale: at least the limit when
        the address has used up its own."""
        by_username, by_address = (
            _failures(attempts) for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(by_username, get_failure_limit(request, credentials))
        return by_username

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        was_locked = request is not None and self.is_locked(request, credentials)
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is not None and not was_locked and getattr(request, "axes_locked_out", False):
            username = get_client_username(request, credentials) or ""
            audit_record(
                action=AuditEvent.Action.LOCKED_OUT,
                actor_label=username[:150],
                request=request,
                object_type="user",
                detail="sign-in paused after repeated failures",
            )

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
