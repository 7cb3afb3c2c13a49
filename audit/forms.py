from django import forms

from core.forms import filter_date_field

from .models import AuditEvent
from .selectors import AuditFilters

OBJECT_TYPES = (
    ("referral", "Referral"),
    ("screening", "Screening"),
    ("referral_queue", "Referral queue"),
    ("user", "Staff account"),
    ("rule_set", "Rule set"),
)


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="Who (username)", required=False, max_length=150)
    action = forms.ChoiceField(
        required=False, choices=[("", "Any action"), *AuditEvent.Action.choices]
    )
    object_type = forms.ChoiceField(
        label="Record type", required=False, choices=[("", "Any record"), *OBJECT_TYPES]
    )
    object_id = forms.CharField(label="Record id", required=False, max_length=64)
    date_from = filter_date_field("From")
    date_to = filter_date_field("To")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned

    def filters(self) -> AuditFilters:
        data = self.cleaned_data if self.is_bound else {}
        valid = {name: data.get(name) for name in data if name not in self.errors}
        return AuditFilters(
            actor=(valid.get("actor") or "").strip(),
            action=valid.get("action") or "",
            object_type=valid.get("object_type") or "",
            object_id=(valid.get("object_id") or "").strip(),
            date_from=valid.get("date_from"),
            date_to=valid.get("date_to"),
        )
