"""The level of care in effect for a referral, as one SQL expression: a clinician's override
when there is one, else the screening's recommendation. The queue's level filter and the
model's index on it use this same expression, so the filter is an index look-up."""

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf


def level_in_effect():
    return Coalesce(NullIf(F("override_level"), Value("")), F("level"))
