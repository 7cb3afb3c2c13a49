"""Deactivating and reactivating a staff account. A deactivated person cannot sign in, and
every session they had open ends; their history (audit rows, notes, assignments) stays."""

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent

from ..models import SetPasswordLink
from .account_audit import audit_account
from .refusals import AccountRefused, locked_subject
from .staff_sessions import sessions_end_all


def staff_deactivate(*, actor, user_id: int, request=None) -> None:
    with transaction.atomic():
        subject = locked_subject(actor, user_id)
        if subject.pk == actor.pk:
            raise AccountRefused("You cannot deactivate your own account.")
        if not subject.is_active:
            raise AccountRefused("This account is already deactivated.")
        subject.is_active = False
        subject.save(update_fields=["is_active"])
        SetPasswordLink.objects.filter(
            user=subject, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        ended = sessions_end_all(subject.pk)
        audit_account(
            subject.pk,
            action=AuditEvent.Action.DEACTIVATED,
            actor=actor,
            request=request,
            fields=["is_active"],
            detail=f"{ended} session(s) ended",
        )


def staff_reactivate(*, actor, user_id: int, request=None) -> None:
    with transaction.atomic():
        subject = locked_subject(actor, user_id)
        if subject.is_active:
            raise AccountRefused("This account is already active.")
        subject.is_active = True
        subject.save(update_fields=["is_active"])
        audit_account(
            subject.pk,
            action=AuditEvent.Action.REACTIVATED,
            actor=actor,
            request=request,
            fields=["is_active"],
        )
