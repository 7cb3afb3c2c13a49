"""Ranking programs for one person. The rules are documented in docs/matching.md; each rule here
returns points and the reasons a person or a clinician would read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from core.vocabulary import LEVELS

from . import insurance as ins
from .distance import miles_away, miles_words, serves_state, too_far
from .reasons import Reason
from .schedule import (
    DAY_CODES,
    TIMES_OF_DAY,
    bucket_names,
    buckets_of,
    day_list,
    describe,
    minutes_available,
)
from .types import OPEN, SHOWN, WAITLIST, Match, MatchReport, Preferences, ProgramInfo
from .words import (
    CRISIS_GUIDANCE,
    HIGHER_CARE_GUIDANCE,
    HIGHER_CARE_SUMMARY,
    LEVEL_WORDS,
    language_name,
    plural,
)

WEIGHTS = {"schedule": 40, "insurance": 20, "modality": 15, "language": 15, "focus": 10}
OUT_OF_NETWORK_SELF_PAY = 5  # points when the carrier is out of network but self-pay is taken
IN_PERSON_WHEN_TELEHEALTH_OK = 10  # in-person only, for someone who would also take telehealth
MAX_ALTERNATIVES = 5

Part = tuple[int, list[Reason], list[Reason]]  # points, fits, shortfalls


def is_eligible(program: ProgramInfo, prefs: Preferences) -> bool:
    """Hard filters: inactive programs, programs for another age and video-only programs that
    may not treat people in the person's state never match."""
    if not program.active:
        return False
    if program.modality == "telehealth" and not serves_state(program, prefs):
        return False
    return prefs.age is None or program.min_age <= prefs.age <= program.max_age


def _schedule(program: ProgramInfo, prefs: Preferences) -> Part:
    sessions = program.sessions
    if not sessions:
        if program.level == "inpatient":
            return WEIGHTS["schedule"], [Reason("round_the_clock", "care around the clock")], []
        return 0, [], [Reason("no_schedule", "no schedule listed")]
    if not prefs.days and not prefs.time_of_day:
        return 0, [_meets(sessions)], []
    total = sum(s.minutes for s in sessions)
    free = sum(minutes_available(s, prefs.days, prefs.time_of_day) for s in sessions)
    points = round(WEIGHTS["schedule"] * free / total)
    fits, shorts = [], []
    fitting = [
        s for s in sessions if minutes_available(s, prefs.days, prefs.time_of_day) == s.minutes
    ]
    if fitting:
        fits.append(_meets(fitting))
    on_day = [s for s in sessions if not prefs.days or DAY_CODES[s.weekday] in prefs.days]
    off_day = [s for s in sessions if s not in on_day]
    if not on_day:
        weekdays = _weekdays(sessions)
        shorts.append(
            Reason(
                "none_on_your_days",
                f"no sessions on your days (meets {day_list(weekdays)})",
                weekdays=weekdays,
            )
        )
    elif off_day:
        days = day_list(s.weekday for s in off_day)
        shorts.append(
            Reason(
                "also_meets",
                f"also meets {days}, not {'one of your days' if '/' not in days else 'your days'}",
                weekdays=_weekdays(off_day),
            )
        )
    if prefs.time_of_day and on_day:
        wanted = prefs.time_of_day
        if not any(set(buckets_of(s)) & wanted for s in sessions):
            shorts.append(
                Reason(
                    "no_sessions_at_times",
                    f"no {bucket_names(wanted)} sessions",
                    buckets=tuple(b for b in TIMES_OF_DAY if b in wanted),
                )
            )
        else:
            shorts.extend(_time_shortfalls([s for s in on_day if s not in fitting], wanted))
    return points, fits, shorts


def _weekdays(sessions) -> tuple[int, ...]:
    return tuple(sorted({s.weekday for s in sessions}))


def _meets(sessions) -> Reason:
    sessions = tuple(sessions)
    return Reason("meets", f"meets {describe(sessions)}", sessions=sessions)


def _time_shortfalls(sessions, wanted: frozenset[str]) -> list[Reason]:
    groups: dict[tuple[str, ...], list] = {}
    for slot in sessions:
        outside = tuple(b for b in buckets_of(slot) if b not in wanted)
        inside = any(b in wanted for b in buckets_of(slot))
        groups.setdefault((*outside, "partly" if inside else "all"), []).append(slot)
    lines = []
    for key, slots in groups.items():
        *outside, how = key
        when = " and ".join(outside)
        one = len({s.weekday for s in slots}) == 1 and len(slots) == 1
        noun = "session" if one else "sessions"
        if how == "partly":
            verb = "runs into the" if one else "run into the"
        else:
            verb = "is in the" if one else "are in the"
        lines.append(
            Reason(
                "outside_times",
                f"{day_list(s.weekday for s in slots)} {noun} {verb} {when}",
                weekdays=_weekdays(slots),
                buckets=tuple(outside),
                partly=how == "partly",
                count=1 if one else 2,
            )
        )
    return lines


def _insurance(program: ProgramInfo, prefs: Preferences) -> Part:
    carrier = prefs.insurance.strip()
    full = WEIGHTS["insurance"]
    if not carrier:
        return 0, [], []
    if ins.is_uninsured(carrier):
        if program.self_pay:
            return full, [Reason("self_pay", "accepts self-pay")], []
        return 0, [], [Reason("no_self_pay", "does not offer self-pay")]
    plan = ins.in_network(carrier, program.insurance)
    if plan:
        return full, [Reason("in_network", f"in network for {plan}", plan=plan)], []
    if program.self_pay:
        note = Reason(
            "out_of_network_self_pay",
            f"not in network for {carrier}; self-pay accepted",
            carrier=carrier,
        )
        return OUT_OF_NETWORK_SELF_PAY, [], [note]
    return 0, [], [Reason("not_in_network", f"does not take {carrier}", carrier=carrier)]


def _where(program: ProgramInfo, miles: float | None) -> Reason:
    where = f"in person in {program.city}" if program.city else "in person"
    english = f"{where}, {miles_words(miles)} from you" if miles is not None else where
    return Reason("in_person", english, city=program.city, miles=miles)


def _modality(program: ProgramInfo, prefs: Preferences) -> Part:
    full = WEIGHTS["modality"]
    miles = miles_away(program, prefs)
    where = _where(program, miles)
    video = serves_state(program, prefs)
    shorts = []
    if program.modality == "hybrid" and not video:
        shorts.append(
            Reason(
                "no_video_in_state",
                f"video sessions not offered in {prefs.state}",
                state=prefs.state,
            )
        )
    if too_far(program, prefs):
        return 0, [], [where, *shorts]
    if miles is not None and miles > prefs.max_miles:  # far, but the person can join by video
        fit = Reason(
            "video_far", f"by video (the clinic is {miles_words(miles)} away)", miles=miles
        )
        return (full if prefs.telehealth_ok else 0), [fit], shorts
    if prefs.telehealth_ok is None:
        return 0, [], shorts
    if prefs.telehealth_ok:
        if not video:
            return IN_PERSON_WHEN_TELEHEALTH_OK, [where], shorts
        return full, [Reason("telehealth", "telehealth available")], shorts
    if program.modality == "telehealth":
        return 0, [], [Reason("telehealth_only", "telehealth only; you asked for in-person care")]
    return full, [where], shorts


def _language_code(prefs: Preferences) -> str:
    return prefs.language.strip().lower().split("-")[0]


def _speaks(program: ProgramInfo, prefs: Preferences) -> bool:
    code = _language_code(prefs)
    return not code or code in program.languages


def _language(program: ProgramInfo, prefs: Preferences) -> Part:
    code = _language_code(prefs)
    if not code:
        return 0, [], []
    if code in program.languages:
        return (
            WEIGHTS["language"],
            (
                []
                if code == "en"
                else [Reason("language", f"sessions in {language_name(code)}", language=code)]
            ),
            [],
        )
    return (
        0,
        [],
        [Reason("no_language", f"no sessions in {language_name(code)}", language=code)],
    )


FOCUS_COVERS = {
    "mental_health": {"mental"},
    "substance_use": {"substance"},
    "co_occurring": {"mental", "substance"},
    "trauma": {"mental", "trauma"},
}


def _focus(program: ProgramInfo, prefs: Preferences) -> Part:
    needs = set()
    if "substance_use" in prefs.flags:
        needs.add("substance")
    if "trauma_positive" in prefs.flags:
        needs.add("trauma")
    needs = needs or {"mental"}
    covers = FOCUS_COVERS.get(program.focus, set())
    points = round(WEIGHTS["focus"] * len(needs & covers) / len(needs))
    fits, shorts = [], []
    if "substance" in needs:
        (fits if "substance" in covers else shorts).append(
            Reason("treats_substance_use", "treats substance use")
            if "substance" in covers
            else Reason("not_substance_use", "not focused on substance use")
        )
    if "trauma" in needs:
        (fits if "trauma" in covers else shorts).append(
            Reason("trauma_focused", "trauma-focused")
            if "trauma" in covers
            else Reason("not_trauma_focused", "not trauma-focused")
        )
    if needs == {"mental"} and "mental" not in covers:
        shorts.append(Reason("substance_focus", "focused on substance use"))
    return points, fits, shorts


def evaluate(program: ProgramInfo, prefs: Preferences) -> Match:
    """Score one eligible program and say why."""
    points, fits, shorts = 0, [], []
    for rule in (_schedule, _insurance, _language, _modality, _focus):
        part_points, part_fits, part_shorts = rule(program, prefs)
        points += part_points
        fits += part_fits
        shorts += part_shorts
    if _for_young_people(program, prefs):
        fits.insert(0, Reason("for_teens", "a program for teens"))
    if program.open_seats > 0:
        status = OPEN
        count = program.open_seats
        fits.append(Reason("open_places", plural(count, "open place"), count=count))
    else:
        status = WAITLIST
        weeks = program.waitlist_weeks
        shorts.append(
            Reason("waitlist", f"full; waitlist about {plural(weeks, 'week')}", weeks=weeks)
            if weeks
            else Reason("waitlist", "full; waitlist", weeks=0)
        )
    return Match(
        program=program,
        score=points,
        status=status,
        fits=tuple(fits),
        shortfalls=tuple(shorts),
        language_ok=_speaks(program, prefs),
        miles=miles_away(program, prefs),
        for_young_people=_for_young_people(program, prefs),
    )


ADULT_AGE = 18


def _for_young_people(program: ProgramInfo, prefs: Preferences) -> bool:
    """An adolescent (12 to 17) and a program only for people under 18."""
    return prefs.age is not None and prefs.age < ADULT_AGE and program.max_age < ADULT_AGE


def rank_key(match: Match) -> tuple:
    """Open places first; then, for an adolescent, programs for adolescents; then programs
    held in the person's language; then fit score; then shorter waitlist, more open places,
    name."""
    program = match.program
    return (
        match.is_waitlist,
        not match.for_young_people,
        not match.language_ok,
        -match.score,
        program.waitlist_weeks if match.is_waitlist else 0,
        -program.open_seats,
        program.name.casefold(),
        program.id,
    )


def _alternative(match: Match, level: str) -> Match:
    other = match.program.level
    more = LEVELS.index(other) > LEVELS.index(level)
    note = Reason(
        "other_level",
        f"{LEVEL_WORDS[other]}: {'more' if more else 'less'} care than recommended",
        level=other,
        more=more,
    )
    return replace(match, shortfalls=(note, *match.shortfalls))


def _alternatives(pool: list[ProgramInfo], prefs: Preferences) -> tuple[Match, ...]:
    """The nearest other levels below inpatient; at equal distance the higher level first."""
    here = LEVELS.index(prefs.level)
    others = [
        p for p in pool if p.level not in (prefs.level, "inpatient") and not too_far(p, prefs)
    ]
    if not others:
        return ()
    nearest = min(abs(LEVELS.index(p.level) - here) for p in others)
    chosen = [evaluate(p, prefs) for p in others if abs(LEVELS.index(p.level) - here) == nearest]
    chosen.sort(key=lambda m: (m.is_waitlist, -LEVELS.index(m.program.level), *rank_key(m)[1:]))
    return tuple(_alternative(m, prefs.level) for m in chosen[:MAX_ALTERNATIVES])


def _summary(level: str, matches: tuple[Match, ...], alternatives: tuple[Match, ...]) -> Reason:
    """The sentence above the suggestions; a count in it is the number of cards shown."""
    words = LEVEL_WORDS[level]
    open_count = sum(not m.is_waitlist for m in matches)
    if open_count > SHOWN:
        return Reason(
            "summary_best",
            f"These {SHOWN} {words} programs suit you best, and each has a place now.",
            level=level,
            count=SHOWN,
        )
    if open_count:
        verb = "has" if open_count == 1 else "have"
        return Reason(
            "summary_open",
            f"{plural(open_count, f'{words} program')} may suit you and {verb} a place now.",
            level=level,
            count=open_count,
        )
    if matches:
        text = (
            f"Every {words} program that may suit you is full right now; you can join a waitlist."
        )
        return Reason(
            "summary_full",
            text
            + (" The nearest other options with a place are listed too." if alternatives else ""),
            level=level,
            alternatives=bool(alternatives),
        )
    if alternatives:
        return Reason(
            "summary_alternatives",
            f"No {words} program fits right now. The closest options are listed; "
            "the admissions team will talk them through with you.",
            level=level,
        )
    return Reason(
        "summary_none",
        "No program in our catalog fits right now. The admissions team will help you find care.",
    )


def _farther(pool: list[ProgramInfo], prefs: Preferences) -> tuple[Match, ...]:
    """In-person programs at the level beyond the person's distance, nearest first."""
    far = [evaluate(p, prefs) for p in pool if p.level == prefs.level and too_far(p, prefs)]
    return tuple(sorted(far, key=lambda m: (m.miles, *rank_key(m))))


def match_programs(programs: Iterable[ProgramInfo], prefs: Preferences) -> MatchReport:
    """Rank the catalog for one person. Pure: same inputs, same report."""
    if prefs.level not in LEVELS:
        raise ValueError(f"unknown level of care: {prefs.level!r}")
    pool = [p for p in programs if is_eligible(p, prefs)]
    notes = () if prefs.age is not None else ("Age not known: programs for every age are listed.",)
    if prefs.level == "inpatient" or prefs.crisis:
        matches = tuple(
            sorted((evaluate(p, prefs) for p in pool if p.level == "inpatient"), key=rank_key)
        )
        return MatchReport(
            level=prefs.level,
            matches=matches,
            higher_care=True,
            crisis=prefs.crisis,
            summary=HIGHER_CARE_SUMMARY,
            guidance=CRISIS_GUIDANCE if prefs.crisis else HIGHER_CARE_GUIDANCE,
            notes=notes,
        )
    matches = tuple(
        sorted(
            (evaluate(p, prefs) for p in pool if p.level == prefs.level and not too_far(p, prefs)),
            key=rank_key,
        )
    )
    has_open = any(not m.is_waitlist for m in matches)
    alternatives = () if has_open else _alternatives(pool, prefs)
    if matches and alternatives:
        alternatives = tuple(m for m in alternatives if not m.is_waitlist)
    return MatchReport(
        level=prefs.level,
        matches=matches,
        alternatives=alternatives,
        farther=_farther(pool, prefs),
        max_miles=prefs.max_miles,
        summary=_summary(prefs.level, matches, alternatives),
        notes=notes,
    )
