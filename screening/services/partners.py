"""Partner links: recording the partner on a draft, and the administrators' edits of the
partner list."""

from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_record
from core import roles
from core.roles import require_permission

from ..models import ReferralPartner, Screening

PARTNER_FIELDS = (
    "code",
    "organisation",
    "contact_name",
    "contact_email",
    "contact_phone",
    "active",
)


def screening_record_partner(*, screening: Screening, partner_id: int) -> None:
    """Note the partner whose link opened the screener on a draft that has none yet (the
    first link wins). A partner that is gone or inactive is ignored."""
    with transaction.atomic():
        if not ReferralPartner.objects.filter(pk=partner_id, active=True).exists():
            return
        Screening.objects.filter(
            pk=screening.pk, status=Screening.Status.DRAFT, partner__isnull=True
        ).update(partner_id=partner_id)


def referral_partner_save(
    *, actor, values: dict[str, object], partner: ReferralPartner | None = None
) -> tuple[ReferralPartner, list[str]]:
    """Create a partner or change one; returns it and the names of the fields changed."""
    require_permission(actor, roles.MANAGE_PARTNERS)
    unknown = set(values) - set(PARTNER_FIELDS)
    if unknown:
        raise ValueError(f"not a partner field: {sorted(unknown)}")
    with transaction.atomic():
        row = partner or ReferralPartner()
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        for name, value in values.items():
            setattr(row, name, value)
        created = row.pk is None
        if not changed and not created:
            return row, []
        row.full_clean()
        row.save()
        audit_record(
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.CHANGE,
            actor=actor,
            object_type="referral_partner",
            object_id=row.pk,
            fields=changed,
            detail="partner link added" if created else "partner link changed",
        )
    return row, changed
