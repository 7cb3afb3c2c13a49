"""Choice sets shared by every app: level of care and urgency, in the clinic's words.

The words themselves live in ``core.vocabulary`` (no Django); these are their ``TextChoices``
for models and forms."""

from enum import StrEnum

from django.db import models

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

__all__ = [
    "LEVEL_ORDER",
    "URGENCY_ORDER",
    "BestTime",
    "ContactMethod",
    "Level",
    "SiteLanguage",
    "Urgency",
]
