"""Choice sets shared by every app: level of care and urgency, in the clinic's words."""

from django.db import models


class Level(models.TextChoices):
    OUTPATIENT = "outpatient", "Outpatient"
    IOP = "iop", "Intensive outpatient (IOP)"
    PHP = "php", "Partial hospitalization (PHP)"
    INPATIENT = "inpatient", "Inpatient / residential"


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
