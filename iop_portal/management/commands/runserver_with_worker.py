"""`make run`'s server: Django's runserver plus whatever delivers follow-ups.

With REDIS_URL set, a real Celery worker with an embedded beat runs beside the server; its
schedule file is ``CELERY_BEAT_SCHEDULE_FILENAME`` (outside the source tree), and it stops
with the server however the server stops (Ctrl-C, SIGTERM, or the reloader's kill).
Without it, Celery is eager, and an in-process loop runs the beat schedule's tasks at their
intervals, so due follow-ups (reminders, escalations) still go out on a laptop."""

import atexit
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand


def _interval_seconds(schedule) -> float:
    if isinstance(schedule, int | float):
        return float(schedule)
    if isinstance(schedule, timedelta):
        return schedule.total_seconds()
    run_every = getattr(schedule, "run_every", None)
    return run_every.total_seconds() if run_every else 60.0


def run_beat_schedule_forever(stop: threading.Event) -> None:
    from iop_portal.celery import app

    # What a worker does at start-up: autodiscover each app's tasks (admissions/tasks/, a
    # package importing every task module), so every beat entry's task is registered here too.
    app.loader.import_default_modules()
    entries = {
        name: (entry["task"], _interval_seconds(entry["schedule"]))
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
    }
    next_run = dict.fromkeys(entries, 0.0)
    while not stop.wait(1.0):
        now = time.monotonic()
        for name, (task_name, interval) in entries.items():
            if now < next_run[name]:
                continue
            next_run[name] = now + interval
            try:
                app.tasks[task_name].apply()
            except Exception as exc:  # keep the loop alive; the row stays pending
                sys.stderr.write(f"local beat: {task_name} failed: {type(exc).__name__}\n")


PR_SET_PDEATHSIG = 1


def _stop_with_parent() -> None:
    """Run in the worker just before it starts (Linux): the kernel sends it SIGTERM when the
    thread that started it ends — also when that process is killed and cannot clean up."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: atexit covers clean exits
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Command(RunserverCommand):
    help = "Runs the development server with a Celery worker (REDIS_URL) or a local beat loop."

    def inner_run(self, *args, **options):
        # With the autoreloader this runs in the child process only, once per reload.
        if settings.REDIS_URL:
            self._start_worker()
        else:
            stop = threading.Event()
            threading.Thread(
                target=run_beat_schedule_forever, args=(stop,), daemon=True, name="local-beat"
            ).start()
            self.stdout.write("Follow-ups: delivered in-process (no REDIS_URL; Celery is eager).")
        return super().inner_run(*args, **options)

    def _start_worker(self) -> None:
        if getattr(self, "_worker", None) and self._worker.poll() is None:
            return
        schedule = Path(settings.CELERY_BEAT_SCHEDULE_FILENAME)
        schedule.parent.mkdir(parents=True, exist_ok=True)
        self._worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "iop_portal",
                "worker",
                "--beat",
                f"--schedule={schedule}",
                "--loglevel=INFO",
                "--concurrency=2",
            ],
            env=dict(os.environ),
            preexec_fn=_stop_with_parent,
        )
        atexit.register(self._worker.terminate)
        self.stdout.write(f"Follow-ups: Celery worker with beat started (pid {self._worker.pid}).")
