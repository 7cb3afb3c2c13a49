"""The two-person rule: lowering a crisis referral below inpatient is asked for by one
clinician and takes effect only when a second one co-signs (spec 10.4).

Until then the level in effect is unchanged. Each step — asked, co-signed, declined,
withdrawn — is audited with the request's id, never its level or reason; co-signing writes the
Override naming both clinicians."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.roles import require_permission

from ..models import OverrideRequest, Referral
from .audit_trail import audit_referral
from .overrides import MIN_REASON_LENGTH, needs_cosign, override_checked, recommendation_override


def _audit(request: OverrideRequest, step: str, *, actor, ip_address, fields=()) -> None:
    audit_referral(
        request.referral_id,
        action=AuditEvent.Action.OVERRIDE,
        actor=actor,
        ip_address=ip_address,
        fields=list(fields),
        detail=f"override request {request.pk} {step}",
    )


def _require_clinician(user) -> None:
    require_permission(user, roles.OVERRIDE_LEVEL)


@transaction.atomic
def override_request(
    *,
    referral: Referral,
    clinician,
    level: str,
    reason: str,
    note: str = "",
    ip_address: str | None = None,
) -> OverrideRequest:
    """Ask for a crisis referral to be lowered below inpatient; a second clinician co-signs."""
    _require_clinician(clinician)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    reason = reason.strip()
    recommendation = override_checked(referral, level=level, reason=reason)
    if not needs_cosign(referral, level):
        raise ValueError("this change does not need a co-sign: record the override")
    pending = referral.override_requests.filter(status=OverrideRequest.Status.PENDING).first()
    if pending is not None:
        raise ValidationError(
            {"level": "A lowered level is already waiting for co-sign: co-sign or decline it."}
        )
    request = OverrideRequest.objects.create(
        referral=referral,
        recommendation=recommendation,
        level=level,
        reason=reason,
        note=note.strip(),
        requested_by=clinician,
    )
    _audit(request, "asked (waiting for co-sign)", actor=clinician, ip_address=ip_address)
    return request


def _pending(request: OverrideRequest) -> OverrideRequest:
    row = OverrideRequest.objects.select_for_update().get(pk=request.pk)
    if row.status != OverrideRequest.Status.PENDING:
        raise ValidationError(f"This request was {row.get_status_display().lower()} already.")
    return row


def _decide(row: OverrideRequest, status: str, clinician, note: str = "") -> None:
    row.status, row.decided_by, row.decided_at = status, clinician, timezone.now()
    row.decision_note = note.strip()
    row.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "override"])


@transaction.atomic
def override_cosign(
    *, request: OverrideRequest, clinician, note: str = "", ip_address: str | None = None
):
    """A second clinician agrees: the override takes effect now, naming both of them."""
    _require_clinician(clinician)
    row = _pending(request)
    if row.requested_by_id == clinician.pk:
        raise ValidationError("A second clinician must co-sign: you asked for this change.")
    override = recommendation_override(
        referral=row.referral,
        clinician=row.requested_by,
        level=row.level,
        reason=row.reason,
        note=row.note,
        ip_address=ip_address,
        cosigned_by=clinician,
    )
    row.override = override
    _decide(row, OverrideRequest.Status.COSIGNED, clinician, note)
    _audit(row, "co-signed", actor=clinician, ip_address=ip_address, fields=["override_level"])
    return override


@transaction.atomic
def override_request_decline(
    *, request: OverrideRequest, clinician, note: str, ip_address: str | None = None
) -> OverrideRequest:
    """A second clinician disagrees (with a reason): the level in effect stays."""
    _require_clinician(clinician)
    row = _pending(request)
    if row.requested_by_id == clinician.pk:
        raise ValidationError("You asked for this change: withdraw it instead.")
    if len(" ".join(note.split())) < MIN_REASON_LENGTH:
        raise ValidationError(
            {"note": f"Say why in a sentence or two (at least {MIN_REASON_LENGTH} characters)."}
        )
    _decide(row, OverrideRequest.Status.DECLINED, clinician, note)
    _audit(row, "declined", actor=clinician, ip_address=ip_address)
    return row


@transaction.atomic
def override_request_withdraw(
    *, request: OverrideRequest, clinician, ip_address: str | None = None
) -> OverrideRequest:
    """The clinician who asked takes the request back."""
    _require_clinician(clinician)
    row = _pending(request)
    if row.requested_by_id != clinician.pk:
        raise PermissionDenied
    _decide(row, OverrideRequest.Status.WITHDRAWN, clinician)
    _audit(row, "withdrawn", actor=clinician, ip_address=ip_address)
    return row
