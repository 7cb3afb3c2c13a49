"""Form fields for rule-set items, built from the question wording in
``screening.scoring.questions`` so the screener and the staff pages never disagree."""

from django import forms

from screening.scoring.questions import BOOLEAN, MULTIPLE, NUMBER, QUESTIONS_BY_CODE, SINGLE

from .codec import encode
from .numbers import whole_number_field

CHOOSE_ONE = "Please choose an answer."


def question_field(code: str, *, required: bool) -> forms.Field:
    question = QUESTIONS_BY_CODE[code]
    choices = [(encode(value), label) for value, label in question.choices]
    if question.kind in (SINGLE, BOOLEAN):
        return forms.ChoiceField(
            label=question.text,
            help_text=question.help,
            required=required,
            choices=choices,
            widget=forms.RadioSelect(attrs={"class": "choice-input"}),
            error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
        )
    if question.kind == MULTIPLE:
        return forms.MultipleChoiceField(
            label=question.text,
            help_text=question.help,
            required=False,
            choices=choices,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-input"}),
            error_messages={"invalid_choice": "Please choose from the options shown."},
        )
    if question.kind == NUMBER:
        low, high = question.min_value, question.max_value
        return whole_number_field(
            label=question.text,
            low=low,
            high=high,
            message=f"Please enter a whole number from {low} to {high}.",
            required=required,
            help_text=question.help or f"A number from {low} to {high}.",
        )
    raise ValueError(f"no form field for {code} ({question.kind})")
