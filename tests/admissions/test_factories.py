"""``make_referral`` writes the rows intake writes for a submitted screening — the referral,
its screening link and its opening status change — so tests built on it see what staff see.
(Intake also queues follow-ups and audits the opening, and a crisis opens its crisis episode
with the alert — the episode and the referral's ``crisis_open`` — the factory leaves those to
the tests that check them.)"""

import pytest

from admissions.models import Referral
from admissions.services.intake import contact_keys, referral_open_for_submission
from screening.services import screening_create, screening_save_step
from tests.admissions.factories import PERSON_FIELDS, _dob_for_age, answers_for, make_referral

pytestmark = pytest.mark.django_db

OWN = {"id", "created_at", "updated_at", "status_changed_at", "due_at", "latest_screening_id"}
ALERT = {"crisis_open"}  # written with the crisis alert (crisis_alerts.followups_for_crisis)
PERSON = PERSON_FIELDS | {"email_key", "phone_key"}


def _person(n: int) -> dict:
    return {
        "first_name": f"Same{n}",
        "last_name": "Rows",
        "email": f"same{n}@example.com",
        "phone": f"(555) 300-000{n}",
        "date_of_birth": _dob_for_age(34),
        "consent_contact": True,
    }


def _through_intake(person: dict, answers: dict) -> Referral:
    fields = {**person, "consent_terms": True}
    draft = screening_save_step(screening=screening_create(), fields=fields, answers=answers)
    return referral_open_for_submission(screening=draft).referral


def _rows(referral: Referral) -> dict:
    referral.refresh_from_db()
    screening = referral.latest_screening
    fields = {f.attname: getattr(referral, f.attname) for f in Referral._meta.concrete_fields}
    return {
        "referral": {k: v for k, v in fields.items() if k not in OWN | PERSON | ALERT},
        "person": {k: fields[k] for k in PERSON_FIELDS}
        == {k: getattr(screening, k) for k in PERSON_FIELDS},
        "keys": (referral.email_key, referral.phone_key)
        == contact_keys(email=screening.email, phone=screening.phone),
        "due_after": referral.due_at - screening.submitted_at,
        "linked_to_latest": list(referral.screening_links.values_list("screening_id", flat=True))
        == [screening.pk],
        "status_changes": list(
            referral.status_changes.values_list("from_status", "to_status", "reason", "changed_by")
        ),
    }


@pytest.mark.parametrize(
    ("level", "crisis"), [("outpatient", False), ("php", False), ("inpatient", True)]
)
def test_make_referral_writes_the_rows_intake_writes(level, crisis):
    answers = answers_for(level, crisis=crisis)
    by_intake = _rows(_through_intake(_person(1), answers))
    by_factory = _rows(make_referral(answers=answers, **_person(2)))

    assert by_factory == by_intake
    assert by_factory["person"] and by_factory["keys"] and by_factory["linked_to_latest"]
