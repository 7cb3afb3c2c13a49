"""Shared by the follow-up integration tests: submissions made the way the screener's last
step makes them, and reading what a worker process actually emailed."""

import re
import time
from collections import Counter
from datetime import date
from pathlib import Path

from admissions.services.intake import referral_open_for_submission
from screening.models import Screening
from tests.admissions.factories import answers_for

MESSAGE_ID = re.compile(rb"^Message-ID: <iop-followup-(\d+)-\d+@", re.MULTILINE)


def submit_screening(n: int, *, crisis: bool = False):
    """A finished draft submitted through the intake service, exactly as the wizard's
    ``done`` step does (its own transaction; follow-ups woken on commit)."""
    draft = Screening.objects.create(
        status=Screening.Status.DRAFT,
        first_name=f"Applicant{n}",
        last_name="Integration",
        email=f"applicant{n}@example.com",
        phone=f"(555) 300-{n:04d}",
        date_of_birth=date(1990, 1, 15),
        consent_terms=True,
        consent_contact=True,
        answers=answers_for("php", crisis=crisis),  # age comes from the date of birth
    )
    return referral_open_for_submission(screening=draft).referral


def worker_env(mail_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TEST_EMAIL_FILE_PATH": str(mail_dir),
    }
    env.update(extra)
    return env


def emailed(mail_dir: Path) -> Counter:
    """How many emails the worker wrote for each follow-up id."""
    counts: Counter = Counter()
    if mail_dir.exists():
        for path in mail_dir.iterdir():
            counts.update(int(pk) for pk in MESSAGE_ID.findall(path.read_bytes()))
    return counts


def wait_until(condition, *, timeout: float, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {condition.__name__}")
