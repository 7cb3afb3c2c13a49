"""The applicant's match reasons and summary in the language of the page.

``programs.matching`` (no Django) returns each reason as an English ``Reason`` carrying a
code and the values it was built from; this module words it again with ``gettext`` and
``ngettext`` (so counts take the right plural in every language). Staff pages show the
English reason as it is."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext, pgettext_lazy

from .display import DAY_SHORT
from .matching.schedule import main_bucket

LANGUAGE_NAMES = {"en": gettext_lazy("English"), "es": gettext_lazy("Spanish")}
LEVEL_NAMES = {  # as programs.matching.words has them, inside a sentence: "2 {level} programs"
    "outpatient": pgettext_lazy("level in a sentence", "outpatient"),
    "iop": pgettext_lazy("level in a sentence", "intensive outpatient"),
    "php": pgettext_lazy("level in a sentence", "partial hospitalization (day treatment)"),
    "inpatient": pgettext_lazy("level in a sentence", "inpatient or residential"),
}
TIMES = ("morning", "afternoon", "evening")


def days_words(weekdays: Iterable[int]) -> str:
    return "/".join(str(DAY_SHORT[day]) for day in sorted(set(weekdays)))


def _bucket(bucket: str) -> str:
    return {
        "morning": pgettext("time of day", "morning"),
        "afternoon": pgettext("time of day", "afternoon"),
        "evening": pgettext("time of day", "evening"),
    }[bucket]


def _join(words: list[str], joiner: str) -> str:
    return joiner.join(words)


def _buckets_plural(buckets: Iterable[str]) -> str:
    """ "mornings and evenings"."""
    names = {
        "morning": pgettext("times of day", "mornings"),
        "afternoon": pgettext("times of day", "afternoons"),
        "evening": pgettext("times of day", "evenings"),
    }
    wanted = set(buckets)
    return _join([names[b] for b in TIMES if b in wanted], gettext(" and "))


def _buckets_or(buckets: Iterable[str]) -> str:
    return _join([_bucket(b) for b in buckets], gettext(" or "))


def _buckets_and(buckets: Iterable[str]) -> str:
    return _join([_bucket(b) for b in buckets], gettext(" and "))


def miles_words(miles: float) -> str:
    if miles < 1:
        return gettext("under a mile")
    count = round(miles)
    return ngettext("about %(count)s mile", "about %(count)s miles", count) % {"count": count}


def miles_away_words(miles: float) -> str:
    return gettext("%(distance)s away") % {"distance": miles_words(miles)}


def _language(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def _level(level: str) -> str:
    return str(LEVEL_NAMES.get(level, level))


def reason_words(reason: object) -> str:
    """One reason, in the active language; anything else (a plain string) as it is."""
    code = getattr(reason, "code", None)
    words = _WORDS.get(code) if code else None
    return words(**reason.params) if words is not None else str(reason)  # type: ignore[attr-defined]


def _meets(sessions) -> str:
    return gettext("meets %(days)s %(times)s") % {
        "days": days_words(s.weekday for s in sessions),
        "times": _buckets_plural(main_bucket(s) for s in sessions),
    }


def _none_on_your_days(weekdays) -> str:
    return gettext("no sessions on your days (meets %(days)s)") % {"days": days_words(weekdays)}


def _also_meets(weekdays) -> str:
    return ngettext(
        "also meets %(days)s, not one of your days",
        "also meets %(days)s, not your days",
        len(weekdays),
    ) % {"days": days_words(weekdays)}


def _no_sessions_at_times(buckets) -> str:
    return gettext("no %(times)s sessions") % {"times": _buckets_or(buckets)}


def _outside_times(weekdays, buckets, partly, count) -> str:
    values = {"days": days_words(weekdays), "times": _buckets_and(buckets)}
    if partly:
        text = ngettext(
            "%(days)s session runs into the %(times)s",
            "%(days)s sessions run into the %(times)s",
            count,
        )
    else:
        text = ngettext(
            "%(days)s session is in the %(times)s",
            "%(days)s sessions are in the %(times)s",
            count,
        )
    return text % values


def _in_network(plan) -> str:
    return gettext("in network for %(plan)s") % {"plan": plan}


def _out_of_network(carrier) -> str:
    return gettext("not in network for %(carrier)s; self-pay accepted") % {"carrier": carrier}


def _not_in_network(carrier) -> str:
    return gettext("does not take %(carrier)s") % {"carrier": carrier}


def _in_person(city, miles) -> str:
    if city and miles is not None:
        return gettext("in person in %(city)s, %(distance)s from you") % {
            "city": city,
            "distance": miles_words(miles),
        }
    if city:
        return gettext("in person in %(city)s") % {"city": city}
    if miles is not None:
        return gettext("in person, %(distance)s from you") % {"distance": miles_words(miles)}
    return gettext("in person")


def _no_video_in_state(state) -> str:
    return gettext("video sessions not offered in %(state)s") % {"state": state}


def _video_far(miles) -> str:
    return gettext("by video (the clinic is %(distance)s away)") % {"distance": miles_words(miles)}


def _sessions_in(language) -> str:
    return gettext("sessions in %(language)s") % {"language": _language(language)}


def _no_sessions_in(language) -> str:
    return gettext("no sessions in %(language)s") % {"language": _language(language)}


def _open_places(count) -> str:
    return ngettext("%(count)s open place", "%(count)s open places", count) % {"count": count}


def _waitlist(weeks) -> str:
    if not weeks:
        return gettext("full; waitlist")
    return ngettext(
        "full; waitlist about %(count)s week", "full; waitlist about %(count)s weeks", weeks
    ) % {"count": weeks}


def _other_level(level, more) -> str:
    if more:
        return gettext("%(level)s: more care than recommended") % {"level": _level(level)}
    return gettext("%(level)s: less care than recommended") % {"level": _level(level)}


def _summary_open(level, count) -> str:
    return ngettext(
        "%(count)s %(level)s program may suit you and has a place now.",
        "%(count)s %(level)s programs may suit you and have a place now.",
        count,
    ) % {"count": count, "level": _level(level)}


def _summary_best(level, count) -> str:
    return ngettext(
        "This %(level)s program suits you best, and it has a place now.",
        "These %(count)s %(level)s programs suit you best, and each has a place now.",
        count,
    ) % {"count": count, "level": _level(level)}


def _summary_full(level, alternatives) -> str:
    text = gettext(
        "Every %(level)s program that may suit you is full right now; you can join a waitlist."
    ) % {"level": _level(level)}
    if alternatives:
        text += " " + gettext("The nearest other options with a place are listed too.")
    return text


def _summary_alternatives(level) -> str:
    return gettext(
        "No %(level)s program fits right now. The closest options are listed; "
        "the admissions team will talk them through with you."
    ) % {"level": _level(level)}


_WORDS = {
    "for_teens": lambda: gettext("a program for teens"),
    "round_the_clock": lambda: gettext("care around the clock"),
    "no_schedule": lambda: gettext("no schedule listed"),
    "meets": _meets,
    "none_on_your_days": _none_on_your_days,
    "also_meets": _also_meets,
    "no_sessions_at_times": _no_sessions_at_times,
    "outside_times": _outside_times,
    "self_pay": lambda: gettext("accepts self-pay"),
    "no_self_pay": lambda: gettext("does not offer self-pay"),
    "in_network": _in_network,
    "out_of_network_self_pay": _out_of_network,
    "not_in_network": _not_in_network,
    "in_person": _in_person,
    "no_video_in_state": _no_video_in_state,
    "video_far": _video_far,
    "telehealth": lambda: gettext("telehealth available"),
    "telehealth_only": lambda: gettext("telehealth only; you asked for in-person care"),
    "language": _sessions_in,
    "no_language": _no_sessions_in,
    "treats_substance_use": lambda: gettext("treats substance use"),
    "not_substance_use": lambda: gettext("not focused on substance use"),
    "trauma_focused": lambda: gettext("trauma-focused"),
    "not_trauma_focused": lambda: gettext("not trauma-focused"),
    "substance_focus": lambda: gettext("focused on substance use"),
    "open_places": _open_places,
    "waitlist": _waitlist,
    "other_level": _other_level,
    "summary_best": _summary_best,
    "summary_open": _summary_open,
    "summary_full": _summary_full,
    "summary_alternatives": _summary_alternatives,
    "summary_none": lambda: gettext(
        "No program in our catalog fits right now. The admissions team will help you find care."
    ),
}
