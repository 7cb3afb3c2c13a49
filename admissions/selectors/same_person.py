"""Possible same person, for staff: the open flags naming a referral, with what the two
referrals have in common and where they differ, and the field groups a merge lets staff
choose between (docs/same-person.md). One query for a referral's panel, whatever the number
of flags."""

import hashlib
from dataclasses import dataclass

from django.db.models import Q

from ..models import Referral, SamePersonFlag


@dataclass(frozen=True)
class FieldGroup:
    key: str
    label: str
    fields: tuple[str, ...]
    """The referral fields that travel together (an email and its match key)."""


FIELD_GROUPS: tuple[FieldGroup, ...] = (
    FieldGroup("name", "Name", ("first_name", "last_name")),
    FieldGroup("date_of_birth", "Date of birth", ("date_of_birth",)),
    FieldGroup("email", "Email", ("email", "email_key")),
    FieldGroup("phone", "Phone", ("phone", "phone_key")),
    FieldGroup("preferred_contact", "Preferred contact", ("preferred_contact",)),
    FieldGroup("best_time", "Best time to reach", ("best_time",)),
    FieldGroup("language", "Language", ("language",)),
    FieldGroup("site_language", "Language of messages", ("site_language",)),
    FieldGroup("location", "State and ZIP code", ("state", "zip_code")),
    FieldGroup("insurance", "Insurance", ("insurance_carrier",)),
    FieldGroup("consent_contact", "Consent to be contacted", ("consent_contact",)),
    FieldGroup("consent_sms", "Consent to text messages", ("consent_sms",)),
)
GROUPS_BY_KEY = {group.key: group for group in FIELD_GROUPS}
COMPARED = ("email_key", "phone_key")
"""Shown through their group's first field, compared as well."""


def field_text(referral: Referral, group: FieldGroup) -> str:
    """How a group's value reads on the page."""
    if group.key == "name":
        return referral.full_name or "—"
    if group.key == "date_of_birth":
        return referral.date_of_birth.strftime("%b %-d, %Y") if referral.date_of_birth else "—"
    if group.key == "location":
        return " ".join(part for part in (referral.state, referral.zip_code) if part) or "—"
    value = getattr(referral, group.fields[0])
    if isinstance(value, bool):
        return "Yes" if value else "No"
    display = getattr(referral, f"get_{group.fields[0]}_display", None)
    text = display() if display is not None else value
    return str(text) if text not in ("", None) else "—"


def _normalised(referral: Referral, group: FieldGroup) -> tuple:
    if group.key == "name":
        return tuple(" ".join(getattr(referral, f).split()).lower() for f in group.fields)
    if group.key in ("email", "phone"):
        return (getattr(referral, group.fields[1]),)  # the match key: format aside
    return tuple(getattr(referral, f) for f in group.fields)


@dataclass(frozen=True)
class FieldRow:
    group: FieldGroup
    earlier: str
    later: str
    same: bool


def field_rows(earlier: Referral, later: Referral) -> list[FieldRow]:
    return [
        FieldRow(
            group=group,
            earlier=field_text(earlier, group),
            later=field_text(later, group),
            same=_normalised(earlier, group) == _normalised(later, group),
        )
        for group in FIELD_GROUPS
    ]


def differing_groups(earlier: Referral, later: Referral) -> list[str]:
    """The field groups a merge asks staff to choose for: those whose values differ."""
    return [row.group.key for row in field_rows(earlier, later) if not row.same]


def merge_version(flag: SamePersonFlag, earlier: Referral, later: Referral) -> str:
    """Changes whenever the flag or either referral changes: a form older than that is stale."""
    parts = [flag.pk, flag.status]
    for referral in (earlier, later):
        parts += [referral.pk, referral.status, referral.updated_at.isoformat()]
        parts += [repr(getattr(referral, f)) for g in FIELD_GROUPS for f in g.fields]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class PossibleMatch:
    flag: SamePersonFlag
    this: Referral
    other: Referral
    matches: list[str]
    rows: list[FieldRow]
    """Compared as this referral (``earlier`` column) against the other (``later``)."""

    @property
    def differs(self) -> list[FieldRow]:
        return [row for row in self.rows if not row.same]

    @property
    def same_labels(self) -> list[str]:
        return [row.group.label for row in self.rows if row.same]


MATCH_LABELS = dict(SamePersonFlag.Match.choices)


def open_matches(referral: Referral) -> list[PossibleMatch]:
    """The open flags naming ``referral``, oldest first, each with the other referral."""
    flags = (
        SamePersonFlag.objects.filter(
            Q(earlier=referral) | Q(later=referral), status=SamePersonFlag.Status.OPEN
        )
        .select_related("earlier", "later")
        .order_by("created_at", "id")
    )
    found = []
    for flag in flags:
        other = flag.later if flag.earlier_id == referral.pk else flag.earlier
        found.append(
            PossibleMatch(
                flag=flag,
                this=referral,
                other=other,
                matches=[MATCH_LABELS.get(m, m) for m in flag.matches],
                rows=field_rows(referral, other),
            )
        )
    return found


def flag_for_referral(*, referral_pk: int, flag_pk: int) -> SamePersonFlag | None:
    """The flag ``flag_pk`` if it names ``referral_pk`` (else ``None``), with both referrals."""
    return (
        SamePersonFlag.objects.filter(pk=flag_pk)
        .filter(Q(earlier_id=referral_pk) | Q(later_id=referral_pk))
        .select_related("earlier", "later", "decided_by")
        .first()
    )
