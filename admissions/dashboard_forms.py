"""The dashboard's date range: two dates in the clinic's time zone, both days included."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone

from core.forms import filter_date_field

from .selectors.dashboard import DateRange

MAX_DAYS = 366
DEFAULT_DAYS = 30


def default_range(today: date | None = None) -> DateRange:
    """The last 30 days, today included."""
    today = today or timezone.localdate()
    return DateRange(start=today - timedelta(days=DEFAULT_DAYS - 1), end=today)


class DashboardRangeForm(forms.Form):
    start = filter_date_field("From")
    end = filter_date_field("To")

    def __init__(self, data=None, *, today: date | None = None, **kwargs) -> None:
        self.today = today or timezone.localdate()
        default = default_range(self.today)
        data = data.copy() if data is not None else None
        if data is not None:
            for name, value in (("start", default.start), ("end", default.end)):
                if not data.get(name):
                    data[name] = value.isoformat()
        super().__init__(data, initial={"start": default.start, "end": default.end}, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", "The end date is before the start date.")
            elif (end - start).days + 1 > MAX_DAYS:
                self.add_error("end", f"Choose a range of at most {MAX_DAYS} days.")
            elif start > self.today:
                self.add_error("start", "The range starts in the future: nothing has happened yet.")
        return cleaned

    def period(self) -> DateRange:
        return DateRange(start=self.cleaned_data["start"], end=self.cleaned_data["end"])
