"""Reads for the catalog and for matching. Each selector owns its prefetches, so a page runs
the same number of queries however many programs there are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from core.vocabulary import LEVEL_ORDER

from . import geo
from .matching import (
    MatchReport,
    ProgramInfo,
    SessionSlot,
    match_programs,
    preferences_from_values,
)
from .models import Program

LEVEL_RANK = Case(
    *(When(level=level, then=Value(rank)) for level, rank in LEVEL_ORDER.items()),
    output_field=IntegerField(),
)


def _with_schedule(queryset: QuerySet[Program]) -> QuerySet[Program]:
    return queryset.prefetch_related("sessions", "insurance_plans")


def program_catalog_queryset() -> QuerySet[Program]:
    """Active programs for the public catalog, lowest level of care first."""
    programs = Program.objects.filter(is_active=True).annotate(level_rank=LEVEL_RANK)
    return _with_schedule(programs).order_by("level_rank", "name")


def program_public_get(*, slug: str) -> Program:
    """An active program by slug, with its sessions and plans; 404 otherwise."""
    return get_object_or_404(_with_schedule(Program.objects.filter(is_active=True)), slug=slug)


def program_staff_list() -> QuerySet[Program]:
    """Every program, active first, for the staff catalog."""
    programs = Program.objects.annotate(level_rank=LEVEL_RANK).prefetch_related("sessions")
    return programs.order_by("-is_active", "level_rank", "name")


def program_staff_get(*, pk: int) -> Program:
    return get_object_or_404(_with_schedule(Program.objects.all()), pk=pk)


def program_info(program: Program) -> ProgramInfo:
    """The plain value the matcher works on. Uses prefetched sessions and plans."""
    return ProgramInfo(
        id=program.pk,
        name=program.name,
        slug=program.slug,
        level=program.level,
        min_age=program.min_age,
        max_age=program.max_age,
        modality=program.modality,
        focus=program.focus,
        city=program.city,
        location=program.point,
        telehealth_states=tuple(program.telehealth_states or ()),
        sessions=tuple(
            SessionSlot(weekday=s.weekday, start=s.start_time, end=s.end_time)
            for s in program.sessions.all()
        ),
        insurance=tuple(plan.name for plan in program.insurance_plans.all()),
        self_pay=program.accepts_self_pay,
        languages=tuple(program.languages or ()),
        open_seats=program.open_seats,
        waitlist_weeks=program.waitlist_weeks,
        active=program.is_active,
    )


def program_infos() -> list[ProgramInfo]:
    """Every active program as a ProgramInfo, in three queries."""
    return [program_info(p) for p in _with_schedule(Program.objects.filter(is_active=True))]


def program_match_report(
    *,
    level: str,
    answers: Mapping[str, object] | None = None,
    insurance_carrier: str = "",
    language: str = "",
    flags: Iterable[str] = (),
    crisis: bool = False,
    zip_code: str = "",
    state: str = "",
) -> MatchReport:
    """Rank the active catalog for one person, from plain values. In-person programs farther
    than ``PROGRAM_NEAR_MILES`` from the person's ZIP are reported as farther away."""
    prefs = preferences_from_values(
        level=level,
        answers=answers,
        insurance_carrier=insurance_carrier,
        language=language,
        flags=flags,
        crisis=crisis,
        home=geo.zip_point(zip_code),
        state=state or geo.zip_state(zip_code),
        max_miles=settings.PROGRAM_NEAR_MILES,
    )
    return match_programs(program_infos(), prefs)


def program_match_report_for_screening(
    *, screening, level: str = "", crisis: bool | None = None
) -> MatchReport | None:
    """Matches for a submitted screening. ``level`` is the level to match at (pass a referral's
    ``override_level or level``); it defaults to the recommendation's. ``crisis`` defaults to
    the recommendation's too. None when the screening has no recommendation yet."""
    try:
        recommendation = screening.recommendation
    except ObjectDoesNotExist:
        return None
    return program_match_report(
        level=level or recommendation.level,
        answers=screening.answers,
        insurance_carrier=screening.insurance_carrier,
        language=screening.language,
        flags=recommendation.flags,
        crisis=recommendation.crisis if crisis is None else crisis,
        zip_code=screening.zip_code,
        state=screening.state,
    )
