"""An unacknowledged crisis alert through real PostgreSQL, Redis, a worker and its beat, on a
clock the test moves forward: the repeat to on call and the escalation to the admissions lead
and the backup group come at the configured times, round after round, and stop when a
clinician acknowledges; every message is sent exactly once."""

import re
import time

import pytest

from admissions.models import CrisisEpisode, FollowUp
from admissions.services import followups
from admissions.services.crisis_episodes import crisis_alert_acknowledge
from core import roles
from tests.admissions.factories import make_staff
from tests.integration.followup_support import emailed, submit_screening, wait_until, worker_env

pytestmark = pytest.mark.integration

ACK_SECONDS = 10 * 60  # CRISIS_ACK_MINUTES, the default
BEAT_RUN = re.compile(r"Task admissions\.crisis_alerts_escalate\[[^\]]+\] succeeded")


class Clock:
    """The crisis escalation's clock in the worker: seconds ahead of real time, in a file."""

    def __init__(self, path):
        self.path = path
        self.set(0)

    def set(self, seconds: float) -> None:
        self.path.write_text(str(seconds))


def _beat_runs(worker) -> int:
    return len(BEAT_RUN.findall(worker.log.read_text()))


def _let_beat_run(worker, times: int = 2) -> None:
    """Wait until the beat's crisis round has run ``times`` more (so it saw the clock)."""
    target = _beat_runs(worker) + times

    def ran():
        return _beat_runs(worker) >= target

    wait_until(ran, timeout=30)


def _round(episode, n) -> set[int]:
    return set(
        FollowUp.objects.filter(crisis_episode=episode, alert_round=n).values_list("pk", flat=True)
    )


def test_no_acknowledgement_repeats_and_escalates_on_time_until_acknowledged(
    celery_worker_process, tmp_path, monkeypatch
):
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    mail_dir = tmp_path / "mail"
    clock = Clock(tmp_path / "clock")
    oncall = make_staff(roles.CLINICIAN, groups=[roles.ON_CALL], email="oncall@staff.example.org")
    make_staff(roles.ADMISSIONS, groups=[roles.ADMISSIONS_LEAD], email="lead@staff.example.org")
    make_staff(roles.CLINICIAN, groups=[roles.CRISIS_BACKUP], email="backup@staff.example.org")
    worker = celery_worker_process(
        env=worker_env(mail_dir, TEST_CLOCK_FILE=str(clock.path), TEST_BEAT_SECONDS="1"),
        beat=True,
    )

    referral = submit_screening(1, crisis=True)
    episode = CrisisEpisode.objects.get(referral=referral)
    first = _round(episode, 0)
    assert len(first) == 2  # the on-call clinician and the on-call address

    def first_alert_sent():
        return first <= set(emailed(mail_dir))

    wait_until(first_alert_sent, timeout=15)

    # Just before the acknowledgement window closes: nothing more.
    clock.set(ACK_SECONDS - 15)
    _let_beat_run(worker)
    assert not _round(episode, 1)

    # The window has passed: one repeat to on call, one escalation to the lead and backup.
    clock.set(ACK_SECONDS + 1)

    def repeated():
        return len(_round(episode, 1)) == 4 and _round(episode, 1) <= set(emailed(mail_dir))

    wait_until(repeated, timeout=30)
    kinds = sorted(
        FollowUp.objects.filter(crisis_episode=episode, alert_round=1).values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["crisis_alert", "crisis_alert", "crisis_escalation", "crisis_escalation"]
    _let_beat_run(worker)
    assert not _round(episode, 2)  # not again until another window has passed

    clock.set(2 * ACK_SECONDS + 2)

    def repeated_again():
        return len(_round(episode, 2)) == 4 and _round(episode, 2) <= set(emailed(mail_dir))

    wait_until(repeated_again, timeout=30)

    # A clinician acknowledges in the portal: the repeats stop, however long we wait.
    assert crisis_alert_acknowledge(episode=episode, clinician=oncall)
    clock.set(6 * ACK_SECONDS)
    _let_beat_run(worker, times=3)
    time.sleep(1)  # any send a last round would have woken
    assert not _round(episode, 3)

    counts = emailed(mail_dir)
    every = set(FollowUp.objects.filter(crisis_episode=episode).values_list("pk", flat=True))
    assert every == first | _round(episode, 1) | _round(episode, 2)
    assert {pk: counts[pk] for pk in every} == dict.fromkeys(every, 1)  # exactly once each
    assert "admissions.crisis_alerts_escalate" in worker.log.read_text()
