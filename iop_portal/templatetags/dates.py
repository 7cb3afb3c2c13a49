"""The one way staff pages write dates and times: ``Jun 3, 2026, 2:05 PM`` and
``Jun 3, 2026``, in the clinic's time zone unless a zone is given (the applicant's own).

    {% load dates %}
    {{ referral.created_at|when }}   {{ referral.date_of_birth|day }}   {{ moment|clock }}
    {{ callback|when_in:zone }}      (zone: a ZoneInfo, e.g. the applicant's)
    {{ event.created_at|when_exact }}  (to the second, for the audit trail)
"""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

from core.moments import DATETIME, moment_text

register = template.Library()

DATETIME_SECONDS = "M j, Y, g:i:s A"  # the audit trail
DATE = "M j, Y"
TIME = "g:i A"


def _local(value: datetime, zone=None) -> datetime:
    if timezone.is_naive(value):
        return value
    return value.astimezone(zone) if zone is not None else timezone.localtime(value)


@register.filter
def when(value) -> str:
    """Date and time, e.g. ``Jun 3, 2026, 2:05 PM``; "" for nothing."""
    return moment_text(value)


@register.filter
def when_exact(value) -> str:
    """The same, to the second: ``Jun 3, 2026, 2:05:09 PM`` (the audit trail)."""
    if not isinstance(value, datetime):
        return ""
    return format_date(_local(value), DATETIME_SECONDS)


@register.filter
def when_in(value, zone) -> str:
    """Date and time in ``zone``, with the zone's abbreviation: ``Jun 3, 2026, 1:05 PM CDT``."""
    if not isinstance(value, datetime):
        return ""
    local = _local(value, zone)
    return f"{format_date(local, DATETIME)} {local.tzname() or ''}".strip()


@register.filter
def day(value) -> str:
    if isinstance(value, datetime):
        value = _local(value).date()
    if not isinstance(value, date):
        return ""
    return format_date(value, DATE)


@register.filter
def clock(value, zone=None) -> str:
    if not isinstance(value, datetime):
        return ""
    return format_date(_local(value, zone), TIME)
