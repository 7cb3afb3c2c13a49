"""Test data for the staff workspace: staff users by role, and referrals built the way intake
builds them — a submitted screening with valid answers, scored by the real engine, its
stored recommendation, and a referral linked to it.

    from tests.admissions.factories import ReferralFactory, make_referral, make_staff

    referral = make_referral(level="php")                 # priority, due in 24 h
    crisis = make_referral(crisis=True, first_name="Ana")  # inpatient, emergent, flag "crisis"
    referrals = ReferralFactory.create_batch(5)
    clinician = make_staff(roles.CLINICIAN)
"""

from datetime import date, timedelta
from itertools import count

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from admissions import roles
from admissions.models import Referral, ReferralScreening, StatusChange
from screening.models import Recommendation, Screening
from screening.scoring import FIRST_CONTACT_HOURS, score_answers

STAFF_PASSWORD = "correct-horse-battery-staple"

_numbers = count(1)

ROLE_USERNAMES = {
    roles.ADMISSIONS: "admissions",
    roles.CLINICIAN: "clinician",
    roles.PROGRAM_ADMIN: "programs",
    roles.ADMINISTRATOR: "administrator",
}


def make_staff(role: str | None = roles.ADMISSIONS, *, username: str = "", **fields):
    """An active user in ``role`` (a group name; ``None`` for no role at all), with
    password ``STAFF_PASSWORD``. Extra ``groups=[...]`` adds more groups (e.g. On call)."""
    extra_groups = fields.pop("groups", [])
    n = next(_numbers)
    username = username or f"{ROLE_USERNAMES.get(role, 'staff')}{n}"
    fields.setdefault("first_name", (role or "Staff").split()[0].title())
    fields.setdefault("last_name", f"Tester{n}")
    fields.setdefault("email", f"{username}@staff.example.org")
    user = get_user_model().objects.create_user(
        username=username, password=STAFF_PASSWORD, **fields
    )
    names = ([role] if role else []) + list(extra_groups)
    if Group.objects.filter(name__in=roles.ROLE_PERMISSIONS).count() < len(roles.ROLE_PERMISSIONS):
        roles.ensure_roles()  # a transactional test flushed the groups the migration made
    if names:
        user.groups.add(*Group.objects.filter(name__in=names))
    return user


def baseline_answers() -> dict[str, object]:
    """A complete, valid answer set with nothing of concern: outpatient, routine, no flags."""
    answers: dict[str, object] = {"age": 34}
    answers.update({f"phq9_{n}": 0 for n in range(1, 10)})
    answers["phq9_difficulty"] = 0
    answers.update({f"gad7_{n}": 0 for n in range(1, 8)})
    answers.update({f"asq_{n}": False for n in range(1, 5)})
    answers.update(
        {
            "harm_others": False,
            "pcptsd_trauma": False,
            "auditc_1": 0,
            "drug_freq": 0,
            "withdrawal_history": False,
            "medical_unstable": False,
            "missed_days": 0,
            "self_care": 0,
            "hosp_recent": 0,
            "discharged_recent": False,
            "current_treatment": False,
            "outpatient_insufficient": False,
            "living_situation": "stable",
            "support_person": True,
            "home_safe": True,
            "transport": True,
            "readiness": "ready",
            "hours_available": 24,
            "days_available": ["mon", "wed", "fri"],
            "time_of_day": ["morning"],
            "telehealth_ok": True,
            "goals": ["symptom_relief", "coping_skills"],
        }
    )
    return answers


# Smallest changes to the baseline that give each level (checked when used).
LEVEL_ANSWERS: dict[str, dict[str, object]] = {
    "outpatient": {},
    # PHQ-9 total 15 -> symptoms 4 -> floor iop
    "iop": {"phq9_1": 3, "phq9_2": 3, "phq9_3": 3, "phq9_4": 3, "phq9_5": 3},
    # great difficulty with self-care -> functioning 4 -> floor php
    "php": {"self_care": 2, "phq9_1": 2, "phq9_2": 2},
    # unable to manage self-care -> functioning 5 -> floor inpatient (urgent, not crisis)
    "inpatient": {"self_care": 3, "missed_days": 12},
}
CRISIS_ANSWERS: dict[str, object] = {
    "asq_1": True,
    "asq_3": True,
    "asq_5": True,
    "phq9_9": 2,
    "phq9_1": 3,
    "phq9_2": 3,
}


def answers_for(level: str = "outpatient", *, crisis: bool = False, **overrides) -> dict:
    answers = baseline_answers()
    answers.update(CRISIS_ANSWERS if crisis else LEVEL_ANSWERS[level])
    answers.update(overrides)
    return answers


def _dob_for_age(age: int) -> date:
    today = timezone.localdate()
    return date(today.year - age - 1, 1, 15) if today.month == 1 else date(today.year - age, 1, 15)


def make_screening(
    *,
    answers: dict | None = None,
    level: str = "outpatient",
    crisis: bool = False,
    submitted_at=None,
    **fields,
) -> tuple[Screening, Recommendation]:
    """A submitted screening scored by the real engine, with its stored recommendation."""
    chosen = answers is None
    answers = answers_for(level, crisis=crisis) if chosen else answers
    result = score_answers(answers)
    if chosen and (result.level, result.crisis) != ("inpatient" if crisis else level, crisis):
        raise ValueError(f"preset answers scored {result.level}, crisis={result.crisis}")
    n = next(_numbers)
    fields.setdefault("first_name", f"Applicant{n}")
    fields.setdefault("last_name", f"Person{n}")
    fields.setdefault("email", f"applicant{n}@example.com")
    fields.setdefault("phone", f"(555) 2{n % 100:02d}-{n % 10000:04d}")
    fields.setdefault("date_of_birth", _dob_for_age(int(answers.get("age", 34))))
    fields.setdefault("consent_terms", True)
    fields.setdefault("consent_contact", True)
    submitted_at = submitted_at or timezone.now()
    screening = Screening.objects.create(
        status=Screening.Status.SUBMITTED,
        submitted_at=submitted_at,
        answers=answers,
        **fields,
    )
    recommendation = Recommendation.objects.create(
        screening=screening,
        rule_set=result.rule_set,
        level=result.level,
        level_basis=result.level_basis,
        urgency=result.urgency,
        crisis=result.crisis,
        composite=result.composite,
        domains=result.domains,
        instruments=result.instruments,
        flags=result.flags,
        reasons=result.reasons,
    )
    return screening, recommendation


def _referral_fields_from(screening: Screening, recommendation: Recommendation) -> dict:
    return {
        "first_name": screening.first_name,
        "last_name": screening.last_name,
        "date_of_birth": screening.date_of_birth,
        "email": screening.email,
        "phone": screening.phone,
        "email_key": screening.email.lower(),
        "phone_key": "".join(ch for ch in screening.phone if ch.isdigit()),
        "preferred_contact": screening.preferred_contact,
        "best_time": screening.best_time,
        "language": screening.language,
        "state": screening.state,
        "zip_code": screening.zip_code,
        "insurance_carrier": screening.insurance_carrier,
        "consent_contact": screening.consent_contact,
        "consent_sms": screening.consent_sms,
        "level": recommendation.level,
        "urgency": recommendation.urgency,
        "crisis": recommendation.crisis,
        "flags": list(recommendation.flags),
        "flags_text": f" {' '.join(recommendation.flags)} " if recommendation.flags else "",
    }


def make_referral(
    *,
    level: str = "outpatient",
    crisis: bool = False,
    answers: dict | None = None,
    status: str = Referral.Status.NEW,
    assigned_to=None,
    submitted_at=None,
    due_at=None,
    **fields,
) -> Referral:
    """A referral as intake opens it. ``level``/``crisis`` pick answers that score that way
    (or pass ``answers``); person fields (``first_name``, ``email``, ``phone``, ...) go to
    the screening and the referral; ``due_at`` defaults to the urgency's deadline after
    ``submitted_at`` (default now). ``status`` other than new is set directly, with a
    status change recorded."""
    person_keys = {
        "first_name",
        "last_name",
        "email",
        "phone",
        "date_of_birth",
        "preferred_contact",
        "best_time",
        "language",
        "state",
        "zip_code",
        "insurance_carrier",
        "consent_contact",
        "consent_sms",
    }
    person = {k: fields.pop(k) for k in list(fields) if k in person_keys}
    submitted_at = submitted_at or timezone.now()
    screening, recommendation = make_screening(
        answers=answers, level=level, crisis=crisis, submitted_at=submitted_at, **person
    )
    values = _referral_fields_from(screening, recommendation)
    values.update(fields)
    if due_at is None:
        due_at = submitted_at + timedelta(hours=FIRST_CONTACT_HOURS[values["urgency"]])
    referral = Referral.objects.create(
        latest_screening=screening, due_at=due_at, assigned_to=assigned_to, **values
    )
    ReferralScreening.objects.create(referral=referral, screening=screening)
    StatusChange.objects.create(referral=referral, from_status="", to_status=Referral.Status.NEW)
    if status != Referral.Status.NEW:
        StatusChange.objects.create(referral=referral, from_status="new", to_status=status)
        Referral.objects.filter(pk=referral.pk).update(status=status)
        referral.status = status
    return referral


def add_screening(
    referral: Referral,
    *,
    level: str = "outpatient",
    crisis: bool = False,
    answers: dict | None = None,
    submitted_at=None,
):
    """A newer screening by the same person, attached to ``referral`` and made its latest
    (the referral's level, urgency, crisis and flags follow the new recommendation)."""
    screening, recommendation = make_screening(
        answers=answers,
        level=level,
        crisis=crisis,
        submitted_at=submitted_at,
        first_name=referral.first_name,
        last_name=referral.last_name,
        email=referral.email,
        phone=referral.phone,
        date_of_birth=referral.date_of_birth,
    )
    ReferralScreening.objects.create(referral=referral, screening=screening)
    referral.latest_screening = screening
    referral.level = recommendation.level
    # A crisis is never lowered: the referral keeps its crisis flag and emergent urgency.
    referral.urgency = "emergent" if referral.crisis else recommendation.urgency
    referral.crisis = referral.crisis or recommendation.crisis
    referral.flags = sorted(set(referral.flags) | set(recommendation.flags))
    referral.flags_text = f" {' '.join(referral.flags)} " if referral.flags else ""
    referral.save()
    return screening, recommendation


class ReferralFactory(factory.django.DjangoModelFactory):
    """``ReferralFactory(level="php", crisis=False, status="new", ...)`` — the same as
    ``make_referral``; ``ReferralFactory.create_batch(n)`` cycles through the levels."""

    class Meta:
        model = Referral

    level = factory.Iterator(["outpatient", "iop", "php", "inpatient"])
    crisis = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return make_referral(**kwargs)
