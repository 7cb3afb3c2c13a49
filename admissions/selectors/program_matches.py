"""The "Program matches" section of the staff referral page: every match with its reasons,
the offers made so far, and the hold lengths a seat can be offered for.

Admissions sits above programs: this module calls the programs selector with the referral's
values; programs never imports admissions.

Reads: the recommendation (1), the catalog (3), the referral's offers (1) and waitlist
entries with their positions (1) — fixed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from programs.matching import Match, MatchReport
from programs.selectors import program_match_report_for_screening
from screening.choices import Level

from ..models import SeatOffer, WaitlistEntry
from .offers import default_hold_hours
from .waitlists import referral_waitlist_entries

HOLD_CHOICES = (24, 48, 72, 168)


@dataclass(frozen=True)
class MatchRow:
    match: Match
    live_offer: SeatOffer | None
    alternative: bool = False


@dataclass(frozen=True)
class ProgramMatches:
    report: MatchReport | None
    rows: list[MatchRow]
    offers: list[SeatOffer]
    open_count: int
    hold_hours: int
    hold_choices: list[int]
    entries: list[WaitlistEntry]  # the person's waitlist places, newest first
    waiting: dict[int, WaitlistEntry]  # program id -> the entry still waiting


def referral_match_report(referral) -> MatchReport | None:
    """Matches for a referral at the level in effect (a clinician's override wins). A crisis
    matches inpatient care while that is the level in effect; once two clinicians have lowered
    it, the programs follow the lowered level (the crisis flag itself stays)."""
    level = referral.effective_level
    if not (referral.latest_screening_id and level):
        return None
    return program_match_report_for_screening(
        screening=referral.latest_screening,
        level=level,
        crisis=referral.crisis and level == Level.INPATIENT,
    )


def referral_program_matches(referral) -> ProgramMatches:
    report = referral_match_report(referral)
    offers = list(
        SeatOffer.objects.filter(referral=referral)
        .select_related("program", "offered_by")
        .order_by("-created_at", "-id")
    )
    now = timezone.now()
    live = {
        o.program_id: o for o in offers if o.status == SeatOffer.Status.HELD and o.expires_at > now
    }
    rows = []
    if report is not None:
        rows = [MatchRow(m, live.get(m.program.id)) for m in report.matches]
        rows += [MatchRow(m, live.get(m.program.id), alternative=True) for m in report.alternatives]
    hold = default_hold_hours()
    entries = referral_waitlist_entries(referral=referral)
    return ProgramMatches(
        report=report,
        rows=rows,
        offers=offers,
        open_count=sum(1 for m in report.matches if not m.is_waitlist) if report else 0,
        hold_hours=hold,
        hold_choices=sorted({*HOLD_CHOICES, hold}),
        entries=entries,
        waiting={e.program_id: e for e in entries if e.position is not None},
    )
