"""The time crisis escalation goes by: ``timezone.now()``, unless a test moves it.

Integration tests run a real worker and beat and cannot wait ten minutes for an alert to go
unacknowledged, so ``settings.CLOCK_OFFSET_FILE`` (test settings only) may name a file holding
the seconds this clock runs ahead of real time; the test rewrites the file to move time on."""

from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone


def _offset_seconds() -> float:
    path = getattr(settings, "CLOCK_OFFSET_FILE", "")
    if not path:
        return 0.0
    try:
        return float(Path(path).read_text().strip() or 0)
    except (OSError, ValueError):
        return 0.0


def now() -> datetime:
    return timezone.now() + timedelta(seconds=_offset_seconds())
