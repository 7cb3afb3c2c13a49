"""The demo queue at work, for `make run`: a few contact attempts (some reached, some not,
with callbacks), a booked assessment, a held seat and a waitlist place, made through the
real services so the queue's order, "My day" and the referral page have something to show.

The calls are logged as if it were early afternoon where the demo applicants live, so the
calling-hours rule does not refuse them when the demo is loaded at night."""

from contextlib import contextmanager
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from programs.models import Program

from .models import Referral
from .services import contact_window
from .services.assessments import assessment_schedule
from .services.offers import seat_offer_create
from .services.referrals import contact_attempt_log, referral_assign
from .services.waitlists import waitlist_add


@contextmanager
def _early_afternoon():
    saved = contact_window.clock
    afternoon = datetime.combine(
        timezone.localdate(), time(13, 0), tzinfo=ZoneInfo("America/New_York")
    )
    contact_window.clock = lambda: afternoon
    try:
        yield
    finally:
        contact_window.clock = saved


def _person(first_name: str) -> Referral:
    return Referral.objects.get(first_name=first_name)


def _log(first_name: str, staff, channel: str, outcome: str, callback: bool = False):
    referral = _person(first_name)
    contact_attempt_log(
        referral=referral,
        staff=staff,
        channel=channel,
        outcome=outcome,
        callback_at=contact_window.suggested_callback(referral) if callback else None,
    )


def _tomorrow_at(hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load() -> None:
    users = get_user_model().objects
    intake, clinician = users.get(username="admissions@demo"), users.get(username="clinician@demo")
    with _early_afternoon():
        for name in ("Maya", "Daniel", "Marcus", "Grace", "Omar"):
            referral_assign(referral=_person(name), assignee=intake, actor=intake)
        _log("Omar", intake, "phone", "no_answer")
        _log("Daniel", intake, "phone", "no_answer", callback=True)
        _log("Elena", intake, "phone", "voicemail")
        _log("Maya", intake, "sms", "text_sent")
        _log("Maya", intake, "phone", "reached", callback=True)
        _log("Marcus", intake, "phone", "reached")
        _log("Grace", intake, "phone", "reached")
    assessment_schedule(
        referral=_person("Marcus"),
        starts_at=_tomorrow_at(10),
        mode="video",
        clinician=clinician,
        actor=intake,
    )
    full = Program.objects.filter(slug="adult-evening-iop").first()
    if full is not None and full.open_seats == 0:
        waitlist_add(referral=_person("Maya"), program=full, actor=intake)
    open_program = Program.objects.filter(slug="steady-ground-trauma-iop").first()
    if open_program is not None and open_program.open_seats > 0:
        seat_offer_create(referral=_person("Grace"), program=open_program, offered_by=intake)
