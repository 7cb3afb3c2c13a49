"""The check-your-answers page: every answer in the person's own words, grouped by page."""

from collections.abc import Callable

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from screening.choices import BestTime, ContactMethod
from screening.models import Screening
from screening.scoring import is_asked
from screening.scoring.questions import MULTIPLE, NUMBER, QUESTIONS_BY_CODE

from .forms import source as source_step
from .forms.places import LANGUAGES, US_STATES
from .steps import GROUPS_BY_KEY, SOURCE, TOPICS
from .wording import say

NOT_ANSWERED = gettext_lazy("Not answered")


def answer_words(code: str, value: object) -> str:
    """An answer in the person's words, in the active language (``answer_label`` of
    ``screening.scoring.questions``, translated)."""
    question = QUESTIONS_BY_CODE[code]
    if value is None:
        return say("Not asked")
    if question.kind == MULTIPLE and isinstance(value, list | tuple):
        return ", ".join(answer_words(code, entry) for entry in value) or say("None chosen")
    if question.kind == NUMBER and type(value) is int:
        return str(value)
    label = question.label_for(value)
    return say(label) if label is not None else str(value)


def _about_rows(screening: Screening) -> list[tuple[str, str]]:
    born = screening.date_of_birth
    return [
        (_("Date of birth"), formats.date_format(born, "DATE_FORMAT") if born else NOT_ANSWERED),
        *_guardian_rows(screening),
    ]


def _contact_rows(screening: Screening) -> list[tuple[str, str]]:
    return [
        (_("First name"), screening.first_name),
        (_("How to contact you"), say(ContactMethod(screening.preferred_contact).label)),
        (_("Phone number"), screening.phone or NOT_ANSWERED),
        (_("We may send text messages"), _yes(screening.consent_sms)),
        (_("Email address"), screening.email or NOT_ANSWERED),
    ]


def _details_rows(screening: Screening) -> list[tuple[str, str]]:
    insurance = " — ".join(
        part for part in (screening.insurance_carrier, screening.insurance_member_id) if part
    )
    return [
        (_("Last name"), screening.last_name or NOT_ANSWERED),
        (_("State"), dict(US_STATES).get(screening.state, screening.state) or NOT_ANSWERED),
        (_("ZIP code"), screening.zip_code or NOT_ANSWERED),
        (_("Language"), say(dict(LANGUAGES).get(screening.language, screening.language))),
        (_("Best time to reach you"), say(BestTime(screening.best_time).label)),
        (_("Insurance"), insurance or _("None given")),
    ]


def _yes(value: bool) -> str:
    return say("Yes") if value else say("No")


def _guardian_rows(screening: Screening) -> list[tuple[str, str]]:
    if not screening.guardian_name:
        return []
    contact = " — ".join(p for p in (screening.guardian_phone, screening.guardian_email) if p)
    return [(_("Parent or guardian"), f"{screening.guardian_name} ({contact})")]


def _consent_rows(screening: Screening) -> list[tuple[str, str]]:
    return [
        (
            _("Privacy notice and terms"),
            _("Agreed") if screening.consent_terms else _("Not agreed"),
        ),
        (_("We may contact you"), _yes(screening.consent_contact)),
    ]


def _answer_rows(topic: str, answers: dict) -> list[tuple[str, str]]:
    rows = []
    for question in GROUPS_BY_KEY[topic].questions:
        if not is_asked(question.code, answers):
            continue
        value = answers.get(question.code)
        rows.append(
            (
                say(question.text),
                NOT_ANSWERED if value is None else answer_words(question.code, value),
            )
        )
    return rows


PERSON_ROWS: dict[str, Callable[[Screening], list[tuple[str, str]]]] = {
    "about": _about_rows,
    "consent": _consent_rows,
    "contact": _contact_rows,
    "details": _details_rows,
}
"""Sections shown open, row by row (a topic's answers are folded)."""


def review_sections(screening: Screening, step_url: Callable[[str], str]) -> list[dict]:
    sections = []
    for topic in TOPICS:
        if topic.step in PERSON_ROWS:
            rows = PERSON_ROWS[topic.step](screening)
        else:
            rows = _answer_rows(topic.step, screening.answers)
        sections.append(
            {
                "title": say(topic.title),
                "step": topic.step,
                "url": step_url(topic.step),
                "rows": rows,
                "open": topic.step in PERSON_ROWS,
            }
        )
    sections.append(
        {
            "title": str(source_step.REVIEW_TITLE),
            "step": SOURCE,
            "url": step_url(SOURCE),
            "rows": source_step.review_rows(screening),
        }
    )
    return sections
