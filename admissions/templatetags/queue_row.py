"""One referral's row in the queue and in "My day", written in Python.

The queue shows 25 to 100 rows a page, and a row has some 60 template nodes: the Django
template took about 0.4 ms a row, a third of a page's time. This writes the same HTML with
f-strings, every value passed through ``_e`` (HTML-escaped unless already safe), in
under half of that. ``{% queue_rows %}`` writes a page of them (the queue's
``admissions/queue/_live.html`` and ``admissions/my_day.html``);
tests/admissions/test_queue_row.py pins the HTML.

Context: ``referral`` with ``held_offers`` and ``scheduled_assessments``
(``selectors.queue.attach_row_extras``), ``now``,
``can_assign``, ``seen_before``.
"""

from functools import cache
from html import escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.safestring import SafeData, SafeString, mark_safe

from core.moments import moment_text

from .. import display
from ..models import Referral
from ..selectors.staff import staff_label
from .staff import attempts, deadline

register = template.Library()
DETAIL_STAND_IN = 987654321


def _e(value) -> str:
    """A value for HTML: escaped as Django's ``escape`` does, unless it is already safe."""
    return value if isinstance(value, SafeData) else escape(str(value))


@register.simple_tag
def queue_rows(referrals, now, can_assign, seen_before) -> SafeString:
    """Every row of a page, written in one tag (an include per row cost more than the row)."""
    today = timezone.localdate(now)
    return mark_safe(  # noqa: S308 - each row is safe (queue_row)
        "".join(queue_row(referral, now, can_assign, seen_before, today) for referral in referrals)
    )


@cache
def _labels(name: str) -> dict:
    """A Referral field's choice labels, as ``get_<name>_display`` reads them (lazy: each is
    shown in the page's language)."""
    return dict(Referral._meta.get_field(name).flatchoices)


def _label(referral, name: str) -> str:
    value = getattr(referral, name)
    return str(_labels(name).get(value, value))


@cache
def _detail_url_parts(script_prefix: str) -> tuple[str, str]:
    url = reverse("admissions:referral_detail", args=[DETAIL_STAND_IN])
    before, after = url.split(str(DETAIL_STAND_IN))
    return _e(before), _e(after)


def _detail_url(pk: int) -> str:
    """The referral's review page, as ``reverse`` writes it (one reverse per process)."""
    before, after = _detail_url_parts(get_script_prefix())
    return f"{before}{pk}{after}"


def queue_row(referral, now, can_assign, seen_before, today) -> SafeString:
    deadline_html = deadline(referral, now)
    is_new = bool(seen_before) and referral.pk > seen_before
    classes = ("row-crisis" if referral.crisis else "") + (
        " row-overdue" if "deadline-overdue" in deadline_html else ""
    )
    pk = int(referral.pk)
    url = _detail_url(pk)
    age = display.age_on(referral.date_of_birth, today)
    age = "—" if age is None else age
    assignee = _e(staff_label(referral.assigned_to))
    cells = (
        (_select(pk) if can_assign else "")
        + _name(referral, url, is_new, age)
        + f'<td class="d-none d-xl-table-cell" data-label="Age">{_e(age)}</td>'
        + _level(referral)
        + f'<td data-label="Urgency"><span class="urgency urgency-{_e(referral.urgency)}">'
        f"{_e(_label(referral, 'urgency'))}</span></td>"
        + _flags(referral)
        + f'<td data-label="Status"><span class="status-pill">'
        f"{_e(_label(referral, 'status'))}</span>"
        f'<div class="meta d-xl-none">{assignee or "Unassigned"}</div></td>'
        + '<td class="d-none d-xl-table-cell" data-label="Assigned">'
        + (assignee or '<span class="meta">Unassigned</span>')
        + "</td>"
        + _reach(referral, deadline_html)
        + _next(referral, now)
    )
    new = " data-new-row" if is_new else ""
    return mark_safe(  # noqa: S308 - every value above went through _e
        f'<tr class="{classes}"{new} data-referral="{pk}">{cells}</tr>'
    )


def _select(pk: int) -> str:
    return (
        '<td class="select-col"><input class="form-check-input" type="checkbox" '
        f'name="referrals" value="{pk}" form="bulk-assign" data-select-row '
        f'aria-labelledby="name-{pk}"></td>'
    )


def _name(referral, url: str, is_new: bool, age) -> str:
    crisis = ""
    if referral.crisis:
        opened = ' <span class="meta">open</span>' if referral.crisis_open else ""
        # The space before the break: phones hide the break and show the name on this line.
        crisis = f'<span class="crisis-label">⚠ CRISIS</span>{opened} <br>'
    same_person = ""
    if referral.possible_same_person:
        same_person = (
            '<div><a class="badge text-bg-warning text-decoration-none same-person-badge" '
            f'href="{url}#same-person">Possible same person</a></div>'
        )
    comma = ", " if referral.last_name else ""
    new = ' <span class="badge text-bg-warning ms-1">New</span>' if is_new else ""
    return (
        f'<td class="name">{crisis}<a href="{url}" id="name-{int(referral.pk)}">'
        f"{_e(referral.last_name)}{comma}{_e(referral.first_name)}</a>{new}{same_person}"
        f'<div class="meta d-xl-none">Age {_e(age)}</div></td>'
    )


def _level(referral) -> str:
    level = _e(display.level_short(referral.level))
    level_title = _e(_label(referral, "level"))
    if referral.override_level:
        return (
            f'<td data-label="Level"><span class="level-override" '
            f'title="{_e(_label(referral, "override_level"))}">'
            f"{_e(display.level_short(referral.override_level))}</span> "
            '<span class="meta">(override)</span>'
            f'<div class="level-original" title="{level_title}">Recommended {level}</div></td>'
        )
    return f'<td data-label="Level"><span title="{level_title}">{level}</span></td>'


def _flags(referral) -> str:
    if referral.flags:
        inner = "".join(
            f'<span class="flag">{_e(display.flag_label(flag))}</span>'
            for flag in referral.flags
            if flag != "crisis"
        )
    else:
        inner = '<span class="meta">—</span>'
    return f'<td class="d-none d-xxl-table-cell" data-label="Flags">{inner}</td>'


def _reach(referral, deadline_html: str) -> str:
    tries = attempts(referral)
    tried = f'<div class="meta">{_e(tries)}</div>' if tries else ""
    return f'<td data-label="Reach">{_e(deadline_html)}{tried}</td>'


def _next(referral, now) -> str:
    parts = []
    flags = referral.flags or []
    if referral.crisis_open:
        parts.append('<div class="text-danger fw-semibold">Crisis outcome to record</div>')
    if "safety_assessment" in flags and not referral.crisis and not referral.safety_assessed_at:
        parts.append('<div class="fw-semibold text-warning-emphasis">Safety assessment due</div>')
    for offer in referral.held_offers:
        parts.append(
            f'<div><span class="badge text-bg-info">Seat held</span> {_e(offer.program_name)}'
            f'<div class="meta">until {_e(moment_text(offer.expires_at))}</div></div>'
        )
    for assessment in referral.scheduled_assessments:
        parts.append(f"<div>Assessment {_e(moment_text(assessment.starts_at))}</div>")
    if referral.callback_at:
        late = "text-danger fw-semibold" if referral.callback_at <= now else ""
        parts.append(f'<div class="{late}">Call back {_e(moment_text(referral.callback_at))}</div>')
    if not parts:  # nothing to do next (a crisis closed, a safety assessment done)
        parts.append('<span class="meta">—</span>')
    return f'<td class="next-cell" data-label="Next">{"".join(parts)}</td>'
