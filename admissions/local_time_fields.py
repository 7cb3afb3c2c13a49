"""Form fields for a time in the applicant's own zone (a callback, an appointment): the
browser's ``datetime-local`` input, read and shown in the zone the form is given."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

INPUT_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=INPUT_FORMAT)
    input_formats = [INPUT_FORMAT, "%Y-%m-%d %H:%M"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", self.input_formats)
        super().__init__(*args, **kwargs)
        self.zone: ZoneInfo | None = None

    def to_python(self, value):
        """Parse as a naive time, then place it in ``self.zone`` (not the clinic's)."""
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        for fmt in self.input_formats:
            try:
                naive = datetime.strptime(str(value).strip(), fmt)
            except ValueError:
                continue
            return naive.replace(tzinfo=self.zone or timezone.get_current_timezone())
        raise forms.ValidationError("Enter a date and time.", code="invalid")

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return value.astimezone(self.zone or timezone.get_current_timezone()).strftime(
                INPUT_FORMAT
            )
        return value


class LocalTimeForm(forms.Form):
    """A form whose ``local_fields`` are typed in ``zone``: the applicant's ("their time")
    unless ``whose`` says otherwise; labelled with the zone's abbreviation."""

    local_fields: tuple[str, ...] = ()

    def __init__(self, *args, zone: ZoneInfo | None = None, whose: str = "their time", **kwargs):
        super().__init__(*args, **kwargs)
        zone = zone or timezone.get_current_timezone()
        abbreviation = timezone.now().astimezone(zone).tzname()
        for name in self.local_fields:
            field = self.fields[name]
            field.zone = zone
            field.label = f"{field.label} ({whose}, {abbreviation})"
