"""Screenings as the public screener leaves them: drafts with contact details and answers,
and submitted ones built through the real intake services."""

from datetime import date

import factory

from admissions.services.intake import referral_open_for_submission
from screening.models import Screening
from tests.screening.scoring.answers import baseline


class DraftFactory(factory.django.DjangoModelFactory):
    """A draft with the about and consent pages done and every topic answered calmly."""

    class Meta:
        model = Screening

    first_name = "Robin"
    last_name = "Vale"
    date_of_birth = date(1990, 4, 12)
    phone = "(555) 010-0142"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    preferred_contact = "phone"
    best_time = "evening"
    state = "MA"
    zip_code = "02139"
    language = "en"
    consent_terms = True
    consent_contact = True
    consent_sms = False
    current_step = "review"
    answers = factory.LazyFunction(baseline)


def submitted(**fields) -> Screening:
    """A screening submitted through intake (scored, stored, referral opened or attached)."""
    answers = fields.pop("answers", None)
    screening = DraftFactory(**fields)
    if answers is not None:
        screening.answers = answers
        screening.save()
    referral_open_for_submission(screening=screening)
    screening.refresh_from_db()
    return screening
