"""The check-your-answers page: every answer in the person's own words, grouped by page."""

from collections.abc import Callable

from screening.choices import BestTime, ContactMethod
from screening.models import Screening
from screening.scoring import is_asked
from screening.scoring.questions import answer_label

from .forms import source as source_step
from .forms.places import LANGUAGES, US_STATES
from .steps import GROUPS_BY_KEY, SOURCE, TOPICS

NOT_ANSWERED = "Not answered"


def _about_rows(screening: Screening) -> list[tuple[str, str]]:
    born = screening.date_of_birth
    insurance = " — ".join(
        part for part in (screening.insurance_carrier, screening.insurance_member_id) if part
    )
    return [
        ("Name", screening.full_name),
        ("Date of birth", f"{born:%B} {born.day}, {born.year}" if born else NOT_ANSWERED),
        ("Phone number", screening.phone or NOT_ANSWERED),
        ("Email address", screening.email or NOT_ANSWERED),
        ("How to contact you", ContactMethod(screening.preferred_contact).label),
        ("Best time to reach you", BestTime(screening.best_time).label),
        ("State", dict(US_STATES).get(screening.state, screening.state)),
        ("ZIP code", screening.zip_code),
        ("Language", dict(LANGUAGES).get(screening.language, screening.language)),
        ("Insurance", insurance or "None given"),
    ]


def _consent_rows(screening: Screening) -> list[tuple[str, str]]:
    def yes(value: bool) -> str:
        return "Yes" if value else "No"

    return [
        ("Privacy notice and terms", "Agreed" if screening.consent_terms else "Not agreed"),
        ("We may contact you", yes(screening.consent_contact)),
        ("We may send text messages", yes(screening.consent_sms)),
    ]


def _answer_rows(topic: str, answers: dict) -> list[tuple[str, str]]:
    rows = []
    for question in GROUPS_BY_KEY[topic].questions:
        if not is_asked(question.code, answers):
            continue
        value = answers.get(question.code)
        rows.append(
            (question.text, NOT_ANSWERED if value is None else answer_label(question.code, value))
        )
    return rows


def review_sections(screening: Screening, step_url: Callable[[str], str]) -> list[dict]:
    sections = []
    for topic in TOPICS:
        if topic.step == "about":
            rows = _about_rows(screening)
        elif topic.step == "consent":
            rows = _consent_rows(screening)
        else:
            rows = _answer_rows(topic.step, screening.answers)
        sections.append(
            {"title": topic.title, "step": topic.step, "url": step_url(topic.step), "rows": rows}
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
