"""Giving and taking away the portal's groups (core/roles.py ``PORTAL_GROUPS``). Nothing else:
no other group, raw permission, superuser or Django-admin flag is ever written here."""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction

from audit.models import AuditEvent
from core import roles

from .account_audit import audit_account
from .refusals import AccountRefused, locked_subject


def staff_roles_set(*, actor, user_id: int, role_names: Iterable[str], request=None) -> dict:
    """Make the subject's portal groups exactly ``role_names``. Groups outside the portal's
    list that a superuser gave in the Django admin are left as they are. One audit row per
    group granted or removed. Returns ``{"granted": [...], "removed": [...]}``."""
    wanted = set(role_names)
    unknown = wanted - set(roles.PORTAL_GROUPS)
    if unknown:
        raise AccountRefused("Only the portal's roles and lists can be given here.")
    with transaction.atomic():
        subject = locked_subject(actor, user_id)
        current = set(
            subject.groups.filter(name__in=roles.PORTAL_GROUPS).values_list("name", flat=True)
        )
        granted = sorted(wanted - current)
        removed = sorted(current - wanted)
        if subject.pk == actor.pk and roles.ADMINISTRATOR in removed:
            raise AccountRefused(
                "You cannot remove your own Administrator role. Ask another administrator."
            )
        if not granted and not removed:
            raise AccountRefused("Nothing changed: those are already this person's roles.")
        if granted:
            subject.groups.add(*Group.objects.filter(name__in=granted))
        if removed:
            subject.groups.remove(*Group.objects.filter(name__in=removed))
        for name in granted:
            audit_account(
                subject.pk,
                action=AuditEvent.Action.ROLE_GRANTED,
                actor=actor,
                request=request,
                fields=["groups"],
                detail=f"granted {name}",
            )
        for name in removed:
            audit_account(
                subject.pk,
                action=AuditEvent.Action.ROLE_REMOVED,
                actor=actor,
                request=request,
                fields=["groups"],
                detail=f"removed {name}",
            )
    return {"granted": granted, "removed": removed}
