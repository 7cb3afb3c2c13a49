"""`manage.py followups_health`: the numbers a monitoring probe reads."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from admissions.models import FollowUp
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command("followups_health", *args, stdout=out)
    return json.loads(out.getvalue())


def test_reports_failed_and_late_sends_and_check_fails_on_them():
    referral = make_referral()
    assert _run("--check")["failed"] == 0

    FollowUp.objects.create(
        referral=referral,
        kind="confirmation",
        channel="email",
        dedupe_key="late",
        scheduled_for=timezone.now() - timedelta(minutes=30),
    )
    report = _run()
    assert (report["late"], report["pending_due"]) == (1, 1)
    assert 1790 <= report["oldest_due_seconds"] <= 1810
    with pytest.raises(SystemExit) as exited:
        _run("--check")
    assert exited.value.code == 1
