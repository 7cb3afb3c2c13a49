"""Staff forms for a referral's source and referring provider, and its insurance
verification. They parse; ``services.referral_source`` and ``services.insurance`` write."""

from django import forms

from .models import InsuranceStatus
from .services.insurance import VERIFICATION_FIELDS
from .services.referral_source import SOURCE_FIELDS
from .source_labels import NOT_GIVEN, STAFF_SOURCE_LABELS, source_label

__all__ = ["InsuranceForm", "SourceForm", "source_label"]

SOURCE_CHOICES = [("", NOT_GIVEN), *STAFF_SOURCE_LABELS.items()]


def _text(label: str, max_length: int, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=max_length, **kwargs)


class SourceForm(forms.Form):
    source = forms.ChoiceField(label="How they heard of us", required=False, choices=SOURCE_CHOICES)
    referring_provider_name = _text("Referring provider", 100)
    referring_provider_organisation = _text("Provider's organisation", 200)
    referring_provider_phone = _text("Provider's phone", 32)
    referring_provider_email = forms.EmailField(
        label="Provider's email", required=False, max_length=254
    )

    def values(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in SOURCE_FIELDS}


class InsuranceForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=InsuranceStatus.choices)
    carrier = _text("Carrier (payer)", 100)
    payer_id = _text("Payer id", 20, help_text="The clearinghouse's code for the payer.")
    plan = _text("Plan", 200)
    member_id = _text("Member id", 64)
    group_number = _text("Group number", 64)
    coverage_start = forms.DateField(
        label="Coverage from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    coverage_end = forms.DateField(
        label="Coverage to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    benefit_notes = _text(
        "Behavioural health / IOP benefit",
        2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cost_notes = _text("Copay and deductible", 2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("coverage_start"), cleaned.get("coverage_end")
        if start and end and start > end:
            self.add_error("coverage_end", "Coverage can't end before it starts.")
        return cleaned

    def values(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in VERIFICATION_FIELDS}
