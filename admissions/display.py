"""Words and small calculations for staff pages: flag names, deadlines, ages."""

from datetime import date, datetime, timedelta
from typing import Final

from django.utils import timezone

FLAG_LABELS: Final[dict[str, str]] = {
    "crisis": "Crisis",
    "safety_assessment": "Safety assessment",
    "medical_review": "Medical review",
    "adolescent": "Adolescent",
    "substance_use": "Substance use",
    "trauma_positive": "Trauma screen positive",
    "step_down": "Step-down",
    "limited_support": "Limited support",
    "low_readiness": "Low readiness",
    "schedule_barrier": "Schedule barrier",
}


LEVEL_SHORT: Final[dict[str, str]] = {
    "outpatient": "Outpatient",
    "iop": "IOP",
    "php": "PHP",
    "inpatient": "Inpatient",
}


def level_short(level: str) -> str:
    return LEVEL_SHORT.get(level, level or "—")


def flag_label(flag: str) -> str:
    return FLAG_LABELS.get(flag, flag.replace("_", " ").capitalize())


def age_on(date_of_birth: date | None, today: date | None = None) -> int | None:
    if date_of_birth is None:
        return None
    today = today or timezone.localdate()
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


def humanize_span(span: timedelta) -> str:
    """``3 h 20 min``, ``2 d 4 h``, ``45 min``, ``under 1 min``."""
    minutes = int(abs(span).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min"
    return "under 1 min"


def deadline_state(
    *,
    due_at: datetime,
    reached_at: datetime | None,
    deadline_met: bool | None,
    is_open: bool,
    now: datetime | None = None,
) -> tuple[str, str]:
    """``(state, text)`` for the first-contact deadline, which only reaching the person
    meets (an unanswered call leaves it running). ``state`` is one of ``overdue``, ``due``,
    ``met``, ``missed`` or ``none``."""
    if reached_at is not None:
        if deadline_met:
            return "met", "Reached in time"
        return "missed", f"Reached {humanize_span(reached_at - due_at)} late"
    if not is_open:
        return "none", "Not reached"
    now = now or timezone.now()
    if due_at <= now:
        return "overdue", f"Overdue by {humanize_span(now - due_at)}"
    return "due", f"Due in {humanize_span(due_at - now)}"


def attempts_summary(count: int, last_outcome: str, labels: dict[str, str]) -> str:
    """``2 attempts, last: voicemail left`` — or "" before the first."""
    if not count:
        return ""
    last = labels.get(last_outcome, last_outcome).lower()
    return f"{count} attempt{'s' if count != 1 else ''}, last: {last}"
