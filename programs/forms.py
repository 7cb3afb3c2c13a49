"""Staff forms for the catalog: the program, its weekly sessions (an inline formset), and
capacity. Cross-checks (hours for the level, ages for the population) are the same rules the
services enforce, run here so the error lands next to what has to change."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory

from . import geo
from .matching import SessionSlot
from .models import InsurancePlan, Language, Program, Session
from .services.catalog import EDITABLE_FIELDS, place_problems
from .validation import overlapping_sessions, population_age_problem, schedule_problem


class ProgramForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["en"],
        help_text="Languages the sessions are held in.",
    )
    telehealth_states = forms.CharField(
        required=False,
        max_length=200,
        label="States served by video",
        help_text="Two-letter codes, e.g. MA, NH, RI: where clinicians may treat people by "
        "video. Needed for telehealth and hybrid programs.",
    )
    insurance_plans = forms.ModelMultipleChoiceField(
        queryset=InsurancePlan.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Insurance accepted",
    )

    class Meta:
        model = Program
        fields = [*EDITABLE_FIELDS, "insurance_plans"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_es": forms.Textarea(attrs={"rows": 4, "lang": "es"}),
        }
        help_texts = {
            "description_es": "Shown on the public page when it is read in Spanish. Leave it "
            "empty and Spanish readers see the English description.",
        }
        labels = {
            "description": "Public description (English)",
            "description_es": "Public description in Spanish (optional)",
            "min_age": "Youngest age",
            "max_age": "Oldest age",
            "accepts_self_pay": "Accepts self-pay",
            "waitlist_weeks": "Waitlist estimate (weeks, when full)",
            "zip_code": "ZIP code",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["telehealth_states"] = ", ".join(self.instance.telehealth_states or [])

    def clean_telehealth_states(self) -> list[str]:
        codes, unknown = geo.parse_states(self.cleaned_data.get("telehealth_states") or "")
        if unknown:
            raise ValidationError(f"Not a US state code: {', '.join(unknown)}.")
        return codes

    def clean(self):
        data = super().clean()
        population, low, high = (data.get(k) for k in ("population", "min_age", "max_age"))
        if population and low is not None and high is not None:
            problem = population_age_problem(population, low, high)
            if problem:
                self.add_error("max_age", problem)
        if data.get("modality") and "telehealth_states" in data:
            for name, messages in place_problems(data).items():
                if name not in self.errors:
                    self.add_error(name, messages)
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class ProgramCreateForm(ProgramForm):
    capacity = forms.IntegerField(min_value=1, max_value=500, label="Places (capacity)")
    enrolled = forms.IntegerField(min_value=0, max_value=500, initial=0, label="Enrolled now")

    def clean(self):
        data = super().clean()
        capacity, enrolled = data.get("capacity"), data.get("enrolled")
        if capacity is not None and enrolled is not None and enrolled > capacity:
            self.add_error("enrolled", "Enrolled can't be more than the capacity.")
        return data


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["weekday", "start_time", "end_time"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        labels = {"weekday": "Day", "start_time": "Starts", "end_time": "Ends"}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "A session must end after it starts.")
        return data


class BaseSessionFormSet(BaseInlineFormSet):
    """Sessions of one program. ``level`` and ``population`` (as submitted) let the set check
    the weekly hours against the level."""

    def __init__(self, *args, level: str = "", population: str = "", **kwargs):
        self.level, self.population = level, population
        super().__init__(*args, **kwargs)

    def slots(self) -> list[SessionSlot]:
        return [
            SessionSlot(
                f.cleaned_data["weekday"], f.cleaned_data["start_time"], f.cleaned_data["end_time"]
            )
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        slots = self.slots()
        problems = [overlapping_sessions(slots)]
        if self.level in dict(Program._meta.get_field("level").choices):
            problems.append(schedule_problem(self.level, self.population, slots))
        problems = [p for p in problems if p]
        if problems:
            raise ValidationError(problems)


def _session_formset(extra: int):
    return inlineformset_factory(
        Program,
        Session,
        form=SessionForm,
        formset=BaseSessionFormSet,
        extra=extra,
        can_delete=True,
        max_num=21,
        validate_max=True,
    )


# Editing shows the program's sessions and two empty rows; a new program starts with three
# (a standard IOP meets three times a week). "Add a session" adds more in the browser.
SessionFormSet = _session_formset(extra=2)
NewProgramSessionFormSet = _session_formset(extra=3)


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(min_value=0, max_value=500, label="Places (capacity)")
    enrolled = forms.IntegerField(min_value=0, max_value=500, label="Enrolled now")
