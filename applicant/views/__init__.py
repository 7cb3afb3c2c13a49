"""Public screener views."""

from .crisis import crisis_signal, safety_check
from .pages import crisis, privacy, result, start, start_over, too_young
from .resume import resume, save_later
from .wizard import ScreenerWizard

__all__ = [
    "ScreenerWizard",
    "crisis",
    "crisis_signal",
    "privacy",
    "result",
    "resume",
    "safety_check",
    "save_later",
    "start",
    "start_over",
    "too_young",
]
