"""Crisis alerts close the loop (spec 10.4): an alert nobody acknowledges within
CRISIS_ACK_MINUTES is repeated to on call and escalated to the admissions lead and the
backup group, and again every CRISIS_ACK_MINUTES, until a clinician acknowledges it — exactly
one message per recipient per step, all through the outbox."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from admissions.models import CrisisEpisode, FollowUp
from admissions.services.crisis_alerts import crisis_alerts_escalate, followups_for_crisis
from admissions.services.crisis_episodes import crisis_alert_acknowledge
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import make_referral, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup_clinician(db):
    return make_staff(
        roles.CLINICIAN, groups=[roles.CRISIS_BACKUP], email="backup@staff.example.org"
    )


@pytest.fixture
def crisis(oncall_clinician, admissions_lead, backup_clinician, settings):
    settings.CRISIS_ACK_MINUTES = 10
    settings.ONCALL_EMAIL = "oncall-pager@clinic.example.org"
    referral = make_referral(crisis=True)
    followups_for_crisis(referral=referral)
    return referral


def _round(episode, n):
    return FollowUp.objects.filter(crisis_episode=episode, alert_round=n)


def _recipients(rows):
    return sorted((f.kind, f.recipient_user.email if f.recipient_user else f.staff_address)
                  for f in rows)  # fmt: skip


def test_the_first_alert_opens_an_episode_waiting_for_acknowledgement(crisis):
    episode = CrisisEpisode.objects.get()
    assert episode.referral == crisis and episode.acknowledged_at is None
    assert episode.next_alert_at == episode.opened_at + timedelta(minutes=10)
    crisis.refresh_from_db()
    assert crisis.crisis_open is True
    assert _recipients(_round(episode, 0)) == [
        ("crisis_alert", "oncall"),
        ("crisis_alert", "oncall-1@staff.example.org"),
    ]


def test_no_acknowledgement_repeats_and_escalates_at_the_configured_times(crisis):
    episode = CrisisEpisode.objects.get()
    start = episode.opened_at

    assert crisis_alerts_escalate(now=start + timedelta(minutes=9, seconds=59)) == 0
    assert crisis_alerts_escalate(now=start + timedelta(minutes=10)) == 1
    assert _recipients(_round(episode, 1)) == [
        ("crisis_alert", "oncall"),
        ("crisis_alert", "oncall-1@staff.example.org"),
        ("crisis_escalation", "backup@staff.example.org"),
        ("crisis_escalation", "lead@staff.example.org"),
    ]
    # Beat runs every 30 seconds: nothing more until the next interval has passed.
    for seconds in (30, 60, 590):
        assert crisis_alerts_escalate(now=start + timedelta(minutes=10, seconds=seconds)) == 0
    assert crisis_alerts_escalate(now=start + timedelta(minutes=20)) == 1
    assert _round(episode, 2).count() == 4
    assert FollowUp.objects.filter(crisis_episode=episode).count() == 2 + 4 + 4


def test_acknowledging_stops_the_repeats_and_cancels_those_not_yet_sent(crisis, oncall_clinician):
    episode = CrisisEpisode.objects.get()
    start = episode.opened_at
    crisis_alerts_escalate(now=start + timedelta(minutes=10))
    FollowUp.objects.filter(crisis_episode=episode, alert_round=1).update(status="pending")

    assert crisis_alert_acknowledge(episode=episode, clinician=oncall_clinician) is True

    assert set(_round(episode, 1).values_list("status", flat=True)) == {"cancelled"}
    assert crisis_alerts_escalate(now=start + timedelta(hours=3)) == 0
    assert not _round(episode, 2).exists()
    episode.refresh_from_db()
    assert (episode.acknowledged_by, episode.next_alert_at) == (oncall_clinician, None)
    assert crisis_alert_acknowledge(episode=episode, clinician=oncall_clinician) is False
    assert AuditEvent.objects.filter(detail=f"crisis episode {episode.pk}: alert acknowledged",
                                     actor=oncall_clinician).count() == 1  # fmt: skip


def test_only_a_clinician_can_acknowledge(crisis, admissions_lead):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        crisis_alert_acknowledge(episode=CrisisEpisode.objects.get(), clinician=admissions_lead)


def test_the_messages_carry_the_acknowledgement_link_and_no_name(
    crisis, django_capture_on_commit_callbacks
):
    episode = CrisisEpisode.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        crisis_alerts_escalate(now=episode.opened_at + timedelta(minutes=10))

    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "ESCALATION: crisis alert not acknowledged by on call",
        "ESCALATION: crisis alert not acknowledged by on call",
        "URGENT, REPEAT 1: crisis alert not acknowledged",
        "URGENT, REPEAT 1: crisis alert not acknowledged",
    ]
    for message in mail.outbox:
        assert f"/staff/crisis/{episode.pk}/acknowledge/" in message.body
        assert crisis.last_name not in message.body and crisis.phone not in message.body
    assert "10 minutes" in mail.outbox[0].body


def test_an_acknowledged_repeat_in_flight_is_not_sent(crisis, oncall_clinician):
    from admissions.services.followup_delivery import followup_deliver

    episode = CrisisEpisode.objects.get()
    crisis_alerts_escalate(now=episode.opened_at + timedelta(minutes=10))
    row = _round(episode, 1).first()
    FollowUp.objects.filter(pk=row.pk).update(status="pending", sent_at=None)
    CrisisEpisode.objects.filter(pk=episode.pk).update(
        acknowledged_at=timezone.now(), acknowledged_by=oncall_clinician
    )
    mail.outbox.clear()

    assert followup_deliver(followup_id=row.pk).status == "cancelled"
    assert mail.outbox == []


def test_an_empty_backup_group_falls_back_to_the_backup_address(
    oncall_clinician, admissions_lead, settings
):
    settings.CRISIS_BACKUP_EMAIL = "backup-line@clinic.example.org"
    followups_for_crisis(referral=make_referral(crisis=True))
    episode = CrisisEpisode.objects.get()

    crisis_alerts_escalate(now=episode.opened_at + timedelta(minutes=10))

    escalations = _round(episode, 1).filter(kind="crisis_escalation")
    assert _recipients(escalations) == [
        ("crisis_escalation", "backup"),
        ("crisis_escalation", "lead@staff.example.org"),
    ]


def test_an_on_call_text_line_gets_a_text_with_the_link(
    oncall_clinician, settings, django_capture_on_commit_callbacks
):
    from admissions.messaging import sms

    settings.ONCALL_SMS = "+15550100999"
    with django_capture_on_commit_callbacks(execute=True):
        followups_for_crisis(referral=make_referral(crisis=True))

    texts = [m for m in sms.outbox if m.to == "+15550100999"]
    assert len(texts) == 1
    episode = CrisisEpisode.objects.get()
    assert f"/staff/crisis/{episode.pk}/acknowledge/" in texts[0].body
    assert len(texts[0].body) <= 160
