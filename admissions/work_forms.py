"""Forms for working a referral beyond the first call: assessments, consent, waitlists,
bulk assignment and the deadline policy. They parse; the services enforce the rules."""

from __future__ import annotations

from django import forms

from screening.choices import Urgency

from .forms import StaffChoiceField
from .local_time_fields import LocalDateTimeField, LocalTimeForm
from .models import Assessment
from .selectors.staff import assignable_staff
from .services.assessments import DURATIONS
from .services.deadline_policy import MAX_HOURS

REASON_WIDGET = forms.Textarea(attrs={"rows": 2})


class AssessmentForm(LocalTimeForm):
    starts_at = LocalDateTimeField(label="Date and time")
    duration_minutes = forms.TypedChoiceField(
        label="Length", coerce=int, choices=[(m, f"{m} min") for m in DURATIONS], initial=60
    )
    mode = forms.ChoiceField(label="How", choices=Assessment.Mode.choices, widget=forms.RadioSelect)
    clinician = StaffChoiceField(label="Clinician", queryset=None, empty_label="Choose…")
    location = forms.CharField(
        label="Room, address or video link",
        required=False,
        max_length=200,
        help_text="Sent in the reminders for video and in-person assessments.",
    )
    local_fields = ("starts_at",)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("whose", "clinic time")
        super().__init__(*args, **kwargs)
        self.fields["clinician"].queryset = assignable_staff()


class RescheduleForm(AssessmentForm):
    reason = forms.CharField(label="Why it moves", max_length=500, widget=REASON_WIDGET)


class CancelAssessmentForm(forms.Form):
    reason = forms.CharField(label="Why it is cancelled", max_length=500, widget=REASON_WIDGET)


class AssessmentOutcomeForm(forms.Form):
    attended = forms.TypedChoiceField(
        choices=[("yes", "Attended"), ("no", "No-show")], coerce=lambda v: v == "yes"
    )


class ConsentForm(forms.Form):
    consent_contact = forms.BooleanField(label="May be contacted by message", required=False)
    consent_sms = forms.BooleanField(label="May be texted", required=False)
    note = forms.CharField(
        label="How they told you",
        max_length=500,
        widget=REASON_WIDGET,
        help_text="For example: “Said on the phone today that texts are fine.”",
    )


class WaitlistRemoveForm(forms.Form):
    reason = forms.CharField(label="Why", max_length=200)


class BulkAssignForm(forms.Form):
    referrals = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=False)
    assignee = StaffChoiceField(
        label="Assign selected to", queryset=None, required=False, empty_label="Nobody (unassign)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_staff()
        data = self.data.getlist("referrals") if hasattr(self.data, "getlist") else []
        self.fields["referrals"].choices = [(v, v) for v in data if str(v).isdigit()][:200]

    def clean_referrals(self):
        chosen = self.cleaned_data["referrals"]
        if not chosen:
            raise forms.ValidationError("Tick the referrals to assign first.")
        return chosen


class DeadlinePolicyForm(forms.Form):
    """Hours to first contact, one field per urgency, most urgent first."""

    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for urgency, hours in current.items():
            self.fields[urgency] = forms.IntegerField(
                label=Urgency(urgency).label,
                min_value=1,
                max_value=MAX_HOURS,
                initial=hours,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def hours(self) -> dict[str, int]:
        return {urgency: self.cleaned_data[urgency] for urgency in Urgency.values}
