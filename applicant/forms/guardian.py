"""The parent-or-guardian page, asked only of applicants aged 12 to 17 (straight after the
"about you" page): whom the clinic may also contact, and how."""

from datetime import date

from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from screening.answers import age_on
from screening.models import Screening

from .layout import field_layout, make_helper
from .phone import us_phone

ADULT_AGE = 18
GUARDIAN_FIELDS = Screening.GUARDIAN_FIELDS
RELATIONSHIPS = (
    ("parent", gettext_lazy("Parent")),
    ("guardian", gettext_lazy("Legal guardian")),
    ("other", gettext_lazy("Another adult who cares for me")),
)


def is_minor(born: date | None) -> bool:
    """Aged 12 to 17 today (the screener refuses under 12)."""
    return born is not None and age_on(born, timezone.localdate()) < ADULT_AGE


class GuardianForm(forms.Form):
    guardian_name = forms.CharField(
        label=gettext_lazy("Their name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": gettext_lazy("Please enter their name.")},
    )
    guardian_relationship = forms.ChoiceField(
        label=gettext_lazy("Who are they to you?"),
        choices=RELATIONSHIPS,
        widget=forms.RadioSelect(attrs={"class": "choice-input"}),
        error_messages={"required": gettext_lazy("Please choose an answer.")},
    )
    guardian_phone = forms.CharField(
        label=gettext_lazy("Their phone number"),
        max_length=32,
        help_text=gettext_lazy("A US number, like (555) 010-0199."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        error_messages={
            "required": gettext_lazy("Please enter a phone number for your parent or guardian.")
        },
    )
    guardian_email = forms.EmailField(
        label=gettext_lazy("Their email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "invalid": gettext_lazy("Please enter an email address like name@example.com.")
        },
    )

    def __init__(self, *args, context=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = make_helper(
            Fieldset(
                _("How we can reach them"),
                *(field_layout(self, name) for name in GUARDIAN_FIELDS),
            )
        )

    def clean_guardian_phone(self) -> str:
        return us_phone(self.cleaned_data["guardian_phone"])

    def clean_guardian_email(self) -> str:
        return self.cleaned_data["guardian_email"].strip()

    @property
    def fields_to_save(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in GUARDIAN_FIELDS}

    @staticmethod
    def data_from_screening(screening: Screening) -> dict[str, object] | None:
        if not (screening.guardian_name and screening.guardian_phone):
            return None
        return {name: getattr(screening, name) for name in GUARDIAN_FIELDS}
