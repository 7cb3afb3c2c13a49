"""Choice sets shared by every app: level of care and urgency, in the clinic's words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    OUTPATIENT = "outpatient", _("Outpatient")
    IOP = "iop", _("Intensive outpatient (IOP)")
    PHP = "php", _("Partial hospitalization (PHP)")
    INPATIENT = "inpatient", _("Inpatient / residential")


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    PRIORITY = "priority", "Priority"
    URGENT = "urgent", "Urgent"
    EMERGENT = "emergent", "Emergent"


LEVEL_ORDER = {value: index for index, value in enumerate(Level.values)}
URGENCY_ORDER = {value: index for index, value in enumerate(Urgency.values)}


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    SMS = "sms", "Text message"
    EMAIL = "email", "Email"


class BestTime(models.TextChoices):
    ANY = "any", "Any time"
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"


class SiteLanguage(models.TextChoices):
    """The language a person used the public site in; every later message to them uses it.
    (Not the language they want their care in: that is ``Screening.language``.)"""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"
