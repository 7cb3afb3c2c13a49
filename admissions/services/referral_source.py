"""Where a referral came from: the source the person gave (or staff set), the partner whose
link they used, and the referring provider. The screening's answer is copied at submit
(``referral_source_from_screening``, called by intake); staff set or correct it after
(``referral_source_update``), each change kept with its old and new value."""

from django.db import transaction

from core import roles
from core.roles import require_permission
from screening.models import Screening

from ..models import FieldChange, Referral
from .field_changes import changed_fields, field_changes_record

SOURCE_FIELDS = (
    "source",
    "referring_provider_name",
    "referring_provider_organisation",
    "referring_provider_phone",
    "referring_provider_email",
)


def referral_source_from_screening(*, referral: Referral, screening: Screening) -> None:
    """Copy the screening's answer and partner onto its referral, where the referral has
    none yet (a source staff already set is never overwritten). Inside intake's
    transaction; no audit event (the public screener wrote it, as the rest of intake)."""
    updates = []
    if screening.heard_from and not referral.source:
        referral.source = screening.heard_from
        updates.append("source")
    if screening.partner_id and not referral.partner_id:
        referral.partner_id = screening.partner_id
        updates.append("partner")
    if updates:
        referral.save(update_fields=[*updates, "updated_at"])


def referral_source_update(
    *, referral: Referral, actor, values: dict[str, object], ip_address: str | None = None
) -> list[str]:
    """Set the source and referring provider; returns the names of the fields changed."""
    require_permission(actor, roles.WORK_REFERRAL)
    unknown = set(values) - set(SOURCE_FIELDS)
    if unknown:
        raise ValueError(f"not a source field: {sorted(unknown)}")
    with transaction.atomic():
        row = Referral.objects.select_for_update().get(pk=referral.pk)
        changes = changed_fields(row, values)
        if not changes:
            return []
        for name in changes:
            setattr(row, name, values[name])
        row.save(update_fields=[*changes, "updated_at"])
        field_changes_record(
            referral=row,
            subject=FieldChange.Subject.SOURCE,
            changes=changes,
            actor=actor,
            ip_address=ip_address,
            what="source edited",
        )
    return sorted(changes)
