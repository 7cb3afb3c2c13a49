"""Free text has a ceiling in the database too, not only in the form that usually fills it:
a ``TextField(max_length=...)`` is enforced by Django's forms alone, so each one also gets
a check constraint (``Length(field) <= max_length``) the database applies to every write."""

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual


def text_length_constraints(model_name: str, **limits: int) -> list[models.CheckConstraint]:
    """``text_length_constraints("note", body=5000)`` -> ``[CheckConstraint(...)]``."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(field), limit),
            name=f"{model_name}_{field}_max_length",
        )
        for field, limit in limits.items()
    ]
