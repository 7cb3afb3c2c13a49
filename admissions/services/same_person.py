"""Possible same person: a new referral whose normalised email or phone, or name with date of
birth, matches another open referral is flagged, on both, for staff to decide. Nothing is
attached or merged by itself (docs/same-person.md).

Two first submissions of the same person at the same moment must not both miss each other:
``same_person_flag`` first takes a transaction-scoped PostgreSQL advisory lock per identity
key (in a fixed order, so two callers never deadlock), then looks for matches. The second
caller waits for the first to commit and then sees its referral. A screener submit takes the
locks for the identity it writes in its first read, with the deadline and the new referral's
id (``services.intake``). SQLite (tests, a laptop) runs one writing transaction at a time
and needs no lock."""

import hashlib
from datetime import date
from functools import cache

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.models import AuditEvent

from .. import pipeline
from ..models import Referral, SamePersonFlag
from .audit_trail import audit_referral

Match = SamePersonFlag.Match


def name_dob_key(*, first_name: str, last_name: str, date_of_birth) -> str:
    """First and last name (case and spacing ignored) with the date of birth; ``""`` when the
    date of birth or the first name is missing."""
    first, last = " ".join(first_name.split()).lower(), " ".join(last_name.split()).lower()
    if not first or date_of_birth is None:
        return ""
    return f"{first}|{last}|{date_of_birth.isoformat()}"


def identity_keys(referral: Referral) -> list[str]:
    """The keys two referrals of one person may share, each named for what it is."""
    name_dob = name_dob_key(
        first_name=referral.first_name,
        last_name=referral.last_name,
        date_of_birth=referral.date_of_birth,
    )
    keys = [
        f"email:{referral.email_key}" if referral.email_key else "",
        f"phone:{referral.phone_key}" if referral.phone_key else "",
        f"name_dob:{name_dob}" if name_dob else "",
    ]
    return sorted(key for key in keys if key)


def _lock_id(key: str) -> int:
    """A signed 64-bit advisory-lock id for ``key`` (only the hash reaches the database)."""
    digest = hashlib.blake2b(key.encode(), digest_size=8, person=b"iop-sameperson").digest()
    return int.from_bytes(digest, "big", signed=True)


def identity_lock_ids(keys) -> list[int]:
    """The advisory-lock ids for ``keys``, in the one order every caller takes them (none off
    PostgreSQL: SQLite runs one writing transaction at a time)."""
    if connection.vendor != "postgresql":
        return []
    return sorted({_lock_id(key) for key in keys})


def identity_lock_sql(ids: list[int]) -> str:
    """Select-list calls taking the locks ``ids``, one parameter each: PostgreSQL takes them
    in the select list's order, the ids' order."""
    return ", ".join(["pg_advisory_xact_lock(%s)"] * len(ids))


def identity_lock(keys: list[str]) -> None:
    """Hold an advisory lock per key until the transaction ends (PostgreSQL only)."""
    ids = identity_lock_ids(keys)
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {identity_lock_sql(ids)}", ids)


def matches_between(one: Referral, other: Referral) -> list[str]:
    """What two referrals have in common, as ``SamePersonFlag.Match`` values."""
    found = []
    if one.email_key and one.email_key == other.email_key:
        found.append(Match.EMAIL.value)
    if one.phone_key and one.phone_key == other.phone_key:
        found.append(Match.PHONE.value)
    mine = name_dob_key(
        first_name=one.first_name, last_name=one.last_name, date_of_birth=one.date_of_birth
    )
    theirs = name_dob_key(
        first_name=other.first_name, last_name=other.last_name, date_of_birth=other.date_of_birth
    )
    if mine and mine == theirs:
        found.append(Match.NAME_DOB.value)
    return found


def _match_q(referral: Referral) -> Q | None:
    query = Q()
    if referral.email_key:
        query |= Q(email_key=referral.email_key)
    if referral.phone_key:
        query |= Q(phone_key=referral.phone_key)
    if referral.first_name.strip() and referral.date_of_birth is not None:
        query |= Q(
            first_name__iexact=referral.first_name.strip(),
            last_name__iexact=referral.last_name.strip(),
            date_of_birth=referral.date_of_birth,
        )
    return query or None


def _candidates(referral: Referral) -> QuerySet:
    """Open referrals other than ``referral`` sharing one of its identity keys (the caller
    checks ``_match_q`` is not ``None``), oldest first."""
    return (
        Referral.objects.filter(_match_q(referral))
        .exclude(pk=referral.pk)
        .exclude(status__in=pipeline.TERMINAL)
        .order_by("created_at", "id")
    )


# Stand-ins compiled into the match query in place of a real referral's values (nothing in
# them is changed by any backend's parameter preparation), replaced on each use.
STAND_IN_PK = -424242
STAND_IN_EMAIL = "sameperson-email-stand-in"
STAND_IN_PHONE = "sameperson-phone-stand-in"
STAND_IN_FIRST = "sameperson-first-stand-in"
STAND_IN_LAST = "sameperson-last-stand-in"
STAND_IN_BORN = date(1871, 3, 9)


@cache
def _match_sql(email: bool, phone: bool, name_dob: bool) -> tuple[str, tuple]:
    """The match query for one shape of identity (which keys a referral has), compiled once
    per process: compiling it took longer than running it."""
    probe = Referral(
        pk=STAND_IN_PK,
        email_key=STAND_IN_EMAIL if email else "",
        phone_key=STAND_IN_PHONE if phone else "",
        first_name=STAND_IN_FIRST if name_dob else "",
        last_name=STAND_IN_LAST,
        date_of_birth=STAND_IN_BORN if name_dob else None,
    )
    sql, params = _candidates(probe).values("pk").query.sql_with_params()
    return sql, tuple(params)


def open_matches(referral: Referral) -> list[Referral]:
    """``_candidates(referral)``: their ids from the SQL compiled for the referral's shape
    (each stand-in parameter replaced by the referral's value, prepared as Django prepares
    it); the referrals themselves are read only when there are any, which is seldom."""
    name_dob = bool(referral.first_name.strip()) and referral.date_of_birth is not None
    sql, params = _match_sql(bool(referral.email_key), bool(referral.phone_key), name_dob)
    ops = connection.ops
    actual = {
        STAND_IN_PK: referral.pk,
        STAND_IN_EMAIL: referral.email_key,
        STAND_IN_PHONE: referral.phone_key,
        STAND_IN_FIRST: ops.prep_for_iexact_query(referral.first_name.strip()),
        STAND_IN_LAST: ops.prep_for_iexact_query(referral.last_name.strip()),
    }
    if name_dob:
        actual[ops.adapt_datefield_value(STAND_IN_BORN)] = ops.adapt_datefield_value(
            referral.date_of_birth
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [actual.get(p, p) for p in params])
        ids = [row[0] for row in cursor.fetchall()]
    return list(Referral.objects.filter(pk__in=ids).order_by("created_at", "id")) if ids else []


def same_person_marks_refresh(referral_ids) -> None:
    """Set ``possible_same_person`` on each referral from whether an open flag names it."""
    ids = sorted(set(referral_ids))
    if not ids:
        return
    flagged = set()
    for earlier, later in SamePersonFlag.objects.filter(
        Q(earlier_id__in=ids) | Q(later_id__in=ids), status=SamePersonFlag.Status.OPEN
    ).values_list("earlier_id", "later_id"):
        flagged.update({earlier, later})
    flagged &= set(ids)
    Referral.objects.filter(pk__in=flagged, possible_same_person=False).update(
        possible_same_person=True
    )
    Referral.objects.filter(pk__in=set(ids) - flagged, possible_same_person=True).update(
        possible_same_person=False
    )


def _ordered(one: Referral, other: Referral) -> tuple[Referral, Referral]:
    return tuple(sorted((one, other), key=lambda r: (r.created_at, r.pk)))  # type: ignore[return-value]


def same_person_flag(
    *, referral: Referral, actor_label: str = "public screener", locked: bool = False
) -> list[int]:
    """Flag every other open referral that may be the same person as ``referral`` (call in
    the transaction that opened or changed it). A pair staff already decided on is left as
    they decided. Returns the ids of the other referrals now flagged.

    ``locked``: the caller already holds the locks of every identity key this transaction
    gives the referral (``referral_open_for_submission`` takes them in a statement it makes
    anyway). Keys the referral had before and keeps need none: a concurrent writer of a
    matching identity sees them, committed, once it holds its own locks."""
    if not locked:
        identity_lock(identity_keys(referral))
    if _match_q(referral) is None or referral.status in pipeline.TERMINAL:
        return []
    others = open_matches(referral)
    flagged = []
    for other in others:
        matches = matches_between(referral, other)
        if not matches:
            continue
        earlier, later = _ordered(referral, other)
        flag, created = SamePersonFlag.objects.get_or_create(
            earlier=earlier, later=later, defaults={"matches": matches}
        )
        if not created:
            if flag.status != SamePersonFlag.Status.OPEN:
                continue
            if flag.matches != matches:
                SamePersonFlag.objects.filter(pk=flag.pk).update(matches=matches)
        flagged.append(other.pk)
        if created:
            for mine, theirs in ((referral, other), (other, referral)):
                audit_referral(
                    mine.pk,
                    action=AuditEvent.Action.CHANGE,
                    actor_label=actor_label,
                    fields=["possible_same_person"],
                    detail=f"possible same person as referral {theirs.pk} "
                    f"(same {', '.join(matches)})",
                )
    if flagged:
        same_person_marks_refresh([referral.pk, *flagged])
        referral.possible_same_person = True
    return flagged


def flag_decided(flag: SamePersonFlag, *, status: str, actor) -> None:
    """Record staff's decision on an open flag (the caller holds its row lock)."""
    flag.status, flag.decided_by, flag.decided_at = status, actor, timezone.now()
    flag.save(update_fields=["status", "decided_by", "decided_at"])
