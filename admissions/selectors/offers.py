"""Seat offers: how long a place is held unless staff choose otherwise."""

from django.conf import settings


def default_hold_hours() -> int:
    return int(getattr(settings, "SEAT_HOLD_HOURS", 48))
