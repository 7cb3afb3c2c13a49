"""What makes a contact attempt acceptable: the outcome fits the channel, the person agreed
to texts before a text, there is a number or address to use, calls and texts happen in the
applicant's calling hours, and a callback is a time the clinic may call.

``attempt_problems`` returns every objection at once, keyed by form field, so the staff
member sees all of them next to the fields to change; nothing is saved when there is one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.formats import date_format

from ..models import ContactAttempt, Referral
from . import contact_window

PHONE, SMS, EMAIL = "phone", "sms", "email"
Outcome = ContactAttempt.Outcome
CHANNEL_OUTCOMES: dict[str, tuple[str, ...]] = {
    PHONE: (
        Outcome.REACHED,
        Outcome.NO_ANSWER,
        Outcome.VOICEMAIL,
        Outcome.WRONG_NUMBER,
        Outcome.DECLINED,
    ),
    SMS: (Outcome.TEXT_SENT, Outcome.REACHED, Outcome.WRONG_NUMBER, Outcome.DECLINED),
    EMAIL: (Outcome.EMAIL_SENT, Outcome.REACHED, Outcome.DECLINED),
}
# A call or text logged just after 9 p.m. was made before it.
LOGGING_GRACE = timedelta(minutes=15)
CALLBACK_HORIZON = timedelta(days=30)


def local_time_words(referral: Referral, moment: datetime) -> str:
    """``7:40 AM their time (CST)``."""
    local = moment.astimezone(contact_window.applicant_zone(referral))
    return f"{date_format(local, 'g:i A')} their time ({local.tzname()})"


def _channel_problem(referral: Referral, channel: str) -> str | None:
    if channel == SMS and not referral.consent_sms:
        return "They have not agreed to text messages. Call or email instead."
    if channel in (PHONE, SMS) and not referral.phone:
        return "There is no phone number on file."
    if channel == EMAIL and not referral.email:
        return "There is no email address on file."
    return None


def _outcome_problem(channel: str, outcome: str) -> str | None:
    if outcome in CHANNEL_OUTCOMES.get(channel, ()):
        return None
    fitting = ", ".join(Outcome(o).label.lower() for o in CHANNEL_OUTCOMES.get(channel, ()))
    label = Outcome(outcome).label
    return f"“{label}” does not fit that channel. Choose one of: {fitting}."


def _hours_problem(referral: Referral, channel: str, now: datetime) -> str | None:
    """Calls and texts only in calling hours; a call about a crisis is never held back."""
    if channel == EMAIL or (channel == PHONE and referral.crisis):
        return None
    if contact_window.is_calling_time(referral, now) or contact_window.is_calling_time(
        referral, now - LOGGING_GRACE
    ):
        return None
    return (
        f"It is {local_time_words(referral, now)}. Calls and texts are made only between "
        "8 AM and 9 PM their time; set a callback instead."
    )


def callback_problem(referral: Referral, callback_at: datetime, now: datetime) -> str | None:
    """``now`` is the real time (a callback must lie ahead of it)."""
    if callback_at <= now:
        return "Choose a callback time in the future."
    if callback_at > now + CALLBACK_HORIZON:
        return "Choose a callback within the next 30 days."
    if not contact_window.is_calling_time(referral, callback_at):
        return (
            f"That is {local_time_words(referral, callback_at)}. Choose a time between "
            "8 AM and 9 PM their time."
        )
    return None


def attempt_problems(
    *, referral: Referral, channel: str, outcome: str, callback_at: datetime | None, now: datetime
) -> dict[str, str]:
    """Every reason this attempt can't be logged, by field; empty when it can. ``now`` is
    the real time; calling hours are judged on ``contact_window.clock()``."""
    if channel not in ContactAttempt.Channel.values:
        return {"channel": "Choose how you tried to reach them."}
    if outcome not in ContactAttempt.Outcome.values:
        return {"outcome": "Choose what happened."}
    problems = {
        "channel": _channel_problem(referral, channel)
        or _hours_problem(referral, channel, contact_window.clock()),
        "outcome": _outcome_problem(channel, outcome),
        "callback_at": callback_problem(referral, callback_at, now) if callback_at else None,
    }
    return {field: text for field, text in problems.items() if text}
