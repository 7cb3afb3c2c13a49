"""A distinctive applicant goes through the real screener and the staff workspace, with the
web (gunicorn, as the container runs it), a worker (sending through the console email and SMS
backends at INFO) and beat all logging: none of those logs holds the person's name, email,
phone or anything staff wrote about them."""

import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model

from admissions.models import FollowUp, Referral
from core import roles
from tests.admissions.factories import STAFF_PASSWORD, make_staff, totp_code
from tests.applicant.flow import ABOUT, CONTACT, DETAILS
from tests.fixtures.worker import database_url_for_tests, use_broker
from tests.integration.followup_support import wait_until
from tests.integration.live_applicant import PAGES, LiveApplicant, with_person
from tests.services import free_port

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
WEB_COMMAND = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"][
    "command"
]

APPLICANT = {
    **ABOUT,
    **CONTACT,
    **DETAILS,
    "first_name": "Zephyrine",
    "last_name": "Quillfeather",
    "email": "zephyrine.quillfeather@example.net",
    "phone": "(555) 013-7791",
    "preferred_contact": "sms",
    "consent_sms": "on",  # texts need their own consent, asked beside the channel
    "insurance_member_id": "QZX-778812",
}
WRITTEN = {
    "note": "Zephyrine asked about the lighthouse evening group",
    "contact": "Spoke with Quillfeather's sister about the marigold schedule",
    "override": "Quillfeather describes nightly panic at the lighthouse; needs PHP now",
    "status": "Calling back after the marigold festival",
}
SECRETS = [
    "Zephyrine",
    "Quillfeather",
    "zephyrine.quillfeather",
    "013-7791",
    "0137791",
    "QZX-778812",
    "lighthouse",
    "marigold",
]


def run(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )


def staff_session(base: str, statuses: list, username: str) -> LiveApplicant:
    """Signed in through the forms: the password, then the authenticator's code."""
    staff = LiveApplicant(base, statuses)
    signed_in = staff.post("/staff/login/", {"username": username, "password": STAFF_PASSWORD})
    assert signed_in.status_code == 302, signed_in.text[:500]
    user = get_user_model().objects.get(username=username)
    verified = staff.post("/staff/mfa/verify/", {"code": totp_code(user)})
    assert verified.status_code == 302, verified.text[:500]
    return staff


def test_web_worker_and_beat_logs_hold_no_phi(celery_worker_process, private_redis, tmp_path):
    desk = make_staff(roles.ADMISSIONS, email="desk@staff.example.org")
    clinician = make_staff(roles.CLINICIAN, groups=[roles.ON_CALL], email="oc@staff.example.org")
    consoles = {
        "TEST_EMAIL_BACKEND": "admissions.messaging.console.ConsoleEmailBackend",
        "TEST_SMS_BACKEND": "console",
        "LOG_LEVEL": "INFO",
        # The text and the call are allowed whatever the hour the suite runs at.
        "TEST_APPLICANT_CLOCK_AT": "13:00 America/New_York",
    }
    use_broker(private_redis.url)
    worker = celery_worker_process(private_redis.url, env=consoles)
    env = {**worker.env, **consoles, "DATABASE_URL": database_url_for_tests()}
    port = free_port()
    bin_dir = Path(sys.executable).parent
    web_command = shlex.split(WEB_COMMAND)
    web = run(
        [str(bin_dir / web_command[0]), *web_command[1:]],
        {**env, "PORT": str(port), "WEB_CONCURRENCY": "1"},
        tmp_path / "web.log",
    )
    beat_command = ["-m", "celery", "-A", "iop_portal", "beat", "--loglevel=INFO"]
    beat = run(
        [sys.executable, *beat_command, f"--schedule={tmp_path / 'beat-schedule'}"],
        env,
        tmp_path / "beat.log",
    )
    base = f"http://127.0.0.1:{port}"
    statuses: list = []
    try:
        wait_until(lambda: "Booting worker" in (tmp_path / "web.log").read_text(), timeout=30)
        time.sleep(1)
        applicant = LiveApplicant(base, statuses)
        for step, data in with_person(PAGES, APPLICANT):
            assert applicant.answer(step, data).status_code == 302, step
        assert applicant.answer("review", {}).headers["Location"] == "/screen/result/"
        assert "Zephyrine" in applicant.get("/screen/result/").text

        referral = Referral.objects.get(last_name="Quillfeather")
        detail = f"/staff/referrals/{referral.pk}/"
        admissions = staff_session(base, statuses, desk.username)
        found = admissions.get("/staff/referrals/?q=Quillfeather&status=all")
        assert "Quillfeather" in found.text
        assert admissions.get(detail).status_code == 200
        admissions.post(f"{detail}notes/", {"body": WRITTEN["note"]})
        admissions.post(
            f"{detail}contact-attempts/",
            {"channel": "phone", "outcome": "no_answer", "note": WRITTEN["contact"]},
        )
        admissions.post(
            f"{detail}status/", {"to_status": "assessment_scheduled", "reason": WRITTEN["status"]}
        )
        doctor = staff_session(base, statuses, clinician.username)
        doctor.post(
            f"{detail}override/", {"level": "php", "reason": WRITTEN["override"], "note": ""}
        )

        due = FollowUp.objects.filter(kind__in=["confirmation", "new_referral_alert"])
        wait_until(lambda: not due.filter(status__in=["pending", "sending"]).exists(), timeout=30)
        time.sleep(2)  # let beat write its start-up lines
    finally:
        for process in (web, beat):
            process.terminate()
            process.wait(20)

    assert [s for s in statuses if s[1] >= 400] == []
    referral.refresh_from_db()
    assert referral.override_level == "php" and referral.notes.count() == 1
    assert due.filter(kind="confirmation", channel="sms", status="sent").exists()
    assert due.filter(kind="new_referral_alert", status="sent").exists()
    logs = {
        "web": (tmp_path / "web.log").read_text(),
        "worker": worker.log.read_text(),
        "beat": (tmp_path / "beat.log").read_text(),
    }
    assert "/staff/referrals/ HTTP/1.1" in logs["web"]  # the access log was written
    assert re.search(r"SMS iop-followup-\d+-0 written to the log", logs["worker"])
    assert re.search(r"email <iop-followup-\d+-0@[^>]+> written to the log", logs["worker"])
    assert "beat: Starting" in logs["beat"]
    for name, text in logs.items():
        for secret in SECRETS:
            assert secret.lower() not in text.lower(), f"{secret!r} in the {name} log"
