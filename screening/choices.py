"""Choice sets shared by every app: level of care and urgency, in the clinic's words.

The words themselves live in ``core.vocabulary`` (no Django); these are their ``TextChoices``
for models and forms."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import vocabulary
from core.vocabulary import LEVEL_ORDER, URGENCY_ORDER


def _text_choices(words: type[StrEnum]) -> type[models.TextChoices]:
    members = [(word.name, (word.value, vocabulary.LABELS[word])) for word in words]
    return models.TextChoices(words.__name__, members, module=__name__)


Level = _text_choices(vocabulary.Level)
Urgency = _text_choices(vocabulary.Urgency)
ContactMethod = _text_choices(vocabulary.ContactMethod)
BestTime = _text_choices(vocabulary.BestTime)
SiteLanguage = _text_choices(vocabulary.SiteLanguage)


class ReferralSource(models.TextChoices):
    """How the person heard of the program (the screener asks it, optionally; staff may set
    or correct it on the referral)."""

    SEARCH = "search", _("An internet search")
    CLINICIAN = "clinician", _("A doctor or therapist")
    HOSPITAL = "hospital", _("A hospital or emergency department")
    INSURER = "insurer", _("My insurance company")
    FRIEND_FAMILY = "friend_family", _("A friend or family member")
    SCHOOL_EMPLOYER = "school_employer", _("A school or employer")
    SOCIAL_MEDIA = "social_media", _("Social media")
    OTHER = "other", _("Somewhere else")


__all__ = [
    "LEVEL_ORDER",
    "URGENCY_ORDER",
    "BestTime",
    "ContactMethod",
    "Level",
    "ReferralSource",
    "SiteLanguage",
    "Urgency",
]
