"""The pages around the clinical questions: the date of birth (the age check comes first),
consent, how to reach the person, and after the questions the rest of their details."""

import re
from datetime import date

from crispy_forms.layout import Fieldset
from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from screening.answers import age_on
from screening.choices import BestTime, ContactMethod
from screening.models import Screening

from .layout import DateParts, field_layout, make_helper
from .numbers import whole_number_field
from .phone import us_phone
from .places import LANGUAGES, US_STATES
from .wording_choices import lazy_choices

MIN_AGE = 12
MAX_AGE = 120
ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")

CONTACT_PAGE_FIELDS = ("first_name", "preferred_contact", "phone", "consent_sms", "email")
DETAILS_PAGE_FIELDS = (
    "last_name",
    "state",
    "zip_code",
    "language",
    "best_time",
    "insurance_carrier",
    "insurance_member_id",
)
CONSENT_FIELDS = ("consent_terms", "consent_contact")
"""The consent page's boxes (agreeing to texts is asked with the contact method)."""


def _too_long(max_length: int) -> str:
    return _("That's too long: please use at most %(count)s characters.") % {"count": max_length}


def _text(
    label, *, required=True, autocomplete="", help_text="", max_length=100, missing="", **attrs
):
    attrs = {"autocomplete": autocomplete or "off", **attrs}
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
        error_messages={
            "required": missing,
            "max_length": lazy(_too_long, str)(max_length),
        },
    )


def _date_part(label, css: str, low: int, high: int, autocomplete: str, message):
    return whole_number_field(
        label=label,
        low=low,
        high=high,
        message=message,
        required=False,
        autocomplete=autocomplete,
        css_class=f"input-date-{css}",
    )


def _radios(label: str, choices, *, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        help_text=help_text,
        widget=forms.RadioSelect(attrs={"class": "choice-input"}),
        error_messages={"required": gettext_lazy("Please choose an answer.")},
    )


class AboutForm(forms.Form):
    """Page 1: the date of birth alone, so that the age check comes before anything else."""

    dob_month = _date_part(
        gettext_lazy("Month"),
        "month",
        1,
        12,
        "bday-month",
        gettext_lazy("Enter the month as a number, 1 to 12."),
    )
    dob_day = _date_part(
        gettext_lazy("Day"),
        "day",
        1,
        31,
        "bday-day",
        gettext_lazy("Enter the day as a number, 1 to 31."),
    )
    dob_year = _date_part(
        gettext_lazy("Year"),
        "year",
        1000,
        9999,
        "bday-year",
        gettext_lazy("Enter the year with 4 digits, like 1990."),
    )

    def __init__(self, *args, context=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.too_young = False
        self.fields_to_save: dict[str, object] = {}
        for name in ("dob_month", "dob_day", "dob_year"):
            self.fields[name].summary_label = _("Date of birth")
        self.helper = make_helper(
            DateParts(
                _("Date of birth"),
                "dob_month",
                "dob_day",
                "dob_year",
                hint=_("For example, 3 27 1990."),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        self._clean_date_of_birth(cleaned)
        if not self.errors:
            self.fields_to_save = {"date_of_birth": cleaned["date_of_birth"]}
        return cleaned

    def _clean_date_of_birth(self, cleaned) -> None:
        names = ("dob_month", "dob_day", "dob_year")
        if any(name in self.errors for name in names):
            return
        given = {name: cleaned.get(name) for name in names}
        if all(value is None for value in given.values()):
            self.add_error("dob_month", _("Please enter your date of birth."))
            return
        missing = {
            "dob_month": gettext_lazy("Please enter the month you were born."),
            "dob_day": gettext_lazy("Please enter the day you were born."),
            "dob_year": gettext_lazy("Please enter the year you were born."),
        }
        for name, value in given.items():
            if value is None:
                self.add_error(name, missing[name])
        if None in given.values():
            return
        parts = (given["dob_year"], given["dob_month"], given["dob_day"])
        try:
            born = date(*parts)  # type: ignore[arg-type]
        except ValueError:
            self.add_error("dob_day", _("That date doesn't exist. Please check the day and month."))
            return
        today = timezone.localdate()
        if born > today:
            self.add_error("dob_year", _("Your date of birth must be in the past."))
            return
        age = age_on(born, today)
        if age > MAX_AGE:
            earliest = today.year - MAX_AGE
            self.add_error(
                "dob_year",
                _(
                    "Please check the year you were born: this screener is for people aged "
                    "%(low)s to %(high)s, born in %(earliest)s or later."
                )
                % {"low": MIN_AGE, "high": MAX_AGE, "earliest": earliest},
            )
            return
        cleaned["date_of_birth"] = born
        self.too_young = age < MIN_AGE

    @staticmethod
    def data_from_screening(screening: Screening) -> dict[str, object] | None:
        born = screening.date_of_birth
        if born is None:
            return None
        return {"dob_year": str(born.year), "dob_month": str(born.month), "dob_day": str(born.day)}


class ContactForm(forms.Form):
    """After consent: only what the crisis pathway needs to reach the person (a first name,
    a phone number or an email address, and which of them to use). The rest comes after the
    clinical questions (``DetailsForm``)."""

    first_name = _text(
        gettext_lazy("First name"),
        autocomplete="given-name",
        missing=gettext_lazy("Please enter your first name."),
    )
    preferred_contact = _radios(
        gettext_lazy("How would you like us to contact you?"), lazy_choices(ContactMethod.choices)
    )
    preferred_contact.initial = ContactMethod.PHONE
    phone = _text(
        gettext_lazy("Phone number"),
        required=False,
        autocomplete="tel",
        max_length=32,
        type="tel",
        help_text=gettext_lazy("Needed for a call or a text. A US number, like (555) 010-0199."),
    )
    consent_sms = forms.BooleanField(
        label=gettext_lazy(
            "You may send me text messages. Message and data rates may apply; reply STOP to stop."
        ),
        help_text=gettext_lazy(
            "Needed if you chose text messages as the way to reach you; otherwise up to you."
        ),
        required=False,
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        required=False,
        max_length=254,
        help_text=gettext_lazy(
            "Needed for email. We also use it to send a confirmation, and a link to "
            "finish later if you ask for one."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": gettext_lazy("Please enter an email address like name@example.com.")
        },
    )

    def __init__(self, *args, context=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields_to_save: dict[str, object] = {}
        # Either may be needed, depending on the contact method: never labelled "optional".
        self.fields["phone"].hide_optional = True
        self.fields["email"].hide_optional = True
        self.fields["consent_sms"].hide_optional = True
        self.helper = make_helper(
            field_layout(self, "first_name"),
            Fieldset(
                _("Your phone or email"),
                field_layout(self, "preferred_contact"),
                field_layout(self, "phone"),
                field_layout(self, "consent_sms"),
                field_layout(self, "email"),
            ),
        )

    def clean_phone(self) -> str:
        return us_phone(self.cleaned_data["phone"])

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("preferred_contact")
        by_phone = method in (ContactMethod.PHONE, ContactMethod.SMS)
        if by_phone and not cleaned.get("phone") and "phone" not in self.errors:
            if method == ContactMethod.PHONE:
                message = _("Please enter a phone number so we can call you.")
            else:
                message = _("Please enter a phone number so we can text you.")
            self.add_error("phone", message)
        by_email = method == ContactMethod.EMAIL
        if by_email and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Please enter an email address so we can email you."))
        if method == ContactMethod.SMS and not cleaned.get("consent_sms"):
            self.add_error(
                "consent_sms",
                _(
                    "You asked us to contact you by text. Please tick this box, or choose "
                    "another way to be contacted."
                ),
            )
        if not self.errors:
            self.fields_to_save = {name: cleaned.get(name, "") for name in CONTACT_PAGE_FIELDS}
        return cleaned

    @staticmethod
    def data_from_screening(screening: Screening) -> dict[str, object] | None:
        if not screening.first_name:
            return None
        data: dict[str, object] = {
            name: getattr(screening, name) for name in CONTACT_PAGE_FIELDS if name != "consent_sms"
        }
        if screening.consent_sms:
            data["consent_sms"] = "on"
        return data


class DetailsForm(forms.Form):
    """After the clinical questions, before the review: the rest of who the person is, where
    they live (program matching needs the state and ZIP), and their insurance."""

    last_name = _text(
        gettext_lazy("Last name"),
        autocomplete="family-name",
        missing=gettext_lazy("Please enter your last name."),
    )
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=[("", gettext_lazy("Choose your state")), *US_STATES],
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
        error_messages={"required": gettext_lazy("Please choose your state.")},
    )
    zip_code = _text(
        gettext_lazy("ZIP code"),
        autocomplete="postal-code",
        max_length=10,
        inputmode="numeric",
        help_text=gettext_lazy("5 digits, like 02139."),
        missing=gettext_lazy("Please enter your ZIP code."),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Which language would you like your care in?"),
        choices=lazy_choices(LANGUAGES),
        initial="en",
        help_text=gettext_lazy("We can arrange an interpreter."),
        error_messages={"required": gettext_lazy("Please choose a language.")},
    )
    best_time = _radios(
        gettext_lazy("When is the best time to reach you?"), lazy_choices(BestTime.choices)
    )
    best_time.initial = BestTime.ANY
    insurance_carrier = _text(
        gettext_lazy("Insurance company"),
        required=False,
        autocomplete="off",
        help_text=gettext_lazy(
            "For example, Aetna or Medicaid. Leave blank if you don't have insurance "
            "or aren't sure."
        ),
    )
    insurance_member_id = _text(
        gettext_lazy("Member ID"),
        required=False,
        autocomplete="off",
        max_length=64,
        spellcheck="false",
    )

    def __init__(self, *args, context=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields_to_save: dict[str, object] = {}
        self.helper = make_helper(
            field_layout(self, "last_name"),
            Fieldset(
                _("Where you live and your language"),
                field_layout(self, "state"),
                field_layout(self, "zip_code"),
                field_layout(self, "language"),
            ),
            field_layout(self, "best_time"),
            Fieldset(
                _("Insurance (optional)"),
                field_layout(self, "insurance_carrier"),
                field_layout(self, "insurance_member_id"),
            ),
        )

    def clean_zip_code(self) -> str:
        value = self.cleaned_data["zip_code"].strip()
        if not ZIP_RE.match(value):
            raise forms.ValidationError(_("Please enter a 5-digit ZIP code, like 02139."))
        return value

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.fields_to_save = {name: cleaned.get(name, "") for name in DETAILS_PAGE_FIELDS}
        return cleaned

    @staticmethod
    def data_from_screening(screening: Screening) -> dict[str, object] | None:
        if not (screening.last_name and screening.state and screening.zip_code):
            return None
        return {name: getattr(screening, name) for name in DETAILS_PAGE_FIELDS}


def _privacy_label() -> str:
    return format_html(
        _(
            'I have read the <a href="{}" target="_blank" rel="noopener">privacy notice and '
            "terms</a> (opens in a new tab), and I agree to them."
        ),
        reverse_lazy("applicant:privacy"),
    )


class ConsentForm(forms.Form):
    consent_terms = forms.BooleanField(
        label=lazy(_privacy_label, str)(),
        error_messages={
            "required": gettext_lazy("Please tick this box to agree, so we can go on.")
        },
    )
    consent_contact = forms.BooleanField(
        label=gettext_lazy(
            "I agree that the clinic's admissions team may contact me about my answers "
            "and about treatment."
        ),
        error_messages={
            "required": gettext_lazy(
                "Please tick this box so that someone can reach you about your "
                "answers. If you'd rather not, you can call or text 988 at any time."
            )
        },
    )

    def __init__(self, *args, context=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if (context or {}).get("minor"):
            self.fields["consent_contact"].label = _(
                "I agree that the clinic's admissions team may contact me, and the parent or "
                "guardian I named, about my answers and about treatment."
            )
            self.fields["consent_contact"].help_text = _(
                "You are under 18: a parent or guardian usually has to agree before treatment "
                "starts. We will talk with you first about what we share with them."
            )
        self.helper = make_helper(*(field_layout(self, name) for name in CONSENT_FIELDS))

    @staticmethod
    def data_from_screening(screening: Screening) -> dict[str, object] | None:
        if not (screening.consent_terms and screening.consent_contact):
            return None
        return {name: "on" for name in CONSENT_FIELDS if getattr(screening, name)}


class ReviewForm(forms.Form):
    """The review page has no questions: sending it submits the screening."""

    def __init__(self, *args, context=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = make_helper()


class ResumeLinkForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        max_length=254,
        help_text=gettext_lazy("We'll send a link that works once, for 72 hours."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": gettext_lazy("Please enter your email address."),
            "invalid": gettext_lazy("Please enter an email address like name@example.com."),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = make_helper(field_layout(self, "email"))
