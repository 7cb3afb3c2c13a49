"""Whole-number fields for the screener."""

from django import forms


def whole_number_field(
    *,
    label: str,
    low: int,
    high: int,
    message: str,
    required: bool,
    help_text: str = "",
    autocomplete: str = "off",
    css_class: str = "input-number",
) -> forms.IntegerField:
    """A number from ``low`` to ``high`` typed on a phone's numeric keypad (a text input, so
    there is no spinner); ``message`` explains every way the entry can be wrong."""
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=low,
        max_value=high,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autocomplete": autocomplete,
                "class": css_class,
            }
        ),
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), message),
    )
