"""`make run` in Redis mode: the server's worker (with its embedded beat) writes its schedule
outside the repository, and stops when the server is stopped with SIGTERM, not only Ctrl-C."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.fixtures.worker import database_url_for_tests
from tests.services import free_port

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
STARTED = re.compile(r"Celery worker with beat started \(pid (\d+)\)")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is gone for our purposes
        return stat.read().split()[2] != "Z"


def wait_for(condition, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return condition()


def test_the_default_schedule_file_is_outside_the_repository():
    assert not Path(settings.CELERY_BEAT_SCHEDULE_FILENAME).resolve().is_relative_to(ROOT)


def test_sigterm_stops_the_server_and_its_worker_and_no_schedule_lands_in_the_repo(
    require_postgres, private_redis, transactional_db, tmp_path
):
    before = set(ROOT.glob("celerybeat-schedule*"))
    schedule = tmp_path / "beat" / "schedule"
    log = tmp_path / "run.log"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="iop_portal.settings.test",
        DATABASE_URL=database_url_for_tests(),
        REDIS_URL=private_redis.url,
        CELERY_BEAT_SCHEDULE_FILENAME=str(schedule),
        TEST_CELERY_EAGER="0",
        PYTHONUNBUFFERED="1",
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver_with_worker", f"127.0.0.1:{free_port()}"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        found = wait_for(lambda: STARTED.search(log.read_text()), timeout=60)
        assert found, log.read_text()[-3000:]
        worker = int(found[1])
        assert wait_for(lambda: list(schedule.parent.glob("schedule*")), timeout=60), (
            log.read_text()[-3000:]
        )

        server.send_signal(signal.SIGTERM)  # as a process manager or `kill` would
        server.wait(30)

        assert wait_for(lambda: not alive(worker), timeout=30), "the worker was orphaned"
    finally:
        if server.poll() is None:
            server.kill()
    assert set(ROOT.glob("celerybeat-schedule*")) == before
