"""Test data for the staff workspace: staff users by role, and referrals built the way intake
builds them — a screening submitted through the screener's services (so the real engine
scores it and stores its recommendation), and a referral linked to it with intake's copy of
the person's details.

    from tests.admissions.factories import ReferralFactory, make_referral, make_staff

    referral = make_referral(level="php")                 # priority, due in 24 h
    crisis = make_referral(crisis=True, first_name="Ana")  # inpatient, emergent, flag "crisis"
    referrals = ReferralFactory.create_batch(5)
    clinician = make_staff(roles.CLINICIAN)
"""

from datetime import date
from itertools import count

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.demo_totp import current_code, demo_totp_enrol
from admissions.models import Referral, ReferralScreening, StatusChange
from admissions.selectors.deadlines import first_contact_due
from admissions.services.intake import (
    OPENED_FROM_SUBMISSION,
    flags_text,
    referral_open_for_submission,
    referral_person_fields,
)
from core import roles
from screening.models import Recommendation, Screening
from screening.scoring import all_clear_answers
from screening.services import screening_create, screening_save_step, screening_submit

STAFF_PASSWORD = "correct-horse-battery-staple"

_numbers = count(1)

ROLE_USERNAMES = {
    roles.ADMISSIONS: "admissions",
    roles.CLINICIAN: "clinician",
    roles.PROGRAM_ADMIN: "programs",
    roles.ADMINISTRATOR: "administrator",
}


def make_staff(
    role: str | None = roles.ADMISSIONS, *, username: str = "", mfa: bool = True, **fields
):
    """An active user in ``role`` (a group name; ``None`` for no role at all), with
    password ``STAFF_PASSWORD``. Extra ``groups=[...]`` adds more groups (e.g. On call).
    ``mfa`` (default): enrolled with an authenticator whose current code is
    ``totp_code(user)``; ``mfa=False``: not enrolled yet (first sign-in enrols)."""
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
    if mfa:
        demo_totp_enrol(user)
    return user


def totp_code(user) -> str:
    """The code ``user``'s authenticator accepts next (as made by ``make_staff``): the current
    one, or the next time step's when this step's code was already used (a code works once;
    the device accepts one step of drift)."""
    import time

    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    at = max(time.time(), (device.last_t + 1) * device.step + device.t0)
    return current_code(device, at=at)


def sign_in(client, username: str, password: str = STAFF_PASSWORD, *, follow=False, **extra):
    """Sign in through the real forms: the password, then (if it was accepted) the code from
    the user's authenticator. Returns the last response (the password step's when it was
    refused)."""
    response = client.post("/staff/login/", {"username": username, "password": password}, **extra)
    if response.status_code != 302 or "_auth_user_id" not in client.session:
        return (
            client.get(response.url, follow=True, **extra)
            if follow and response.status_code == 302
            else response
        )
    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    return client.post(
        "/staff/mfa/verify/",
        {"code": totp_code(user), "next": response.url},
        follow=follow,
        **extra,
    )


def sign_in_verified(client, user, **kwargs):
    """``client.force_login(user)`` plus the second factor: the session is marked verified
    by the user's authenticator (enrolled here if ``make_staff`` did not)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user, **kwargs)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        demo_totp_enrol(user)
        device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def baseline_answers() -> dict[str, object]:
    """The all-clear answers (outpatient, routine, no flags) with schedule preferences, and
    enough hours that a php level raises no schedule flag."""
    return {
        **all_clear_answers(),
        "age": 34,
        "hours_available": 24,
        "days_available": ["mon", "wed", "fri"],
        "time_of_day": ["morning"],
        "telehealth_ok": True,
        "goals": ["symptom_relief", "coping_skills"],
    }


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
    """A date of birth that makes someone ``age`` today (the screener works the age out)."""
    today = timezone.localdate()
    birthday_passed = (today.month, today.day) >= (1, 15)
    return date(today.year - age - (0 if birthday_passed else 1), 1, 15)


def make_screening(
    *,
    answers: dict | None = None,
    level: str = "outpatient",
    crisis: bool = False,
    submitted_at=None,
    **fields,
) -> tuple[Screening, Recommendation]:
    """A screening taken through the screener's services (draft, answers, submit): scored by
    the real engine, with its stored recommendation. Person ``fields`` go on the draft."""
    chosen = answers is None
    answers = answers_for(level, crisis=crisis) if chosen else answers
    n = next(_numbers)
    fields.setdefault("first_name", f"Applicant{n}")
    fields.setdefault("last_name", f"Person{n}")
    fields.setdefault("email", f"applicant{n}@example.com")
    fields.setdefault("phone", f"(555) 2{n % 100:02d}-{n % 10000:04d}")
    fields.setdefault("date_of_birth", _dob_for_age(int(answers.get("age", 34))))
    fields.setdefault("consent_terms", True)
    fields.setdefault("consent_contact", True)
    screening = screening_save_step(screening=screening_create(), fields=fields, answers=answers)
    recommendation = screening_submit(screening=screening).recommendation
    _check_preset(chosen, recommendation, level=level, crisis=crisis)
    if submitted_at is not None:
        Screening.objects.filter(pk=screening.pk).update(submitted_at=submitted_at)
        screening.submitted_at = submitted_at
    return screening, recommendation


def _check_preset(chosen: bool, recommendation: Recommendation, *, level: str, crisis: bool):
    expected = ("inpatient" if crisis else level, crisis)
    if chosen and (recommendation.level, recommendation.crisis) != expected:
        raise ValueError(
            f"preset answers scored {recommendation.level}, crisis={recommendation.crisis}"
        )


PERSON_FIELDS = frozenset(
    {
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
)


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
    """A referral as intake opens it, without intake's messages and audit rows (tests of
    those schedule them explicitly; tests/admissions/test_factories.py proves the rows are
    intake's). ``level``/``crisis`` pick answers that score that way
    (or pass ``answers``); person fields (``first_name``, ``email``, ``phone``, ...) go to
    the screening and the referral; other ``fields`` to the referral. ``due_at`` defaults to
    the urgency's deadline after ``submitted_at`` (default now). ``status`` other than new is
    set directly, with a status change recorded."""
    person = {k: fields.pop(k) for k in list(fields) if k in PERSON_FIELDS}
    screening, recommendation = make_screening(
        answers=answers, level=level, crisis=crisis, submitted_at=submitted_at, **person
    )
    values = {
        **referral_person_fields(screening),
        "level": recommendation.level,
        "urgency": recommendation.urgency,
        "crisis": recommendation.crisis,
        "flags": list(recommendation.flags),
        "flags_text": flags_text(recommendation.flags),
        **fields,
    }
    if due_at is None:
        due_at = first_contact_due(urgency=values["urgency"], start=screening.submitted_at)
    referral = Referral.objects.create(
        latest_screening=screening, due_at=due_at, assigned_to=assigned_to, **values
    )
    ReferralScreening.objects.create(referral=referral, screening=screening)
    StatusChange.objects.create(
        referral=referral,
        from_status="",
        to_status=Referral.Status.NEW,
        reason=OPENED_FROM_SUBMISSION,
    )
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
    """A newer screening by the same person on ``referral``, the way it gets there now: taken
    through intake (which opens its own referral, flagged "possible same person" with this
    one), then merged into ``referral`` by admissions staff keeping the newer screening's
    details (docs/same-person.md). ``referral`` is refreshed."""
    from admissions.models import SamePersonFlag
    from admissions.selectors.same_person import differing_groups, merge_version
    from admissions.services.same_person_merge import LATER, referrals_merge

    chosen = answers is None
    same_person = ("first_name", "last_name", "email", "phone", "date_of_birth", "consent_contact")
    screening = screening_save_step(
        screening=screening_create(),
        fields={"consent_terms": True, **{name: getattr(referral, name) for name in same_person}},
        answers=answers_for(level, crisis=crisis) if chosen else answers,
    )
    intake = referral_open_for_submission(screening=screening)
    flag = SamePersonFlag.objects.filter(
        earlier=referral, later=intake.referral, status=SamePersonFlag.Status.OPEN
    ).first()
    if flag is None:
        raise ValueError("add_screening needs an open referral the new one is flagged with")
    later = intake.referral
    referral.refresh_from_db()
    referrals_merge(
        flag_pk=flag.pk,
        choices=dict.fromkeys(differing_groups(referral, later), LATER),
        version=merge_version(flag, referral, later),
        actor=make_staff(roles.ADMISSIONS),
    )
    _check_preset(chosen, intake.recommendation, level=level, crisis=crisis)
    if submitted_at is not None:
        Screening.objects.filter(pk=screening.pk).update(submitted_at=submitted_at)
    screening.refresh_from_db()
    referral.refresh_from_db()
    return screening, intake.recommendation


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
