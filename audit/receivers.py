"""Sign-ins, failed sign-ins and sign-outs go to the audit trail.

Django's auth signals are used because they fire for every way in (the staff login, the
Django admin login, and sign-ins django-axes refuses during a lockout)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent
from .services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_login")
def record_login(sender, request, user, **kwargs):
    audit_record(
        action=AuditEvent.Action.LOGIN,
        actor=user,
        request=request,
        object_type="user",
        object_id=user.pk,
    )


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def record_login_failed(sender, credentials, request=None, **kwargs):
    username = str((credentials or {}).get("username", ""))
    audit_record(
        action=AuditEvent.Action.LOGIN_FAILED,
        actor_label=username[:150],
        request=request,
        object_type="user",
    )


@receiver(user_logged_out, dispatch_uid="audit_logout")
def record_logout(sender, request, user, **kwargs):
    if user is None:
        return
    audit_record(
        action=AuditEvent.Action.LOGOUT,
        actor=user,
        request=request,
        object_type="user",
        object_id=user.pk,
        detail=getattr(request, "audit_logout_reason", ""),
    )
