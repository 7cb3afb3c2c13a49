"""Plain-language wording for the catalog pages: levels of care, schedules and hours, in the
language of the page (staff pages are always English)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

LEVEL_EXPLAINERS = {
    "outpatient": (
        _("Outpatient"),
        _("Therapy or a group once or twice a week while you keep up with work, school and home."),
    ),
    "iop": (
        _("Intensive outpatient (IOP)"),
        _(
            "Group and individual therapy on several days a week — at least 9 hours a week for "
            "adults and 6 for teens — while you live at home."
        ),
    ),
    "php": (
        _("Partial hospitalization (PHP)"),
        _(
            "A structured day program, most of the day on most weekdays (20 hours a week or "
            "more); you go home in the evening."
        ),
    ),
    "inpatient": (
        _("Inpatient or residential"),
        _(
            "Care around the clock in a hospital or residential unit, for when it is not safe "
            "or not possible to recover at home."
        ),
    ),
}

LEVEL_PLAIN = {
    "outpatient": _("Weekly outpatient care"),
    "iop": _("Intensive outpatient program"),
    "php": _("Day treatment program"),
    "inpatient": _("Inpatient or residential care"),
}

DAY_SHORT = (
    pgettext_lazy("weekday", "Mon"),
    pgettext_lazy("weekday", "Tue"),
    pgettext_lazy("weekday", "Wed"),
    pgettext_lazy("weekday", "Thu"),
    pgettext_lazy("weekday", "Fri"),
    pgettext_lazy("weekday", "Sat"),
    pgettext_lazy("weekday", "Sun"),
)


def clock(value: time, *, suffix: bool = True) -> str:
    """3:30 pm, 6 pm, 12 pm."""
    hour = value.hour % 12 or 12
    text = f"{hour}:{value.minute:02d}" if value.minute else str(hour)
    half = gettext("am") if value.hour < 12 else gettext("pm")
    return f"{text}\u00a0{half}" if suffix else text  # never "6–9 p." / "m." on two lines


def time_range(start: time, end: time) -> str:
    """3:30–6:30 pm; 11 am–2 pm."""
    same_half = (start.hour < 12) == (end.hour < 12)
    return f"{clock(start, suffix=not same_half)}–{clock(end)}"


def schedule_summary(sessions: Iterable) -> str:
    """One line for a program's week: "Mon/Tue/Thu 3:30–6:30 pm". Sessions with the same hours
    are grouped; ``sessions`` are Session rows or matching SessionSlots."""
    groups: dict[tuple[time, time], list[int]] = {}
    rows = [
        (
            s.weekday,
            getattr(s, "start_time", None) or s.start,
            getattr(s, "end_time", None) or s.end,
        )
        for s in sessions
    ]
    for weekday, start, end in sorted(rows):
        groups.setdefault((start, end), []).append(weekday)
    parts = []
    for (start, end), days in sorted(groups.items(), key=lambda item: (min(item[1]), item[0])):
        parts.append(
            f"{'/'.join(str(DAY_SHORT[d]) for d in sorted(set(days)))} {time_range(start, end)}"
        )
    return "; ".join(parts)


def hours_label(hours: float) -> str:
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    count = 1 if text == "1" else 2
    return ngettext("%(hours)s hour a week", "%(hours)s hours a week", count) % {"hours": text}


MODALITY_WORDS = {
    "in_person": _("In person"),
    "telehealth": _("By video (telehealth)"),
    "hybrid": _("In person or by video"),
}


def attend_words(modality: str, city: str = "") -> str:
    words = MODALITY_WORDS.get(modality, modality)
    if city and modality != "telehealth":
        return gettext("%(how)s in %(city)s") % {"how": words, "city": city}
    return str(words)
