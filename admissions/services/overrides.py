"""A clinician's level-of-care decision.

An override is a new row that supersedes the one before it; overrides are never edited or
deleted, and the recommendation they override is never touched. A crisis stands whatever
the override: the referral keeps its crisis flag, its flags and its (emergent) urgency, and
lowering its level below inpatient takes two clinicians (``cosign``): the override is written
only when the second one co-signs.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditEvent
from core import roles
from core.roles import require_permission
from screening.choices import LEVEL_ORDER, Level
from screening.models import Recommendation

from ..models import Override, Referral
from .audit_trail import audit_referral

MIN_REASON_LENGTH = 30


def needs_cosign(referral: Referral, level: str) -> bool:
    """Lowering a crisis referral below inpatient needs a second clinician (spec 10.4)."""
    return referral.crisis and LEVEL_ORDER.get(level, 99) < LEVEL_ORDER[Level.INPATIENT]


def override_checked(referral: Referral, *, level: str, reason: str) -> Recommendation:
    """The recommendation an override of ``referral`` to ``level`` would override; raises
    ValidationError (per field) when the level or the reason will not do."""
    recommendation = Recommendation.objects.filter(
        screening_id=referral.latest_screening_id
    ).first()
    if recommendation is None:
        raise ValidationError("This referral has no recommendation to override yet.")
    errors: dict[str, str] = {}
    if level not in Level.values:
        errors["level"] = "Choose a level of care from the list."
    elif level == referral.effective_level:
        errors["level"] = "That is already the level of care in effect."
    if len(" ".join(reason.split())) < MIN_REASON_LENGTH:
        errors["reason"] = (
            "Explain the clinical reasoning in a sentence or two "
            f"(at least {MIN_REASON_LENGTH} characters)."
        )
    if errors:
        raise ValidationError(errors)
    return recommendation


@transaction.atomic
def recommendation_override(
    *,
    referral: Referral,
    clinician,
    level: str,
    reason: str,
    note: str = "",
    ip_address: str | None = None,
    cosigned_by=None,
) -> Override:
    """Record a clinician's level of care for the referral's latest recommendation. A crisis
    referral is lowered below inpatient only with ``cosigned_by``, a second clinician (see
    ``cosign.override_cosign``); without one this raises ValidationError."""
    require_permission(clinician, roles.OVERRIDE_LEVEL)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    reason = reason.strip()
    recommendation = override_checked(referral, level=level, reason=reason)
    if needs_cosign(referral, level) and cosigned_by is None:
        raise ValidationError(
            {"level": "Lowering a crisis referral below inpatient needs a second clinician."}
        )
    previous = referral.overrides.filter(superseded_by__isnull=True).order_by("-id").first()
    override = Override.objects.create(
        referral=referral,
        recommendation=recommendation,
        level=level,
        reason=reason,
        note=note.strip(),
        clinician=clinician,
        supersedes=previous,
        cosigned_by=cosigned_by,
    )
    # Only the level changes: crisis, flags and urgency are left exactly as they were.
    referral.override_level = level
    referral.save(update_fields=["override_level", "updated_at"])
    detail = f"override {override.pk}"
    if previous is not None:
        detail += f" supersedes override {previous.pk}"
    if cosigned_by is not None:
        detail += " (co-signed)"
    audit_referral(
        referral.pk,
        action=AuditEvent.Action.OVERRIDE,
        actor=cosigned_by or clinician,
        ip_address=ip_address,
        fields=["override_level"],
        detail=detail,
    )
    return override
