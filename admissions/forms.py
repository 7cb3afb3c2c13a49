"""Forms for the staff workspace. They parse input; the services enforce the rules."""

from django import forms

from core.forms import filter_date_field
from screening.choices import Level, Urgency

from . import pipeline
from .display import FLAG_LABELS
from .local_time_fields import LocalDateTimeField, LocalTimeForm
from .models import ContactAttempt, InsuranceStatus, Referral
from .selectors.queue import (
    ALL,
    ASSIGNED_TO_ME,
    AWAITING,
    NO_SOURCE,
    OPEN,
    UNASSIGNED,
    QueueFilters,
)
from .selectors.staff import assignable_staff, staff_label
from .source_labels import STAFF_SOURCE_LABELS

PER_PAGE_CHOICES = (25, 50, 100)


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label="Search", required=False, max_length=100, help_text="Name, phone or email"
    )
    status = forms.ChoiceField(
        required=False,
        choices=[
            (OPEN, "Open (new, contacting, scheduled)"),
            (ALL, "All statuses"),
            *Referral.Status.choices,
        ],
    )
    urgency = forms.ChoiceField(required=False, choices=[("", "Any urgency"), *Urgency.choices])
    level = forms.ChoiceField(required=False, choices=[("", "Any level"), *Level.choices])
    flag = forms.ChoiceField(
        required=False, choices=[("", "Any flag"), *sorted(FLAG_LABELS.items())]
    )
    assigned = forms.ChoiceField(
        label="Assigned to",
        required=False,
        choices=[("", "Anyone"), (ASSIGNED_TO_ME, "Me"), (UNASSIGNED, "Unassigned")],
    )
    source = forms.ChoiceField(
        required=False,
        choices=[("", "Any source"), *STAFF_SOURCE_LABELS.items(), (NO_SOURCE, "Not given")],
    )
    insurance = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any insurance status"),
            (AWAITING, "Awaiting verification"),
            *InsuranceStatus.choices,
        ],
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)
    submitted_from = filter_date_field("Submitted from")
    submitted_to = filter_date_field("Submitted to")
    per_page = forms.TypedChoiceField(
        label="Per page",
        required=False,
        coerce=int,
        empty_value=PER_PAGE_CHOICES[0],
        choices=[(n, str(n)) for n in PER_PAGE_CHOICES],
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", "The end date is before the start date.")
        return cleaned

    def filters(self) -> QueueFilters:
        """The filters to apply; any field that did not validate is ignored."""
        data = self.cleaned_data if self.is_bound else {}
        valid = {name: data.get(name) for name in data if name not in self.errors}
        return QueueFilters(
            status=valid.get("status") or OPEN,
            urgency=valid.get("urgency") or "",
            level=valid.get("level") or "",
            flag=valid.get("flag") or "",
            assigned=valid.get("assigned") or "",
            overdue=bool(valid.get("overdue")),
            submitted_from=valid.get("submitted_from"),
            submitted_to=valid.get("submitted_to"),
            source=valid.get("source") or "",
            insurance=valid.get("insurance") or "",
            q=(valid.get("q") or "").strip(),
        )

    def controls(self) -> list[dict]:
        """Every filter but the search box and the overdue tick, ready to render: the page
        draws them without per-option template lookups (the queue is a hot page)."""
        controls = []
        for name in (
            "status",
            "urgency",
            "level",
            "flag",
            "assigned",
            "source",
            "insurance",
            "submitted_from",
            "submitted_to",
            "per_page",
        ):
            bound = self[name]
            current = "" if bound.value() is None else str(bound.value())
            field = self.fields[name]
            control = {
                "name": name,
                "id": bound.id_for_label,
                "label": field.label or name.replace("_", " ").capitalize(),
                "errors": list(bound.errors),
                "value": current,
                "options": None,
            }
            if hasattr(field, "choices"):
                control["options"] = [
                    (str(value), label, str(value) == current) for value, label in field.choices
                ]
            controls.append(control)
        return controls

    def page_size(self) -> int:
        if self.is_bound and "per_page" not in self.errors:
            return self.cleaned_data.get("per_page") or PER_PAGE_CHOICES[0]
        return PER_PAGE_CHOICES[0]


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return staff_label(obj)


class AssignForm(forms.Form):
    assignee = StaffChoiceField(
        label="Assign to", queryset=None, required=False, empty_label="Nobody (unassigned)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_staff()


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label="Move to")
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required to end a referral or to reopen one.",
    )

    unreached_reason = forms.CharField(
        label="Admitting without a reached contact? Say why",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Nobody has logged reaching this person; admitting them needs a reason.",
    )

    def __init__(self, *args, current_status: str, reached: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Referral.Status.choices)
        allowed = pipeline.allowed_next(current_status)
        self.fields["to_status"].choices = [(value, labels[value]) for value in allowed]
        if reached or pipeline.ADMITTED not in allowed:
            del self.fields["unreached_reason"]


class NoteForm(forms.Form):
    body = forms.CharField(label="Note", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ContactAttemptForm(LocalTimeForm):
    """One attempt. ``zone`` is the applicant's: the callback is typed in their time."""

    channel = forms.ChoiceField(
        choices=ContactAttempt.Channel.choices, widget=forms.RadioSelect, label="How"
    )
    outcome = forms.ChoiceField(
        choices=ContactAttempt.Outcome.choices, widget=forms.RadioSelect, label="Outcome"
    )
    callback_at = LocalDateTimeField(label="Call back", required=False)
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    local_fields = ("callback_at",)


class OverrideForm(forms.Form):
    level = forms.ChoiceField(label="Level of care", choices=[("", "Choose…"), *Level.choices])
    reason = forms.CharField(
        label="Clinical reason",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Explain the decision in a sentence or two. It is kept with the override.",
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
