"""How staff pages write a moment: ``Jun 3, 2026, 2:05 PM`` in the clinic's time zone. The
``when`` template filter (iop_portal/templatetags/dates.py) and the queue's row renderer
(admissions/templatetags/queue_row.py) both write it from here."""

from datetime import datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date

DATETIME = "M j, Y, g:i A"


def moment_text(value) -> str:
    """Date and time in the clinic's zone (a naive value as it is); "" for nothing."""
    if not isinstance(value, datetime):
        return ""
    local = value if timezone.is_naive(value) else timezone.localtime(value)
    return format_date(local, DATETIME)
