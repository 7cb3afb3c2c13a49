"""Demo applicants for `make run`: a handful of fictional people screened through the real
intake services, so the queue, the referral page and the outbox have something to show.
Created once: nothing is added when referrals exist already."""

from contextlib import contextmanager
from datetime import date

from django.conf import settings

from programs import demo as programs_demo
from screening.models import Screening
from screening.scoring import all_clear_answers
from screening.services import screening_create, screening_save_step

from . import demo_work
from .models import Referral
from .services.intake import referral_open_for_submission

# Where every demo applicant starts: the all-clear answers (the age is worked out from the
# date of birth) plus schedule preferences.
CALM = {
    **all_clear_answers(),
    "days_available": ["tue", "thu"],
    "time_of_day": ["evening"],
    "telehealth_ok": True,
}


def _phq(total: int) -> dict[str, int]:
    items = {}
    for i in range(1, 10):
        items[f"phq9_{i}"] = min(3, max(0, total))
        total -= items[f"phq9_{i}"]
    items["phq9_9"] = 0  # thoughts of self-harm are set explicitly where intended
    return items


# Everyone lives in Cambridge and reads the site in English, except: Elena reads it in Spanish
# and wants care in Spanish (Lawrence, near the Spanish-language program); Daniel lives in
# Pittsfield, far from every site, and wants in-person care (his matches are "farther away").
SITE_LANGUAGE = {"Elena": "es"}
HOME = {"Elena": ("MA", "01841", "es"), "Daniel": ("MA", "01201", "en")}

# first name, last name, date of birth, contact, insurance, answer changes
PEOPLE = (
    (
        "Maya",
        "Thompson",
        date(1994, 3, 12),
        "sms",
        "Aetna",
        {
            **_phq(16),
            "gad7_1": 2,
            "gad7_2": 2,
            "gad7_3": 2,
            "gad7_4": 1,
            "missed_days": 4,
            "outpatient_insufficient": True,
            "current_treatment": True,
            "phq9_difficulty": 2,
        },
    ),
    (
        "Daniel",
        "Reyes",
        date(1988, 7, 2),
        "phone",
        "Cigna",
        {
            **_phq(11),
            "auditc_1": 4,
            "auditc_2": 3,
            "auditc_3": 3,
            "drug_freq": 2,
            "missed_days": 6,
            "phq9_difficulty": 2,
            "telehealth_ok": False,
        },
    ),
    (
        "Ava",
        "Nguyen",
        date(2009, 9, 30),
        "email",
        "Medicaid",
        {
            **_phq(13),
            "gad7_1": 3,
            "gad7_2": 2,
            "gad7_3": 2,
            "gad7_5": 2,
            "gad7_7": 1,
            "hours_available": 8,
            "days_available": ["mon", "wed"],
            "time_of_day": ["afternoon"],
        },
    ),
    (
        "Marcus",
        "Bell",
        date(1979, 1, 22),
        "phone",
        "Blue Cross Blue Shield",
        {
            **_phq(21),
            "self_care": 2,
            "missed_days": 12,
            "phq9_difficulty": 3,
            "hosp_recent": 1,
            "hours_available": 25,
            "days_available": ["mon", "tue", "wed", "thu", "fri"],
            "time_of_day": ["morning", "afternoon"],
        },
    ),
    (
        "Elena",
        "Castillo",
        date(1991, 11, 5),
        "sms",
        "",
        {
            **_phq(9),
            "phq9_9": 1,
            "asq_1": True,
            "asq_2": False,
            "asq_3": False,
            "asq_4": False,
            "asq_5": False,
            "pcptsd_trauma": True,
            "pcptsd_1": True,
            "pcptsd_2": True,
            "pcptsd_3": True,
            "pcptsd_4": False,
            "pcptsd_5": False,
            "support_person": False,
        },
    ),
    (
        "Jordan",
        "Price",
        date(2000, 5, 17),
        "email",
        "UnitedHealthcare",
        {**_phq(6), "gad7_1": 1, "gad7_2": 2, "gad7_3": 1, "readiness": "unsure"},
    ),
    (
        "Grace",
        "Kim",
        date(1985, 2, 8),
        "phone",
        "Kaiser",
        {**_phq(14), "discharged_recent": True, "hosp_recent": 1, "current_treatment": True},
    ),
    (
        "Omar",
        "Haddad",
        date(1969, 12, 1),
        "phone",
        "Medicare",
        {
            **_phq(19),
            "phq9_9": 2,
            "asq_1": True,
            "asq_2": True,
            "asq_3": True,
            "asq_4": True,
            "asq_4_recent": False,
            "asq_5": True,
            "living_situation": "unstable",
        },
    ),
)


@contextmanager
def _messages_kept_in_memory():
    """The demo applicants' confirmations and staff alerts are sent (the outbox shows them as
    sent) to in-memory backends, so they do not flood the terminal `make run` prints to."""
    saved = settings.EMAIL_BACKEND, settings.SMS_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = "locmem"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND, settings.SMS_BACKEND = saved


def load(*, stdout, style) -> None:
    if not getattr(settings, "DEMO_LOGINS_ALLOWED", False):
        stdout.write("Demo referrals: not created under production settings.")
        return
    if Referral.objects.exists():
        stdout.write("Demo referrals: skipped (referrals exist already).")
        return
    programs_demo.load()  # the waitlist and the held seat below need the catalog
    with _messages_kept_in_memory():
        for index, person in enumerate(PEOPLE, start=1):
            _screen(index, *person)
        demo_work.load()
    stdout.write(style.SUCCESS(f"Demo referrals: {len(PEOPLE)} fictional applicants screened."))


def _screen(index, first, last, born, contact, insurer, changes) -> None:
    """One applicant through the screener's own services: draft, answers, submit."""
    screening = screening_create()
    state, zip_code, language = HOME.get(first, ("MA", "02139", "en"))
    screening_save_step(
        screening=screening,
        fields={
            "first_name": first,
            "last_name": last,
            "date_of_birth": born,
            "phone": f"(555) 010-{1000 + index:04d}",
            "email": f"{first.lower()}.{last.lower()}@example.com",
            "preferred_contact": contact,
            "state": state,
            "zip_code": zip_code,
            "language": language,
            "insurance_carrier": insurer,
            "consent_terms": True,
            "consent_contact": True,
            "consent_sms": contact == "sms",
        },
        answers={**CALM, **changes},
    )
    referral_open_for_submission(
        screening=Screening.objects.get(pk=screening.pk),
        site_language=SITE_LANGUAGE.get(first, "en"),
    )
