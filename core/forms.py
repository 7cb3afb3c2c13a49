"""Form fields shared by the staff filter forms."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

EARLIEST_FILTER_DATE = date(2000, 1, 1)
LATEST_FILTER_DATE = date(2999, 12, 31)
"""Far enough either way for any real record; leaves room for "the day after" arithmetic
(``date.max`` + 1 day overflows)."""


def filter_date_field(label: str) -> forms.DateField:
    """An optional date for a filter, refused kindly outside years 2000 to 2999."""
    message = "Choose a date between 2000 and 2999."
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[
            MinValueValidator(EARLIEST_FILTER_DATE, message=message),
            MaxValueValidator(LATEST_FILTER_DATE, message=message),
        ],
    )
