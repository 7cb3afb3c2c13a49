"""The small steps every referral service shares: lock the row and record a status move
(the caller saves the referral and writes the audit event)."""

from ..models import Referral, StatusChange


def referral_locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def status_change_record(
    *, referral: Referral, to_status: str, reason: str, actor, when=None
) -> StatusChange:
    """One StatusChange row, and the new status on ``referral`` (not yet saved)."""
    change = StatusChange.objects.create(
        referral=referral,
        from_status=referral.status,
        to_status=to_status,
        reason=reason,
        changed_by=actor,
    )
    referral.status = to_status
    referral.status_changed_at = when or change.created_at
    return change
