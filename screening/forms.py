"""The administrator's form for publishing a rule-set version (staff workspace)."""

from django import forms

from .scoring import RULE_SETS

NOTE_MAX_LENGTH = 2000


class RuleSetPublishForm(forms.Form):
    version = forms.ChoiceField(
        label="Version to publish",
        error_messages={
            "required": "Choose the version to publish.",
            "invalid_choice": "Choose a registered version that is not already active.",
        },
    )
    note = forms.CharField(
        label="Why publish this version",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Who reviewed it and what changes for new screenings. Kept in the publication "
            "history; do not write about any applicant."
        ),
        error_messages={"required": "Say why this version is being published."},
    )

    def __init__(self, *args, active_version: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [
            ("", "Choose a version"),
            *((v, v) for v in RULE_SETS if v != active_version),
        ]
