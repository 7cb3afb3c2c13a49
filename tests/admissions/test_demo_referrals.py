"""`make run` opens on a queue with people in it: demo applicants screened through the real
intake services, once, without printing their messages over the logins."""

import io

import pytest
from django.core.management import call_command

from admissions.models import FollowUp, Referral
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
    # Their confirmations and alerts went out (sent) but not to the terminal.
    assert FollowUp.objects.filter(status="sent").count() == FollowUp.objects.count() > 8
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
