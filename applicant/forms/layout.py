"""Rendering the screener's forms with crispy-forms: every field through one of a few
accessible templates (label or legend, hint, error, input — errors tied with aria-describedby),
and conditional questions wrapped so that JavaScript can reveal them in place."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, LayoutObject
from django import forms
from django.template.loader import render_to_string

from screening.scoring.items import ITEMS_BY_CODE

from .codec import encode

CHOICES_TEMPLATE = "applicant/fields/choices.html"
TEXT_TEMPLATE = "applicant/fields/text.html"
CHECKBOX_TEMPLATE = "applicant/fields/checkbox.html"


def field_layout(form: forms.Form, name: str) -> Field:
    widget = form.fields[name].widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return Field(name, template=CHOICES_TEMPLATE)
    if isinstance(widget, forms.CheckboxInput):
        return Field(name, template=CHECKBOX_TEMPLATE)
    return Field(name, template=TEXT_TEMPLATE)


def conditional_block(form: forms.Form, code: str) -> Div:
    """Hidden, with its inputs disabled, until script shows it; without script the follow-up
    page asks it instead (a disabled input is never submitted)."""
    condition = ITEMS_BY_CODE[code].condition
    assert condition is not None
    return Div(
        field_layout(form, code),
        css_class="conditional-question",
        hidden=True,
        data_when=" ".join(condition.controllers),
        data_values=" ".join(str(encode(value)) for value in condition.triggers),
        data_prefix=form.prefix or "",
    )


AFTER_QUESTION = {
    # PHQ-9 item 9 above 0: a supportive note with the 988 line, in place (spec 10.2).
    "phq9_9": '{% include "applicant/notes/item9.html" %}',
    # Where the safety page's script shows crisis help in place (spec 10.1).
    "asq_5": '{% include "applicant/notes/crisis_slot.html" with code="asq_5" %}',
    "harm_others_now": (
        '{% include "applicant/notes/crisis_slot.html" with code="harm_others_now" %}'
    ),
}


def after_question(code: str) -> list[HTML]:
    """What the page shows right under a question, if anything."""
    html = AFTER_QUESTION.get(code)
    return [HTML(html)] if html else []


class DateParts(LayoutObject):
    """Day, month and year boxes in one fieldset, with their errors together."""

    template = "applicant/fields/date.html"

    def __init__(self, legend: str, *names: str, hint: str = "") -> None:
        self.legend = legend
        self.fields = list(names)
        self.hint = hint

    def render(self, form, context, template_pack=None, **kwargs):
        fields = [form[name] for name in self.fields]
        return render_to_string(
            self.template,
            {
                "legend": self.legend,
                "hint": self.hint,
                "fields": fields,
                "hint_id": f"{fields[0].auto_id}_group_hint",
                "has_errors": any(field.errors for field in fields),
            },
        )


def make_helper(*layout) -> FormHelper:
    """A helper that renders fields only: the step template owns the form tag and buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper
