"""Template helpers for staff pages."""

from functools import cache
from urllib.parse import urlencode

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from accounts.backends import role_names as _role_names

from .. import display
from ..selectors.staff import staff_label

register = template.Library()


@register.filter
def flag_label(flag: str) -> str:
    return display.flag_label(flag)


@register.filter
def staff_name(user) -> str:
    """A staff member's full name, else username; "" for nobody."""
    return staff_label(user)


@register.filter
def role_names(user) -> list[str]:
    """The signed-in person's roles, read with their permissions (accounts.backends)."""
    return _role_names(user)


@register.filter
def level_short(level: str) -> str:
    return display.level_short(level)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or None."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def span(value) -> str:
    """A timedelta as a person says it: ``3 h 20 min``; "" for none."""
    return display.humanize_span(value) if value is not None else ""


@register.filter
def age(date_of_birth):
    value = display.age_on(date_of_birth)
    return "—" if value is None else value


@register.simple_tag
def deadline(referral, now=None):
    """The first-contact deadline (met only by reaching the person) as words, with an icon,
    so it never relies on colour."""
    state, text = display.deadline_state(
        due_at=referral.due_at,
        reached_at=referral.reached_at,
        deadline_met=referral.deadline_met,
        is_open=referral.is_open,
        now=now,
    )
    icons = {"overdue": "⚠", "missed": "✗", "met": "✓", "due": "", "none": "–"}
    return format_html(
        '<span class="deadline deadline-{}"><span aria-hidden="true">{}</span> {}</span>',
        state,
        icons[state],
        text,
    )


@register.simple_tag
def attempts(referral) -> str:
    """``2 attempts, last: voicemail left`` from the referral's stored counters."""
    return display.attempts_summary(
        referral.attempt_count, referral.last_outcome, _outcome_labels()
    )


@cache
def _outcome_labels() -> dict:
    from ..models import ContactAttempt

    return dict(ContactAttempt.Outcome.choices)  # lazy labels: each shown in the page's language


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (``None``/"" removes one);
    the page number is dropped unless it is the thing being changed. Encoded as
    ``QueryDict.urlencode`` encodes, from the request's parameters read once per render
    (a page has some twenty of these links)."""
    render = context.render_context
    if "query_with" not in render:
        render["query_with"] = dict(context["request"].GET.lists())
    params = dict(render["query_with"])
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = [value]
    encoded = urlencode([(key, str(v)) for key, values in params.items() for v in values])
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def select_options(options) -> SafeString:
    """``<option>`` elements for ``(value, label, selected)`` triples, every value escaped:
    one tag instead of a template loop (the queue's filters have some fifty options)."""
    return mark_safe(  # noqa: S308 - value and label are escaped
        "".join(
            f'<option value="{conditional_escape(value)}"{" selected" if selected else ""}>'
            f"{conditional_escape(label)}</option>"
            for value, label, selected in options
        )
    )
