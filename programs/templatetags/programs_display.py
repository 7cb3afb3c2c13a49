"""Template filters for catalog pages: {% load programs_display %}."""

from django import template
from django.utils.translation import gettext

from .. import display
from ..match_words import miles_away_words, reason_words
from ..models import Language

register = template.Library()


@register.filter
def schedule_summary(program) -> str:
    return display.schedule_summary(program.sessions.all())


@register.filter
def slots_summary(program_info) -> str:
    """For a matching ProgramInfo: "Tue/Thu 6–9 pm", or round-the-clock care."""
    if not program_info.sessions:
        return gettext("Care around the clock")
    return display.schedule_summary(program_info.sessions)


@register.filter
def attend_words(program_info) -> str:
    return display.attend_words(program_info.modality, program_info.city)


@register.filter
def hours_label(hours: float) -> str:
    return display.hours_label(hours)


@register.filter
def time_range(session) -> str:
    return display.time_range(session.start_time, session.end_time)


@register.filter
def level_title(level: str) -> str:
    return str(display.LEVEL_EXPLAINERS.get(level, (level, ""))[0])


@register.filter
def level_plain(level: str) -> str:
    """No abbreviations, for applicants: "Day treatment program"."""
    return str(display.LEVEL_PLAIN.get(level, level))


@register.filter
def level_explainer(level: str) -> str:
    return str(display.LEVEL_EXPLAINERS.get(level, ("", ""))[1])


@register.filter
def language_names(codes) -> str:
    names = dict(Language.choices)
    return ", ".join(str(names.get(code, code)) for code in codes or ())


@register.filter
def miles_label(miles) -> str:
    """212.4 -> "about 212 miles away"."""
    if miles is None:
        return ""
    return miles_away_words(miles)


@register.filter
def reason(value) -> str:
    """A match reason or summary (``programs.matching.reasons.Reason``) in the page's
    language."""
    return reason_words(value)


@register.filter
def say(value) -> str:
    """A fixed English sentence marked for translation elsewhere (``applicant.wording``), in
    the page's language."""
    return gettext(str(value)) if value else ""
