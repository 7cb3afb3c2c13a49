"""Append-only audit trail: who did what to which record, when, from where. Ids only, no PHI."""

from django.conf import settings
from django.db import models

from .append_only import AppendOnlyModel


class AuditEvent(AppendOnlyModel):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        OVERRIDE = "override", "Overrode level of care"
        EXPORT = "export", "Exported"
        LOGIN = "login", "Signed in"
        LOGIN_FAILED = "login_failed", "Failed sign-in"
        LOGOUT = "logout", "Signed out"
        PUBLISH = "publish", "Published"
        # Staff account events (accounts/services/): the subject is ``user:<id>``.
        INVITED = "invited", "Invited"
        ROLE_GRANTED = "role_granted", "Role granted"
        ROLE_REMOVED = "role_removed", "Role removed"
        DEACTIVATED = "deactivated", "Deactivated"
        REACTIVATED = "reactivated", "Reactivated"
        PASSWORD_SET = "password_set", "Password set"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        PASSWORD_RESET = "password_reset", "Password reset"
        MFA_ENROLLED = "mfa_enrolled", "Second factor enrolled"
        MFA_RESET = "mfa_reset", "Second factor reset"
        MFA_FAILED = "mfa_failed", "Failed second factor"
        LOCKED_OUT = "locked_out", "Locked out"
        SESSIONS_ENDED = "sessions_ended", "Sessions ended"
        ADMIN_CHANGED = "admin_changed", "Changed in the Django admin"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    # For failed logins there is no actor: the attempted username is kept (not PHI).
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=50, blank=True)  # e.g. "referral", "screening"
    object_id = models.CharField(max_length=64, blank=True)
    fields = models.JSONField(default=list, blank=True)  # names of changed fields, never values
    detail = models.CharField(max_length=200, blank=True)  # ids only, e.g. "status_change 12"
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        target = f"{self.object_type}:{self.object_id}"
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {target}"
