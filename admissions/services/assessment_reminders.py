"""The two reminders of an assessment: 24 hours and 2 hours before it, to the applicant in
the channel they consented to and prefer, moved into their calling hours (earlier that
morning or the evening before) but never after the appointment. A reminder whose time has
already passed when the assessment is booked is not sent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ..models import Assessment, FollowUp
from .contact_window import calling_time_before
from .followups import applicant_channel, followup_schedule

LEADS = (
    (FollowUp.Kind.ASSESSMENT_REMINDER_24H, timedelta(hours=24)),
    (FollowUp.Kind.ASSESSMENT_REMINDER_2H, timedelta(hours=2)),
)


def assessment_reminders_schedule(*, assessment: Assessment) -> list[FollowUp]:
    referral = assessment.referral
    channel = applicant_channel(referral)
    if channel is None:
        return []
    now = timezone.now()
    booked = []
    for kind, lead in LEADS:
        when = calling_time_before(referral, assessment.starts_at - lead, assessment.starts_at)
        if when <= now:
            continue
        booked.append(
            followup_schedule(
                kind=kind,
                channel=channel,
                referral=referral,
                assessment=assessment,
                scheduled_for=when,
                dedupe_key=f"{kind}:assessment:{assessment.pk}",
            )
        )
    return booked


def assessment_reminders_cancel(*, assessment: Assessment) -> int:
    return FollowUp.objects.filter(assessment=assessment, status=FollowUp.Status.PENDING).update(
        status=FollowUp.Status.CANCELLED, last_error=""
    )
