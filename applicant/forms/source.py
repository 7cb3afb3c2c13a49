"""The optional "How did you hear about us?" page, just before the review (issue 14). Its
one answer is saved on the draft as ``Screening.heard_from``; nothing is required."""

from django import forms
from django.utils.translation import gettext_lazy as _

from screening.choices import ReferralSource
from screening.models import Screening

from .layout import field_layout, make_helper

STEP = "source"
HEADING = _("One more question")
INTRO = _("This question is optional. It helps us see how people find us.")
PROGRESS = _("Almost done")
REVIEW_TITLE = _("How you heard about us")
NOT_SAID = _("I'd rather not say")


class HeardFromForm(forms.Form):
    heard_from = forms.ChoiceField(
        label=_("How did you hear about us? (optional)"),
        required=False,
        choices=[*ReferralSource.choices, ("", NOT_SAID)],
        widget=forms.RadioSelect(attrs={"class": "choice-input"}),
        error_messages={"invalid_choice": _("Please choose one of the answers, or skip it.")},
    )

    def __init__(self, *args, context=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = make_helper(field_layout(self, "heard_from"))

    @property
    def draft_fields(self) -> dict[str, str]:
        return {"heard_from": self.cleaned_data.get("heard_from") or ""}

    @staticmethod
    def data_from_screening(screening: Screening) -> dict[str, str]:
        return {"heard_from": screening.heard_from} if screening.heard_from else {}


def review_rows(screening: Screening) -> list[tuple[str, str]]:
    answer = ReferralSource(screening.heard_from).label if screening.heard_from else NOT_SAID
    return [(str(HeardFromForm.base_fields["heard_from"].label), str(answer))]
