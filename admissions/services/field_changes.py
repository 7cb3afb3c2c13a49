"""Staff edits kept field by field with their old and new values (``FieldChange``), and the
one audit event naming them by id. Shared by the source and insurance edits."""

from collections.abc import Mapping

from audit.models import AuditEvent

from ..models import FieldChange, Referral
from .audit_trail import audit_referral


def _text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)[:2000]


def changed_fields(instance, values: Mapping[str, object]) -> dict[str, tuple[str, str]]:
    """``{field: (old, new)}`` for the values that differ from ``instance``'s."""
    changes = {}
    for name, value in values.items():
        old = getattr(instance, name)
        if _text(old) != _text(value):
            changes[name] = (_text(old), _text(value))
    return changes


def field_changes_record(
    *,
    referral: Referral,
    subject: str,
    changes: Mapping[str, tuple[str, str]],
    actor,
    ip_address: str | None,
    what: str,
    always: bool = False,
) -> list[FieldChange]:
    """Write one row per changed field and one audit event (ids and field names only); with
    ``always`` the event is written even when nothing changed (an eligibility check)."""
    if not changes and not always:
        return []
    rows = FieldChange.objects.bulk_create(
        FieldChange(
            referral=referral,
            subject=subject,
            field=name,
            old_value=old,
            new_value=new,
            changed_by=actor,
        )
        for name, (old, new) in changes.items()
    )
    ids = ", ".join(str(row.pk) for row in rows)
    audit_referral(
        referral.pk,
        action=AuditEvent.Action.CHANGE,
        actor=actor,
        ip_address=ip_address,
        fields=sorted(changes),
        detail=(f"{what}: field_change {ids}" if rows else f"{what}: nothing changed")[:200],
    )
    return rows
