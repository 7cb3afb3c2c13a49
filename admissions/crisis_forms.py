"""Forms of the crisis pathway on the staff referral page: a crisis episode's outcome, a
co-sign or a decline of a lowered crisis level, and the brief safety assessment."""

from django import forms

from .models import CrisisEpisode


class CrisisOutcomeForm(forms.Form):
    prefix = "crisis"
    outcome = forms.ChoiceField(
        label="How did the crisis end?",
        choices=CrisisEpisode.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the crisis ended."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required for “Other”. What was done, who was involved, what happens next.",
    )


class CosignForm(forms.Form):
    prefix = "cosign"
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    prefix = "decline"
    note = forms.CharField(
        label="Why not?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why you do not co-sign."},
    )


class SafetyAssessmentForm(forms.Form):
    prefix = "safety"
    summary = forms.CharField(
        label="Assessment summary",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Risk found, safety plan, follow-up. Kept as a note on this referral.",
        error_messages={"required": "Summarise the assessment."},
    )
