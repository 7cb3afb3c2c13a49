"""The brief suicide safety assessment a positive safety screen calls for (spec 10.2): a task
on the referral, due by its first-contact deadline, done when a clinician records it with a
short summary (kept as a note on the referral; the audit row names no content)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.roles import require_permission

from ..models import Note, Referral
from .audit_trail import audit_referral

MIN_SUMMARY_LENGTH = 20
NOTE_PREFIX = "Brief suicide safety assessment: "


def safety_assessment_due(referral: Referral) -> bool:
    return "safety_assessment" in (referral.flags or []) and referral.safety_assessed_at is None


@transaction.atomic
def safety_assessment_record(
    *, referral: Referral, clinician, summary: str, ip_address: str | None = None
) -> Note:
    require_permission(clinician, roles.RESPOND_CRISIS)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not safety_assessment_due(referral):
        raise ValidationError("No safety assessment is due on this referral.")
    summary = summary.strip()
    if len(" ".join(summary.split())) < MIN_SUMMARY_LENGTH:
        raise ValidationError(
            {"summary": f"Summarise the assessment (at least {MIN_SUMMARY_LENGTH} characters)."}
        )
    referral.safety_assessed_at, referral.safety_assessed_by = timezone.now(), clinician
    referral.save(update_fields=["safety_assessed_at", "safety_assessed_by", "updated_at"])
    note = Note.objects.create(referral=referral, author=clinician, body=NOTE_PREFIX + summary)
    audit_referral(
        referral.pk,
        action=AuditEvent.Action.CHANGE,
        actor=clinician,
        ip_address=ip_address,
        fields=["safety_assessed_at", "notes"],
        detail=f"safety assessment recorded (note {note.pk})",
    )
    return note
