"""Celery tasks of admissions, one module per subject. Thin: ids in, one service call,
nothing out. A task is named ``admissions.<function name>`` (``noun_verb``, see
``admissions.wake``); its body imports the service it calls."""

from .crisis import crisis_alerts_escalate
from .followups import (
    followup_send,
    followups_dispatch,
    followups_send_due,
    referrals_escalate_overdue,
)
from .offers import seat_offers_expire

__all__ = [
    "crisis_alerts_escalate",
    "followup_send",
    "followups_dispatch",
    "followups_send_due",
    "referrals_escalate_overdue",
    "seat_offers_expire",
]
