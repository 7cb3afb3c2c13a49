"""Staff decide on a possible same person: merge the two referrals, or dismiss the flag
("not the same person"). One transaction each, both referrals and the flag locked; a
refused request changes nothing (docs/same-person.md).

The earlier referral survives. It keeps every screening, the earliest first-contact
deadline, the highest urgency, the more intensive recommended level, any crisis (the crisis
episodes move with their alerts) and, field by field, the contact details staff chose. Notes,
contact attempts, assessments, seat offers, waitlist places and sent messages move to it;
the merged-away referral's pending messages that the survivor has its own of (confirmation,
no-response follow-ups, new-referral alert, deadline escalation) are cancelled, so nothing
goes out twice; the rest are addressed at send time from the survivor. The merged-away
referral ends as ``merged`` with a pointer to the survivor. Audit rows name ids and field
names, never values."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.roles import require_permission
from screening.choices import LEVEL_ORDER, URGENCY_ORDER, Level

from .. import pipeline
from ..models import (
    Assessment,
    ContactAttempt,
    CrisisEpisode,
    FollowUp,
    Note,
    OverrideRequest,
    Referral,
    ReferralScreening,
    SamePersonFlag,
    SeatOffer,
    WaitlistEntry,
)
from ..selectors.same_person import GROUPS_BY_KEY, differing_groups, merge_version
from .audit_trail import audit_referral
from .intake import CRISIS_FLAGS, flags_text
from .next_action import referral_next_action_refresh
from .same_person import flag_decided, same_person_flag, same_person_marks_refresh
from .status_record import status_change_record

EARLIER, LATER = "earlier", "later"
CANCELLED_ON_MERGE = (
    FollowUp.Kind.CONFIRMATION,
    *FollowUp.NO_RESPONSE_KINDS,
    FollowUp.Kind.NEW_REFERRAL_ALERT,
    FollowUp.Kind.DEADLINE_ESCALATION,
)
"""Pending messages of the merged-away referral the survivor owes once, not twice."""


class MergeRefused(ValidationError):
    """The merge (or dismissal) was refused; nothing was written."""


@dataclass(frozen=True)
class MergeResult:
    survivor: Referral
    merged: Referral
    kept_from_later: list[str]
    """Field groups whose value came from the merged-away referral."""


def _locked(flag_pk: int) -> tuple[SamePersonFlag, Referral, Referral]:
    flag = SamePersonFlag.objects.select_for_update().filter(pk=flag_pk).first()
    if flag is None:
        raise MergeRefused("That possible match no longer exists.")
    rows = {
        r.pk: r
        for r in Referral.objects.select_for_update()
        .filter(pk__in=[flag.earlier_id, flag.later_id])
        .order_by("pk")
    }
    return flag, rows[flag.earlier_id], rows[flag.later_id]


def _check_open(flag: SamePersonFlag, earlier: Referral, later: Referral) -> None:
    if flag.status != SamePersonFlag.Status.OPEN:
        raise MergeRefused(
            f"This possible match was already decided ({flag.get_status_display().lower()})."
        )
    for referral in (earlier, later):
        if not referral.is_open:
            raise MergeRefused(
                f"Referral {referral.pk} is {referral.get_status_display().lower()}: only "
                "two open referrals can be merged."
            )


def _check_choices(earlier: Referral, later: Referral, choices: dict[str, str]) -> None:
    offered = set(differing_groups(earlier, later))
    unknown = sorted(set(choices) - offered)
    if unknown:
        labels = ", ".join(GROUPS_BY_KEY[k].label if k in GROUPS_BY_KEY else k for k in unknown)
        raise MergeRefused(f"These fields were not offered for a choice: {labels}.")
    missing = [GROUPS_BY_KEY[k].label for k in sorted(offered - set(choices))]
    if missing:
        raise MergeRefused(f"Choose which value stands for: {', '.join(missing)}.")
    bad = [GROUPS_BY_KEY[k].label for k, v in choices.items() if v not in (EARLIER, LATER)]
    if bad:
        raise MergeRefused(f"Choose one of the two values for: {', '.join(sorted(bad))}.")


def _check_conflicts(earlier: Referral, later: Referral) -> None:
    ids = [earlier.pk, later.pk]
    scheduled = Assessment.objects.filter(referral_id__in=ids, status=Assessment.Status.SCHEDULED)
    if scheduled.values("referral_id").distinct().count() > 1:
        raise MergeRefused(
            "Both referrals have an assessment booked. Cancel one of them first, then merge."
        )
    held = SeatOffer.objects.filter(referral_id__in=ids, status=SeatOffer.Status.HELD)
    programs = list(held.values_list("program_id", flat=True))
    if len(programs) != len(set(programs)):
        raise MergeRefused(
            "Both referrals hold a seat in the same program. Withdraw one offer first, then merge."
        )
    if OverrideRequest.objects.filter(
        referral=later, status=OverrideRequest.Status.PENDING
    ).exists():
        raise MergeRefused(
            f"Referral {later.pk} has a change of level waiting for a co-sign. A clinician "
            "must co-sign, decline or withdraw it first."
        )


def _earliest(*values):
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _combine(survivor: Referral, other: Referral, choices: dict[str, str]) -> list[str]:
    """Write onto ``survivor`` what the merged referral keeps; returns groups taken from
    ``other``."""
    taken = [key for key, side in sorted(choices.items()) if side == LATER]
    for key in taken:
        for name in GROUPS_BY_KEY[key].fields:
            setattr(survivor, name, getattr(other, name))
    if URGENCY_ORDER[other.urgency] > URGENCY_ORDER[survivor.urgency]:
        survivor.urgency = other.urgency
    survivor.due_at = min(survivor.due_at, other.due_at)
    survivor.crisis = survivor.crisis or other.crisis
    survivor.crisis_open = survivor.crisis_open or other.crisis_open
    if survivor.crisis:
        survivor.level = Level.INPATIENT
    elif LEVEL_ORDER.get(other.level, -1) > LEVEL_ORDER.get(survivor.level, -1):
        survivor.level = other.level
    flags = set(survivor.flags) | set(other.flags) | (CRISIS_FLAGS if survivor.crisis else set())
    survivor.flags = sorted(flags)
    survivor.flags_text = flags_text(survivor.flags)
    if other.latest_screening_id and (
        survivor.latest_screening_id is None
        or other.latest_screening.created_at > survivor.latest_screening.created_at
    ):
        survivor.latest_screening_id = other.latest_screening_id
    survivor.first_attempt_at = _earliest(survivor.first_attempt_at, other.first_attempt_at)
    survivor.reached_at = _earliest(survivor.reached_at, other.reached_at)
    survivor.deadline_met = (
        survivor.reached_at <= survivor.due_at if survivor.reached_at is not None else None
    )
    survivor.attempt_count = survivor.attempt_count + other.attempt_count
    if other.last_attempt_at and (
        survivor.last_attempt_at is None or other.last_attempt_at > survivor.last_attempt_at
    ):
        survivor.last_attempt_at, survivor.last_outcome = other.last_attempt_at, other.last_outcome
    survivor.callback_at = _earliest(survivor.callback_at, other.callback_at)
    survivor.assigned_to_id = survivor.assigned_to_id or other.assigned_to_id
    if survivor.safety_assessed_at is None and other.safety_assessed_at is not None:
        survivor.safety_assessed_at = other.safety_assessed_at
        survivor.safety_assessed_by_id = other.safety_assessed_by_id
    survivor.no_response_proposed_at = None  # the sequences are joined; it is proposed anew
    lowered = survivor.override_level not in ("", Level.INPATIENT)
    # A crisis referral goes below inpatient only with two clinicians (docs/crisis.md); an
    # override made before the crisis joined it no longer stands.
    if (
        survivor.crisis
        and lowered
        and not survivor.overrides.filter(cosigned_by__isnull=False).exists()
    ):
        survivor.override_level = ""
    return taken


def _move_rows(survivor: Referral, other: Referral, actor) -> None:
    now = timezone.now()
    moved = {"referral_id": survivor.pk}
    ReferralScreening.objects.filter(referral=other).update(**moved)
    Note.objects.filter(referral=other).update(**moved)
    ContactAttempt.objects.filter(referral=other).update(**moved)
    CrisisEpisode.objects.filter(referral=other).update(**moved)
    Assessment.objects.filter(referral=other).update(**moved)
    SeatOffer.objects.filter(referral=other).update(**moved)
    # One waiting place per program: the one that joined the list first stands.
    for entry in WaitlistEntry.objects.filter(referral=other, status=WaitlistEntry.Status.WAITING):
        mine = WaitlistEntry.objects.filter(
            referral=survivor, program_id=entry.program_id, status=WaitlistEntry.Status.WAITING
        ).first()
        if mine is None:
            continue
        drop = mine if (entry.added_at, entry.pk) < (mine.added_at, mine.pk) else entry
        WaitlistEntry.objects.filter(pk=drop.pk).update(
            status=WaitlistEntry.Status.REMOVED,
            removed_reason="Merged: the same person's earlier place in this list stands",
            closed_at=now,
        )
    WaitlistEntry.objects.filter(referral=other).update(**moved)
    FollowUp.objects.filter(
        referral=other, status=FollowUp.Status.PENDING, kind__in=CANCELLED_ON_MERGE
    ).update(
        status=FollowUp.Status.CANCELLED,
        last_error=f"Cancelled: merged into referral {survivor.pk}",
    )
    FollowUp.objects.filter(referral=other).update(**moved)


def _carry_flags(survivor: Referral, merged: Referral, actor) -> set[int]:
    """The merged-away referral's other open flags now concern the survivor."""
    touched: set[int] = set()
    for flag in SamePersonFlag.objects.select_for_update().filter(
        Q(earlier=merged) | Q(later=merged), status=SamePersonFlag.Status.OPEN
    ):
        third_id = flag.other(merged.pk)
        flag_decided(flag, status=SamePersonFlag.Status.MOVED, actor=actor)
        touched.add(third_id)
        if third_id == survivor.pk:
            continue
        third = Referral.objects.get(pk=third_id)
        earlier, later = sorted((survivor, third), key=lambda r: (r.created_at, r.pk))
        SamePersonFlag.objects.get_or_create(
            earlier=earlier, later=later, defaults={"matches": flag.matches}
        )
    return touched


@transaction.atomic
def referrals_merge(
    *, flag_pk: int, choices: dict[str, str], version: str, actor, ip_address: str | None = None
) -> MergeResult:
    """Merge the flag's later referral into its earlier one, taking each differing field
    group from the side ``choices`` names (``"earlier"`` or ``"later"``). ``version`` is the
    ``merge_version`` the form was made from. Raises ``MergeRefused`` (nothing written) for a
    decided flag, an ended referral, a stale form, choices not offered or missing, or a
    conflict staff must settle first."""
    require_permission(actor, roles.MERGE_REFERRAL)
    flag, survivor, merged = _locked(flag_pk)
    _check_open(flag, survivor, merged)
    if version != merge_version(flag, survivor, merged):
        raise MergeRefused(
            "One of these referrals changed since the form was opened. Nothing was merged: "
            "check the values again and choose."
        )
    _check_choices(survivor, merged, choices)
    _check_conflicts(survivor, merged)

    before = {name: getattr(survivor, name) for name in ("status", "due_at", "urgency")}
    taken = _combine(survivor, merged, choices)
    _move_rows(survivor, merged, actor)
    if pipeline.OPEN.index(merged.status) > pipeline.OPEN.index(survivor.status):
        status_change_record(
            referral=survivor,
            to_status=merged.status,
            reason=f"Merged with referral {merged.pk}, which was further along",
            actor=actor,
        )
    survivor.save()
    referral_next_action_refresh(referral=survivor)

    status_change_record(
        referral=merged,
        to_status=pipeline.MERGED,
        reason=f"Merged into referral {survivor.pk}: the same person",
        actor=actor,
    )
    merged.merged_into = survivor
    merged.crisis_open = False  # its episodes are the survivor's now
    merged.save()

    flag_decided(flag, status=SamePersonFlag.Status.MERGED, actor=actor)
    touched = _carry_flags(survivor, merged, actor)
    same_person_marks_refresh([survivor.pk, merged.pk, *touched])
    same_person_flag(referral=survivor, actor_label="merge")
    survivor.refresh_from_db()

    changed = [name for name, value in before.items() if getattr(survivor, name) != value]
    fields = sorted({f for key in taken for f in GROUPS_BY_KEY[key].fields} | set(changed))
    audit_referral(
        survivor.pk,
        action=AuditEvent.Action.CHANGE,
        actor=actor,
        ip_address=ip_address,
        fields=["screenings", "merged_from", *fields],
        detail=f"merged referral {merged.pk} into this one (same-person flag {flag.pk}); "
        f"kept from {merged.pk}: {', '.join(taken) or 'nothing'}",
    )
    audit_referral(
        merged.pk,
        action=AuditEvent.Action.CHANGE,
        actor=actor,
        ip_address=ip_address,
        fields=["status", "merged_into"],
        detail=f"merged into referral {survivor.pk} (same-person flag {flag.pk})",
    )
    return MergeResult(survivor=survivor, merged=merged, kept_from_later=taken)


@transaction.atomic
def same_person_dismiss(
    *, flag_pk: int, version: str, actor, ip_address: str | None = None
) -> SamePersonFlag:
    """Staff say the two are different people: the flag closes for good (a later screening
    does not raise it again) and both leave "possible same person" unless another flag
    names them."""
    require_permission(actor, roles.MERGE_REFERRAL)
    flag, earlier, later = _locked(flag_pk)
    if flag.status != SamePersonFlag.Status.OPEN:
        raise MergeRefused(
            f"This possible match was already decided ({flag.get_status_display().lower()})."
        )
    if version != merge_version(flag, earlier, later):
        raise MergeRefused(
            "One of these referrals changed since the page was opened. Nothing was changed: "
            "check them again."
        )
    flag_decided(flag, status=SamePersonFlag.Status.DISMISSED, actor=actor)
    same_person_marks_refresh([earlier.pk, later.pk])
    for mine, theirs in ((earlier, later), (later, earlier)):
        audit_referral(
            mine.pk,
            action=AuditEvent.Action.CHANGE,
            actor=actor,
            ip_address=ip_address,
            fields=["possible_same_person"],
            detail=f"not the same person as referral {theirs.pk} (same-person flag {flag.pk})",
        )
    return flag
