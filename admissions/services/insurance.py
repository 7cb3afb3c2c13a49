"""Insurance verification: staff record what the payer says, or ask the eligibility service
(X12 270/271 through a clearinghouse, ``admissions.eligibility``). Every change is kept with
its old and new value (``FieldChange``, shown only on the audited insurance page) and the
referral's ``insurance_status`` follows the verification's. Nothing here is ever put in a
message, a log line or a task argument."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import roles
from core.roles import require_permission

from ..eligibility.adapter import EligibilityService, eligibility_service
from ..eligibility.records import EligibilityError, EligibilityRequest, EligibilityResult
from ..models import FieldChange, InsuranceStatus, InsuranceVerification, Referral
from .field_changes import changed_fields, field_changes_record

VERIFICATION_FIELDS = (
    "status",
    "carrier",
    "payer_id",
    "plan",
    "member_id",
    "group_number",
    "coverage_start",
    "coverage_end",
    "benefit_notes",
    "cost_notes",
)
VERIFIED = frozenset(
    {
        InsuranceStatus.IN_NETWORK,
        InsuranceStatus.OUT_OF_NETWORK,
        InsuranceStatus.SELF_PAY,
        InsuranceStatus.NO_COVERAGE,
    }
)
"""Statuses that settle the question: setting one records who verified it and when."""


class InsuranceCheckRefused(Exception):
    """The eligibility check was not made or the payer refused it; the message is safe to
    show staff (it never holds the member's data)."""


def verification_initial(referral: Referral) -> InsuranceVerification:
    """The referral's verification, or an unsaved one started from what the person gave
    (carrier and member id from their latest screening)."""
    existing = InsuranceVerification.objects.filter(referral=referral).first()
    if existing is not None:
        return existing
    screening = referral.latest_screening
    return InsuranceVerification(
        referral=referral,
        carrier=referral.insurance_carrier,
        member_id=screening.insurance_member_id if screening is not None else "",
    )


def _save(
    row: InsuranceVerification,
    referral: Referral,
    values: dict[str, object],
    *,
    actor,
    ip_address: str | None,
    what: str,
    extra: dict[str, object] | None = None,
) -> list[str]:
    changes = (
        changed_fields(row, values)
        if row.pk
        else {
            name: ("", str(value) if value is not None else "")
            for name, value in values.items()
            if value not in ("", None) or name == "status"
        }
    )
    for name, value in values.items():
        setattr(row, name, value)
    if "status" in values and (changes.get("status") or not row.pk):
        if row.status in VERIFIED:
            row.verified_by, row.verified_at = actor, timezone.now()
        else:
            row.verified_by, row.verified_at = None, None
    for name, value in (extra or {}).items():
        setattr(row, name, value)
    if not changes and not extra:
        return []
    row.save()
    if referral.insurance_status != row.status:
        referral.insurance_status = row.status
        referral.save(update_fields=["insurance_status", "updated_at"])
    field_changes_record(
        referral=referral,
        subject=FieldChange.Subject.INSURANCE,
        changes=changes,
        actor=actor,
        ip_address=ip_address,
        what=what,
        always=bool(extra),
    )
    return sorted(changes)


def _locked(referral: Referral) -> tuple[Referral, InsuranceVerification]:
    row = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("latest_screening")
        .get(pk=referral.pk)
    )
    verification = InsuranceVerification.objects.select_for_update().filter(
        referral=row
    ).first() or verification_initial(row)
    return row, verification


def insurance_verification_save(
    *, referral: Referral, actor, values: dict[str, object], ip_address: str | None = None
) -> list[str]:
    """Record the verification as staff entered it; returns the names of changed fields."""
    require_permission(actor, roles.VERIFY_INSURANCE)
    unknown = set(values) - set(VERIFICATION_FIELDS)
    if unknown:
        raise ValueError(f"not a verification field: {sorted(unknown)}")
    with transaction.atomic():
        row, verification = _locked(referral)
        return _save(
            verification, row, values, actor=actor, ip_address=ip_address, what="insurance edited"
        )


@dataclass(frozen=True)
class CheckOutcome:
    result: EligibilityResult
    changed: list[str]


def _status_from(result: EligibilityResult) -> str:
    if not result.active:
        return InsuranceStatus.NO_COVERAGE
    if result.in_network is True:
        return InsuranceStatus.IN_NETWORK
    if result.in_network is False:
        return InsuranceStatus.OUT_OF_NETWORK
    return InsuranceStatus.IN_PROGRESS  # active, network not stated: staff decide


def insurance_eligibility_check(
    *,
    referral: Referral,
    actor,
    ip_address: str | None = None,
    service: EligibilityService | None = None,
) -> CheckOutcome:
    """Ask the eligibility service about the referral's coverage today and record what the
    payer answered. Raises ``InsuranceCheckRefused`` (nothing changed) when the member id or
    payer id is missing, the service cannot be reached or the payer rejects the inquiry."""
    require_permission(actor, roles.VERIFY_INSURANCE)
    with transaction.atomic():
        row, verification = _locked(referral)
        if not (verification.member_id and verification.payer_id):
            raise InsuranceCheckRefused(
                "Enter the payer id and the member id, and save, before checking eligibility."
            )
        trace = uuid.uuid4().hex[:16].upper()
        inquiry = EligibilityRequest(
            trace=trace,
            payer_id=verification.payer_id,
            payer_name=verification.carrier,
            provider_npi=settings.ELIGIBILITY_PROVIDER_NPI,
            provider_name=settings.ELIGIBILITY_PROVIDER_NAME,
            member_id=verification.member_id,
            first_name=row.first_name,
            last_name=row.last_name,
            date_of_birth=row.date_of_birth,
            service_date=timezone.localdate(),
        )
        try:
            result = (service or eligibility_service()).check(inquiry)
        except EligibilityError as exc:
            raise InsuranceCheckRefused(str(exc)) from exc
        if result.rejection:
            raise InsuranceCheckRefused(f"The payer rejected the check: {result.rejection}.")
        values: dict[str, object] = {"status": _status_from(result)}
        for name in ("plan", "group_number", "coverage_start", "coverage_end"):
            if getattr(result, name):
                values[name] = getattr(result, name)
        if result.benefit_notes:
            values["benefit_notes"] = result.benefit_notes[:2000]
        if result.cost_notes:
            values["cost_notes"] = result.cost_notes[:2000]
        changed = _save(
            verification,
            row,
            values,
            actor=actor,
            ip_address=ip_address,
            what=f"eligibility checked ({trace})",
            extra={"checked_at": timezone.now(), "check_reference": trace},
        )
    return CheckOutcome(result=result, changed=changed)
