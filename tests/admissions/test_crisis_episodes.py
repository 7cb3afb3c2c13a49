"""A crisis episode on the staff side (spec 10.4): the alert's link signs a clinician in to
acknowledge it; the referral shows every alert (sent, delivered or failed, acknowledged by
whom and when); the episode closes only when its outcome is recorded, and until then the
referral heads the queue and a crisis banner is on every staff page."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from admissions.models import CrisisEpisode, FollowUp
from admissions.services.crisis_alerts import crisis_alerts_escalate, followups_for_crisis
from admissions.services.crisis_episodes import crisis_alert_acknowledge, crisis_outcome_record
from admissions.services.referrals import contact_attempt_log, referral_status_change
from core import roles
from tests.admissions.factories import make_referral, make_staff, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def crisis(db):
    make_staff(roles.CLINICIAN, groups=[roles.ON_CALL])
    referral = make_referral(crisis=True, first_name="Ines", last_name="Barros")
    followups_for_crisis(referral=referral)
    referral.refresh_from_db()
    return referral


def _episode() -> CrisisEpisode:
    return CrisisEpisode.objects.get()


def test_the_alert_link_asks_for_sign_in_then_offers_one_button(client, crisis, clinician):
    url = reverse("admissions:crisis_acknowledge", args=[_episode().pk])

    assert client.get(url)["Location"].startswith("/staff/login/?next=")
    sign_in_verified(client, clinician)
    page = client.get(url).content.decode()
    assert "Acknowledge — I am responding" in page
    assert "Ines Barros" in page

    response = client.post(url, follow=True)

    assert response.redirect_chain[-1][0].endswith(f"/staff/referrals/{crisis.pk}/#crisis")
    assert "Alert acknowledged" in response.content.decode()
    episode = _episode()
    assert episode.acknowledged_by == clinician and episode.next_alert_at is None


def test_admissions_staff_see_the_alert_but_cannot_acknowledge_it(client, crisis):
    sign_in_verified(client, make_staff(roles.ADMISSIONS))
    url = reverse("admissions:crisis_acknowledge", args=[_episode().pk])

    assert "Only a clinician can acknowledge" in client.get(url).content.decode()
    assert client.post(url).status_code == 403
    assert _episode().acknowledged_at is None


def test_staff_without_referral_access_get_nothing(client, crisis):
    sign_in_verified(client, make_staff(roles.PROGRAM_ADMIN))

    assert (
        client.get(reverse("admissions:crisis_acknowledge", args=[_episode().pk])).status_code
        == 404
    )
    assert "CRISIS" not in client.get("/staff/programs/").content.decode()


def test_the_referral_shows_each_alert_with_its_state(
    client, crisis, clinician, django_capture_on_commit_callbacks
):
    episode = _episode()
    with django_capture_on_commit_callbacks(execute=True):
        crisis_alerts_escalate(now=episode.opened_at + timedelta(minutes=10))
    failed = FollowUp.objects.filter(kind="crisis_escalation").first()
    FollowUp.objects.filter(pk=failed.pk).update(status="failed", last_error="SMTPException")
    crisis_alert_acknowledge(episode=episode, clinician=clinician)
    sign_in_verified(client, clinician)

    page = client.get(reverse("admissions:referral_detail", args=[crisis.pk])).content.decode()

    section = page[page.index('id="crisis"') :]
    assert (
        section.count('data-testid="crisis-alert"')
        == FollowUp.objects.filter(crisis_episode=episode).count()
    )
    assert "First alert" in section and "Repeat 1" in section and "Escalation 1" in section
    assert "delivered to the mail server" in section
    assert "Failed</span> — SMTPException" in section
    assert f"Acknowledged by {clinician.get_full_name()}" in section


def test_the_episode_closes_only_with_a_recorded_outcome(client, crisis, clinician):
    sign_in_verified(client, clinician)
    url = reverse("admissions:crisis_outcome", args=[crisis.pk, _episode().pk])

    missing = client.post(url, {})
    other_without_note = client.post(url, {"crisis-outcome": "other", "crisis-note": ""})
    assert missing.status_code == other_without_note.status_code == 400
    assert _episode().closed_at is None

    done = client.post(url, {"crisis-outcome": "safety_plan", "crisis-note": "Safety plan made."},
                       follow=True)  # fmt: skip

    assert "Crisis outcome recorded" in done.content.decode()
    episode = _episode()
    assert (episode.outcome, episode.closed_by) == ("safety_plan", clinician)
    assert episode.acknowledged_by == clinician  # recording the outcome acknowledges too
    crisis.refresh_from_db()
    assert (crisis.crisis_open, crisis.crisis, crisis.urgency) == (False, True, "emergent")


def test_unable_to_reach_needs_repeated_attempts_first(crisis, clinician, settings):
    settings.CRISIS_UNREACHABLE_ATTEMPTS = 2
    staff = make_staff(roles.ADMISSIONS)
    contact_attempt_log(referral=crisis, staff=staff, channel="phone", outcome="no_answer")

    with pytest.raises(ValidationError) as error:
        crisis_outcome_record(episode=_episode(), clinician=clinician, outcome="unreachable")
    assert "at least 2 contact attempts" in str(error.value)

    contact_attempt_log(referral=crisis, staff=staff, channel="phone", outcome="voicemail")
    crisis_outcome_record(episode=_episode(), clinician=clinician, outcome="unreachable")
    assert _episode().outcome == "unreachable"


def test_a_referral_in_crisis_cannot_end_before_its_outcome_is_recorded(crisis, clinician):
    staff = make_staff(roles.ADMISSIONS)
    with pytest.raises(ValidationError):
        referral_status_change(
            referral=crisis,
            to_status="closed",
            reason="Duplicate of another referral.",
            actor=staff,
        )

    crisis_outcome_record(
        episode=_episode(), clinician=clinician, outcome="emergency_department", note=""
    )
    referral_status_change(
        referral=crisis, to_status="closed", reason="Admitted elsewhere via the ED.", actor=staff
    )


def test_an_open_crisis_heads_the_queue_and_bannering_every_staff_page(client, crisis, clinician):
    earlier = make_referral(level="iop", due_at=crisis.due_at - timedelta(hours=2))
    old_crisis = make_referral(crisis=True, due_at=crisis.due_at - timedelta(hours=1))
    sign_in_verified(client, make_staff(roles.ADMISSIONS))

    queue = client.get("/staff/referrals/")
    rows = [r.pk for r in queue.context["queue"].rows]
    assert rows[:3] == [crisis.pk, old_crisis.pk, earlier.pk]
    for path in ("/staff/referrals/", f"/staff/referrals/{earlier.pk}/", "/staff/outbox/"):
        page = client.get(path).content.decode()
        assert f"Referral {crisis.pk}</a>:" in page, path
        assert "alert not acknowledged" in page

    crisis_outcome_record(episode=_episode(), clinician=clinician, outcome="safety_plan")

    rows = [r.pk for r in client.get("/staff/referrals/").context["queue"].rows]
    assert rows[0] == old_crisis.pk  # no open crisis now: crisis first, then by deadline
    assert "referrals in crisis" not in client.get("/staff/referrals/").content.decode()
    assert "referral in crisis" not in client.get("/staff/outbox/").content.decode()


def test_a_second_crisis_of_the_same_person_opens_a_new_episode_acknowledged_with_the_first(
    crisis, clinician
):
    from tests.admissions.factories import add_screening

    add_screening(crisis, crisis=True)
    assert CrisisEpisode.objects.filter(referral=crisis).count() == 2

    crisis_alert_acknowledge(episode=CrisisEpisode.objects.first(), clinician=clinician)

    assert not CrisisEpisode.objects.filter(acknowledged_at__isnull=True).exists()
