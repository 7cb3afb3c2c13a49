"""Public screener views."""

from .pages import crisis, privacy, result, start, start_over, too_young
from .resume import resume, save_later
from .wizard import ScreenerWizard

__all__ = [
    "ScreenerWizard",
    "crisis",
    "privacy",
    "result",
    "resume",
    "save_later",
    "start",
    "start_over",
    "too_young",
]
