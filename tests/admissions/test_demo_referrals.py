"""`make run` opens on a queue with people in it: demo applicants screened through the real
intake services, once, without printing their messages over the logins."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from admissions.models import Assessment, FollowUp, Referral, WaitlistEntry
from screening.models import Recommendation

pytestmark = pytest.mark.django_db


def _load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)  # autocommit, as under `make run`
def test_demo_applicants_are_scored_and_queued_through_the_real_services(settings, capsys):
    settings.DEMO_LOGINS_ALLOWED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    output = _load_demo()

    referrals = list(Referral.objects.all())
    assert len(referrals) == 8
    assert Recommendation.objects.count() == 8
    assert {r.level for r in referrals} >= {"outpatient", "iop", "php", "inpatient"}
    crisis = [r for r in referrals if r.crisis]
    assert len(crisis) == 1 and crisis[0].urgency == "emergent"
    # Their confirmations and alerts went out (sent) but not to the terminal; what the demo's
    # attempts and assessment booked for later (no-response messages, reminders) waits.
    due = FollowUp.objects.filter(scheduled_for__lte=timezone.now())
    assert due.filter(status="sent").count() == due.count() > 8
    later = FollowUp.objects.exclude(pk__in=due.values("pk"))
    # (Maya's no-response messages were cancelled when she was reached.)
    assert set(later.values_list("status", flat=True)) == {"pending", "cancelled"}
    # The queue at work: reached and unreached people, a booked assessment, a waitlist place.
    assert Referral.objects.filter(reached_at__isnull=False).count() == 3
    assert Referral.objects.get(crisis=True).reached_at is None
    assert Assessment.objects.filter(status="scheduled").count() == 1
    assert WaitlistEntry.objects.filter(status="waiting").count() == 1
    assert "Subject:" not in capsys.readouterr().out
    assert "Demo referrals: 8" in output
    assert settings.EMAIL_BACKEND.endswith("console.EmailBackend")  # restored afterwards


def test_loading_the_demo_again_adds_no_one(settings):
    settings.DEMO_LOGINS_ALLOWED = True
    _load_demo()

    output = _load_demo()

    assert Referral.objects.count() == 8
    assert "skipped" in output


def test_no_demo_applicants_under_production_settings(settings):
    settings.DEMO_LOGINS_ALLOWED = False

    _load_demo()

    assert not Referral.objects.exists()
