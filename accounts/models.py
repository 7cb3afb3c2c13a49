"""Staff account records the portal keeps beside Django's users: set-password links (an
invitation or a reset) and the sessions each person has open, so an administrator can end
them."""

from django.conf import settings
from django.db import models


class SetPasswordLink(models.Model):
    """A single-use, expiring link that lets one person choose a password. Only a digest of
    the token is kept; the token itself travels in the email and nowhere else."""

    class Kind(models.TextChoices):
        INVITE = "invite", "Invitation"
        RESET = "reset", "Password reset"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="set_password_links"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    token_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("manage_staff", "Manage staff accounts in the portal")]

    def __str__(self) -> str:
        return f"{self.kind} link {self.pk} for user {self.user_id}"


class StaffSession(models.Model):
    """One open session of one person (its key), written at sign-in. Ending someone's
    sessions deletes these sessions from the session store."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of user {self.user_id}"
