"""Form fields for rule-set items, built from the question wording in
``screening.scoring.questions`` so the screener and the staff pages never disagree."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

from screening.scoring.questions import (
    BOOLEAN,
    HOW_OFTEN_2_WEEKS,
    MULTIPLE,
    NUMBER,
    QUESTIONS_BY_CODE,
    SINGLE,
)

from ..wording import say_lazy
from .codec import encode
from .numbers import whole_number_field

CHOOSE_ONE = gettext_lazy("Please choose an answer.")


def _number_message(low: int, high: int) -> str:
    return gettext("Please enter a whole number from %(low)s to %(high)s.") % {
        "low": low,
        "high": high,
    }


def _number_hint(low: int, high: int) -> str:
    return gettext("A number from %(low)s to %(high)s.") % {"low": low, "high": high}


def question_field(code: str, *, required: bool) -> forms.Field:
    question = QUESTIONS_BY_CODE[code]
    choices = [(encode(value), say_lazy(label)) for value, label in question.choices]
    label, help_text = say_lazy(question.text), say_lazy(question.help)
    if question.kind in (SINGLE, BOOLEAN):
        field = forms.ChoiceField(
            label=label,
            help_text=help_text,
            required=required,
            choices=choices,
            widget=forms.RadioSelect(attrs={"class": "choice-input"}),
            error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
        )
        # The 2-week symptom items (PHQ-9, GAD-7) share one 4-point scale: shown as a row of
        # four, so that a page of them fits on few phone screens.
        field.scale = question.choices == HOW_OFTEN_2_WEEKS or code == "phq9_difficulty"
        return field
    if question.kind == MULTIPLE:
        return forms.MultipleChoiceField(
            label=label,
            help_text=help_text,
            required=False,
            choices=choices,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-input"}),
            error_messages={
                "invalid_choice": gettext_lazy("Please choose from the options shown.")
            },
        )
    if question.kind == NUMBER:
        low, high = question.min_value, question.max_value
        return whole_number_field(
            label=label,
            low=low,
            high=high,
            message=lazy(_number_message, str)(low, high),
            required=required,
            help_text=help_text if question.help else lazy(_number_hint, str)(low, high),
        )
    raise ValueError(f"no form field for {code} ({question.kind})")
