"""A US phone number, as the screener takes it: on the first page, and on the crisis,
safety-check and result pages when a call is promised and no number was given."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from screening.contact import phone_digits

from .layout import field_layout, make_helper

PHONE_HINT = gettext_lazy("So that a clinician can call you. A US number, like (555) 010-0199.")


def us_phone(value: str) -> str:
    """``"555 010 0199"`` -> ``"(555) 010-0199"``; "" stays ""; anything else is an error."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = phone_digits(value)
    if len(digits) != 10:
        raise forms.ValidationError(_("Please enter a 10-digit phone number, like (555) 010-0199."))
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


class CallbackPhoneForm(forms.Form):
    prefix = "callback"
    phone = forms.CharField(
        label=gettext_lazy("Your phone number"),
        max_length=32,
        help_text=PHONE_HINT,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={
            "required": gettext_lazy("Please enter a phone number so we can call you.")
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = make_helper(field_layout(self, "phone"))

    def clean_phone(self) -> str:
        return us_phone(self.cleaned_data["phone"])
