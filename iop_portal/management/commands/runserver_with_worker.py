"""`make run`'s server: Django's runserver plus whatever delivers follow-ups.

With REDIS_URL set, a real Celery worker with an embedded beat runs beside the server.
Without it, Celery is eager, and an in-process loop runs the beat schedule's tasks at their
intervals, so due follow-ups (reminders, escalations) still go out on a laptop."""

import atexit
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta

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
        self._worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "iop_portal",
                "worker",
                "--beat",
                "--loglevel=INFO",
                "--concurrency=2",
            ],
            env=dict(os.environ),
        )
        atexit.register(self._worker.terminate)
        self.stdout.write(f"Follow-ups: Celery worker with beat started (pid {self._worker.pid}).")
