"""A small data set for the dashboard, built by hand so that every figure can be worked out
on paper (the expected values in test_figures.py are those sums, not the code's output).

Range: Monday 2026-11-02 to Sunday 2026-11-15, clinic time (America/New_York).

Opened (ET), urgency, level (-> override by clinician A/B), first try and reach after
opening, deadline, status, assessment, source, insurance:

- R1 Tue 11-03 10:00, routine, outpatient; +1 h, +2 h; 72 h met; admitted; attended;
  clinician; in network.
- R2 Tue 11-03 10:00, routine, iop; +3 h, +80 h; 72 h missed (late); contacting; none;
  clinician; not started.
- R3 Tue 11-10 09:00, routine, iop -> php (A); +5 h, never; 72 h missed; contacting; none;
  not given; self-pay.
- R4 Tue 11-10 12:00, urgent, php -> iop (B); +0.5 h, +1 h; 4 h met; scheduled; attended;
  search; in network.
- R6 Sun 11-15 23:30, urgent, outpatient; never, never; 4 h missed; new; none; not given;
  not started.
- Outside the range: R5 Fri 11-20 10:00; R7 Sun 11-01 23:30 ET (04:30 UTC on 11-02: the
  day boundary is clinic time).

Crisis episodes: on R1 opened Thu 11-05 14:00, acknowledged +6 min, reached +20 min; on R4
opened Thu 11-12 08:00, acknowledged +10 min, reached +30 min (a reach 60 min *before* it
does not count); on R2 opened Sat 11-14 09:00, never acknowledged nor reached; one more
outside the range (R5).

Program "Evening IOP": capacity 10, 4 enrolled; waitlist R2 waiting (added 11-04), R3
waiting (added 10-01, before the range), R6 offered a place on 11-15 and accepted it.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from admissions.models import (
    Assessment,
    ContactAttempt,
    CrisisEpisode,
    Override,
    Referral,
    SeatOffer,
    WaitlistEntry,
)
from core import roles
from tests.admissions.factories import make_referral, make_staff
from tests.programs.factories import ProgramFactory

ET = ZoneInfo("America/New_York")
START, END = date(2026, 11, 2), date(2026, 11, 15)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ET)


def _referral(level, *, created, urgency, due_hours, attempt=None, reached=None, **fields):
    referral = make_referral(level=level)
    values = {
        "created_at": created,
        "urgency": urgency,
        "due_at": created + timedelta(hours=due_hours),
        "first_attempt_at": created + timedelta(hours=attempt) if attempt is not None else None,
        "reached_at": created + timedelta(hours=reached) if reached is not None else None,
        **fields,
    }
    Referral.objects.filter(pk=referral.pk).update(**values)
    referral.refresh_from_db()
    return referral


def _attended(referral, clinician):
    return Assessment.objects.create(
        referral=referral,
        starts_at=referral.created_at + timedelta(days=1),
        mode=Assessment.Mode.VIDEO,
        clinician=clinician,
        scheduled_by=clinician,
        status=Assessment.Status.ATTENDED,
    )


def _override(referral, level, clinician):
    return Override.objects.create(
        referral=referral,
        recommendation=referral.latest_screening.recommendation,
        level=level,
        reason="Clinical judgement",
        clinician=clinician,
    )


def _attempt(referral, staff, when, outcome=ContactAttempt.Outcome.REACHED):
    attempt = ContactAttempt.objects.create(
        referral=referral, staff=staff, channel="phone", outcome=outcome
    )
    ContactAttempt.objects.filter(pk=attempt.pk).update(created_at=when)


def _episode(referral, opened, ack_minutes=None):
    return CrisisEpisode.objects.create(
        referral=referral,
        screening=referral.latest_screening,
        opened_at=opened,
        acknowledged_at=opened + timedelta(minutes=ack_minutes) if ack_minutes else None,
    )


def build() -> dict:
    a = make_staff(roles.CLINICIAN, first_name="Avery", last_name="Alpha")
    b = make_staff(roles.CLINICIAN, first_name="Blake", last_name="Beta")
    desk = make_staff(roles.ADMISSIONS)
    r1 = _referral(
        "outpatient", created=at(3, 10), urgency="routine", due_hours=72, attempt=1, reached=2,
        status="admitted", source="clinician", insurance_status="in_network",
    )  # fmt: skip
    r2 = _referral(
        "iop", created=at(3, 10), urgency="routine", due_hours=72, attempt=3, reached=80,
        status="contacting", source="clinician", insurance_status="not_started",
    )  # fmt: skip
    r3 = _referral(
        "iop", created=at(10, 9), urgency="routine", due_hours=72, attempt=5,
        status="contacting", source="", insurance_status="self_pay", override_level="php",
    )  # fmt: skip
    r4 = _referral(
        "php", created=at(10, 12), urgency="urgent", due_hours=4, attempt=0.5, reached=1,
        status="assessment_scheduled", source="search", insurance_status="in_network",
        override_level="iop",
    )  # fmt: skip
    r6 = _referral(
        "outpatient", created=at(15, 23, 30), urgency="urgent", due_hours=4,
        source="", insurance_status="not_started",
    )  # fmt: skip
    r5 = _referral(
        "outpatient", created=at(20, 10), urgency="routine", due_hours=72, attempt=1, reached=1,
        status="admitted", source="clinician",
    )  # fmt: skip
    _referral(
        "iop", created=at(1, 23, 30), urgency="routine", due_hours=72, source="search",
    )  # fmt: skip
    _attended(r1, a)
    _attended(r4, b)
    _attended(r5, a)
    _override(r3, "php", a)
    _override(r4, "iop", b)
    _episode(r1, at(5, 14), ack_minutes=6)
    _attempt(r1, desk, at(5, 14, 20))
    _episode(r4, at(12, 8), ack_minutes=10)
    _attempt(r4, desk, at(12, 7))  # before the episode: not its reach
    _attempt(r4, desk, at(12, 8, 30))
    _episode(r2, at(14, 9))
    _episode(r5, at(20, 11), ack_minutes=2)
    program = ProgramFactory(name="Evening IOP", capacity=10, enrolled=4)
    for referral, added in ((r2, at(4, 9)), (r3, at(1, 9, month=10))):
        entry = WaitlistEntry.objects.create(referral=referral, program=program, added_by=desk)
        WaitlistEntry.objects.filter(pk=entry.pk).update(added_at=added)
    offer = SeatOffer.objects.create(
        referral=r6, program=program, status=SeatOffer.Status.ACCEPTED, expires_at=at(17, 9)
    )
    SeatOffer.objects.filter(pk=offer.pk).update(created_at=at(15, 23, 45))
    entry = WaitlistEntry.objects.create(
        referral=r6,
        program=program,
        added_by=desk,
        status=WaitlistEntry.Status.OFFERED,
        offer=offer,
    )
    WaitlistEntry.objects.filter(pk=entry.pk).update(added_at=at(15, 23, 40))
    return {"a": a, "b": b, "program": program}
