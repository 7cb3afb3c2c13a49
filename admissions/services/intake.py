"""Intake: the referral a public screening opens: at the safety step (a crisis, or a positive
safety screen without one) or on submit.

A public submission writes only its own screening and its own referral: the referral this
same screening opened at its safety step, else a new one. It never attaches to, changes or
reads another person's referral. When the new referral's email, phone, or name with date of
birth matches another open referral, both are flagged "possible same person" for staff to
merge or dismiss (``services.same_person``, docs/same-person.md). On its own referral a crisis
stays a crisis, urgency is never lowered and an earlier first-contact deadline stands.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.inserts import insert_together, next_id_sql
from screening.answers import crisis_indicated, non_acute_positive
from screening.choices import URGENCY_ORDER, Level, Urgency
from screening.contact import phone_digits
from screening.models import Recommendation, Screening
from screening.selectors import safety_step_outlook
from screening.services import (
    screening_mark_crisis,
    screening_note_site_language,
    screening_save_step,
    screening_submit,
)

from ..models import FollowUp, Referral, ReferralScreening, StatusChange
from ..selectors.deadlines import due_after, first_contact_due, hours_in_force, policy_hours
from ..selectors.staff import staff_ids_expression, staff_ids_read
from . import same_person
from .audit_trail import referral_audit_event
from .crisis_alerts import followups_for_crisis
from .followups import followups_for_new_referral, followups_fresh, new_referral_followup_rows
from .referral_source import referral_source_from_screening
from .same_person import same_person_flag

CRISIS_FLAGS = frozenset({"crisis", "safety_assessment"})
ACTOR = "public screener"
OPENED_FROM_SUBMISSION = "Opened from a submitted screening"


@dataclass(frozen=True)
class Intake:
    referral: Referral
    recommendation: Recommendation
    new_referral: bool
    """True when this screening opened the referral (now or at its crisis moment)."""


def contact_keys(*, email: str, phone: str) -> tuple[str, str]:
    """Match keys: the email lower-cased, and the phone's digits without a leading US 1."""
    return (email or "").strip().lower(), phone_digits(phone)


def flags_text(flags: list[str]) -> str:
    """``" a b "`` so the queue can filter one flag with ``LIKE '% a %'``."""
    return f" {' '.join(flags)} " if flags else ""


def referral_person_fields(screening: Screening) -> dict[str, object]:
    """The referral's copy of who the screening is about and how to reach them."""
    email_key, phone_key = contact_keys(email=screening.email, phone=screening.phone)
    return {
        "first_name": screening.first_name,
        "last_name": screening.last_name,
        "date_of_birth": screening.date_of_birth,
        "email": screening.email,
        "phone": screening.phone,
        "email_key": email_key,
        "phone_key": phone_key,
        "preferred_contact": screening.preferred_contact,
        "best_time": screening.best_time,
        "language": screening.language,
        "site_language": screening.site_language,
        "state": screening.state,
        "zip_code": screening.zip_code,
        "insurance_carrier": screening.insurance_carrier,
        "consent_contact": screening.consent_contact,
        "consent_sms": screening.consent_sms,
    }


def _own_referral_id(screening_id: int) -> QuerySet:
    """The id of the referral a screening opened at its safety step, as a one-value query."""
    return (
        ReferralScreening.objects.filter(screening_id=screening_id)
        .order_by("id")
        .values("referral_id")[:1]
    )


def _locked(referral_id: int | None) -> Referral | None:
    if referral_id is None:
        return None
    return Referral.objects.select_for_update().get(pk=referral_id)


def _own_referral(screening: Screening) -> Referral | None:
    """The referral this screening opened (at its safety step), locked; ``None`` if none."""
    row = _own_referral_id(screening.pk).first()
    return _locked(row["referral_id"] if row else None)


URGENCY_PLACEHOLDER = "urgency"


@dataclass(frozen=True)
class Outlook:
    """What a submit reads before it writes, from one statement."""

    due_at: datetime
    own: Referral | None
    """The referral the screening opened at its safety step, locked; ``None`` if none."""
    admissions_ids: list[int]
    """The admissions staff a new referral alerts (``staff_ids_in_group``)."""
    new_referral_id: int | None
    """A primary key allocated for a new referral (PostgreSQL), else ``None``."""


@cache
def _outlook_sql(vendor: str, locks: int) -> tuple[str, tuple]:
    """``SELECT (policy hours for %s), (own referral of screening %s), (admissions staff ids)``
    and, on PostgreSQL, the next referral id and ``locks`` identity locks; compiled once per
    process (compiling the queries cost as much as running them). Returns the SQL and the
    staff query's fixed parameters, which follow the urgency and the screening id."""
    hours, hours_params = policy_hours(URGENCY_PLACEHOLDER).query.sql_with_params()
    own, own_params = _own_referral_id(0).query.sql_with_params()
    assert list(hours_params) == [URGENCY_PLACEHOLDER] and list(own_params) == [0]
    staff, staff_params = staff_ids_expression(roles.ADMISSIONS)
    select = [f"({hours})", f"({own})", staff]
    if vendor == "postgresql":
        select.append(next_id_sql(Referral))
        if locks:
            select.append(same_person.identity_lock_sql([0] * locks))
    return f"SELECT {', '.join(select)}", staff_params


def _submission_outlook(screening: Screening, urgency: str) -> Outlook:
    """When first contact is due for the submitted ``screening`` at ``urgency``, its own
    referral, who to alert, and (PostgreSQL) a new referral's id and the identity locks, from
    one statement: all are needed on every submit. The locks are those of the identity the
    screening gives its referral (``same_person.identity_lock``; none are needed off
    PostgreSQL), so the caller's same-person check takes none of its own."""
    person = Referral(**referral_person_fields(screening))
    lock_ids = same_person.identity_lock_ids(same_person.identity_keys(person))
    sql, staff_params = _outlook_sql(connection.vendor, len(lock_ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, [urgency, screening.pk, *staff_params, *lock_ids])
        set_hours, own, staff, *allocated = cursor.fetchone()
    hours = hours_in_force(urgency, set_hours)
    return Outlook(
        due_at=due_after(screening.submitted_at, hours),
        own=_locked(own),
        admissions_ids=staff_ids_read(staff),
        new_referral_id=allocated[0] if allocated else None,
    )


def _open(
    *,
    screening: Screening,
    level: str,
    urgency: str,
    crisis: bool,
    flags: list[str],
    due_at: datetime,
    why: str,
    referral_id: int | None = None,
    identity_locked: bool = False,
    followups: Callable[[Referral], list[FollowUp]] | None = None,
) -> Referral:
    """Open the screening's referral, with its first status, its link to the screening, its
    audit event and the unsaved rows ``followups(referral)`` returns: one statement on
    PostgreSQL when ``referral_id`` was allocated."""
    referral = Referral(
        pk=referral_id,
        **referral_person_fields(screening),
        latest_screening=screening,
        level=level,
        urgency=urgency,
        crisis=crisis,
        flags=flags,
        flags_text=flags_text(flags),
        status=Referral.Status.NEW,
        due_at=due_at,
    )
    rows = [referral]
    if referral.pk is None:  # no id allocated in advance: the rows below need it
        insert_together(rows)
        rows = []
    rows += [
        StatusChange(referral=referral, from_status="", to_status=Referral.Status.NEW, reason=why),
        ReferralScreening(referral=referral, screening=screening),
        referral_audit_event(
            referral.pk, action=AuditEvent.Action.CREATE, actor_label=ACTOR, detail=why
        ),
    ]
    if followups is not None:
        rows += followups(referral)
    insert_together(rows)
    same_person_flag(referral=referral, actor_label=ACTOR, locked=identity_locked)
    return referral


def _update(
    referral: Referral,
    *,
    screening: Screening,
    level: str,
    urgency: str,
    crisis: bool,
    flags: set[str],
    due_at: datetime,
    identity_locked: bool = False,
) -> None:
    if not referral.screening_links.exclude(screening=screening).exists():
        # Its own referral, not one staff merged others into (their field choices stand).
        for name, value in referral_person_fields(screening).items():
            setattr(referral, name, value)
    referral.latest_screening = screening
    referral.crisis = referral.crisis or crisis
    if URGENCY_ORDER[urgency] > URGENCY_ORDER[referral.urgency]:
        referral.urgency = urgency
    referral.level = Level.INPATIENT if referral.crisis else level
    merged = set(flags) | (CRISIS_FLAGS if referral.crisis else set())
    referral.flags = sorted(merged)
    referral.flags_text = flags_text(referral.flags)
    if referral.reached_at is None and due_at < referral.due_at:
        referral.due_at = due_at
    referral.save()
    # The person may have changed their contact details at review: look again.
    same_person_flag(referral=referral, actor_label=ACTOR, locked=identity_locked)


def _early_flags(screening: Screening, flags: frozenset[str]) -> set[str]:
    age = screening.answers.get("age")
    adolescent = isinstance(age, int) and 12 <= age <= 17
    return set(flags) | ({"adolescent"} if adolescent else set())


def _open_at_safety_step(
    screening: Screening, *, level: str, urgency: str, crisis: bool, flags: set[str], why: str
) -> tuple[Referral, bool]:
    """Open the screening's own referral before the screener is finished, due within
    ``urgency``'s deadline from now (or raise the one this screening opened already).
    Returns the referral and whether it is new."""
    due_at = first_contact_due(urgency=urgency, start=timezone.now())
    referral = _own_referral(screening)
    if referral is None:
        referral = _open(
            screening=screening,
            level=level,
            urgency=urgency,
            crisis=crisis,
            flags=sorted(flags),
            due_at=due_at,
            why=why,
        )
        return referral, True
    _update(
        referral,
        screening=screening,
        level=level,
        urgency=urgency,
        crisis=crisis,
        flags=set(referral.flags) | flags,
        due_at=due_at,
    )
    return referral, False


def referral_open_for_crisis(
    *,
    screening: Screening,
    answers: dict[str, object],
    current_step: str,
    site_language: str | None = None,
) -> Referral:
    """The safety answers just given show acute risk: in one transaction save them, mark the
    draft, open the screening's own emergent referral due within the emergent deadline, and
    queue the crisis alert. The person has not finished the screener and may never do so.
    Idempotent: the same crisis again changes nothing and alerts nobody twice.
    ``site_language`` defaults to the language of the request (``site_language_of``)."""
    with transaction.atomic():
        screening = screening_save_step(
            screening=screening, answers=answers, current_step=current_step
        )
        if not crisis_indicated(screening.answers):
            raise ValueError("these answers do not indicate a crisis")
        screening = screening_mark_crisis(screening=screening)
        screening_note_site_language(screening=screening, language=site_language)
        referral, _ = _open_at_safety_step(
            screening,
            level=Level.INPATIENT,
            urgency=Urgency.EMERGENT,
            crisis=True,
            flags=_early_flags(screening, CRISIS_FLAGS),
            why="Opened at once: crisis answers on the screener's safety step",
        )
        followups_for_crisis(referral=referral)
    return referral


def referral_open_for_safety_concern(
    *,
    screening: Screening,
    answers: dict[str, object],
    current_step: str,
    site_language: str | None = None,
) -> Referral:
    """A positive safety screen without a crisis (spec 10.2): save the safety answers and open
    the screening's own referral at the urgency they call for (urgent for safety 4, priority for
    3), so a clinician checks on the person's safety by its deadline even if they never
    finish. Staff are alerted as for a new referral; the person's confirmation waits for
    their finished answers."""
    with transaction.atomic():
        screening = screening_save_step(
            screening=screening, answers=answers, current_step=current_step
        )
        if not non_acute_positive(screening.answers):
            raise ValueError("these answers are not a positive safety screen without a crisis")
        screening_note_site_language(screening=screening, language=site_language)
        outlook = safety_step_outlook(screening.answers)
        referral, new = _open_at_safety_step(
            screening,
            level=outlook.level,
            urgency=outlook.urgency,
            crisis=False,
            flags=_early_flags(screening, frozenset({"safety_assessment"})),
            why="Opened at once: a positive safety screen on the screener's safety step",
        )
        if new:
            followups_for_new_referral(referral=referral, applicant=False)
    return referral


def referral_open_for_submission(
    *, screening: Screening, site_language: str | None = None
) -> Intake:
    """Score and store the finished screening and open its own referral (or finish the one
    its safety step opened), in one
    transaction; queue the confirmation and staff alert for a new referral. Idempotent.
    Raises ``AnswerValidationError`` when an answer is missing or invalid (nothing stored).
    ``site_language`` defaults to the language of the request (``site_language_of``)."""
    with transaction.atomic():
        submission = screening_submit(screening=screening)
        recommendation = submission.recommendation
        if not submission.created:
            link = ReferralScreening.objects.select_related("referral").get(screening=screening)
            return Intake(link.referral, recommendation, new_referral=False)
        screening_note_site_language(screening=screening, language=site_language)
        outlook = _submission_outlook(screening, recommendation.urgency)
        referral = outlook.own
        was_crisis = bool(referral and referral.crisis)
        opened_now = referral is None
        if opened_now:
            referral = _open(
                screening=screening,
                level=recommendation.level,
                urgency=recommendation.urgency,
                crisis=recommendation.crisis,
                flags=list(recommendation.flags),
                due_at=outlook.due_at,
                why=OPENED_FROM_SUBMISSION,
                referral_id=outlook.new_referral_id,
                identity_locked=True,
                # Its confirmation and staff alerts, written with it.
                followups=lambda new: followups_fresh(
                    new_referral_followup_rows(referral=new, staff_ids=outlook.admissions_ids)
                ),
            )
        else:
            _update(
                referral,
                screening=screening,
                level=recommendation.level,
                urgency=recommendation.urgency,
                crisis=recommendation.crisis,
                flags=set(recommendation.flags),
                due_at=outlook.due_at,
                identity_locked=True,
            )
        # Where they heard of us and the partner link they came by (issue 14).
        referral_source_from_screening(referral=referral, screening=screening)
        if recommendation.crisis or (referral.crisis and not was_crisis):
            # Keyed per screening: the crisis moment of this same screening already queued
            # these, so only a new crisis episode alerts again.
            followups_for_crisis(referral=referral)
        if opened_now:
            new_referral = True  # its follow-ups were written with it
        else:  # opened at this screening's safety step, or one staff merged others into
            first = referral.screening_links.order_by("attached_at", "id").first()
            new_referral = first is not None and first.screening_id == screening.pk
            if new_referral:
                followups_for_new_referral(referral=referral, staff_ids=outlook.admissions_ids)
    return Intake(referral, recommendation, new_referral=new_referral)
