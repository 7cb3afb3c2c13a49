"""The settings the delivery guarantees rest on (docs/operations.md), checked."""

from django.conf import settings

from iop_portal.celery import app


def test_the_sending_lease_outlasts_the_task_hard_time_limit():
    # A row is only reclaimed once no live task can still be sending it.
    assert settings.FOLLOWUP_SENDING_LEASE_SECONDS > settings.CELERY_TASK_TIME_LIMIT


def test_no_countdown_we_publish_outlives_the_visibility_timeout():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility > settings.FOLLOWUP_MAX_COUNTDOWN_SECONDS


def test_beat_runs_the_dispatcher_and_escalation_every_minute_with_registered_tasks():
    entries = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    mine = ("admissions.followups_dispatch", "admissions.referrals_escalate_overdue")
    app.loader.import_default_modules()  # what a worker and `make run`'s local beat do
    for task in mine:
        assert entries[task] == 60.0
        assert task in app.tasks  # found by autodiscovery, as `make run`'s local beat needs


def test_publishing_cannot_hang_a_request():
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 2
    assert settings.CELERY_TASK_PUBLISH_RETRY is False
    assert settings.EMAIL_TIMEOUT and settings.EMAIL_TIMEOUT <= 30


def test_every_task_is_named_after_its_function_in_its_app():
    """One naming rule: ``admissions.<noun>_<verb>``, the function's own name, so a beat entry
    or a worker log line points straight at the code."""
    app.loader.import_default_modules()
    mine = {name: task for name, task in app.tasks.items() if name.startswith("admissions.")}
    assert set(mine) == {
        "admissions.crisis_alerts_escalate",
        "admissions.followup_send",
        "admissions.followups_dispatch",
        "admissions.followups_send_due",
        "admissions.referrals_escalate_overdue",
        "admissions.seat_offers_expire",
    }
    for name, task in mine.items():
        assert name == f"admissions.{task.run.__name__}"
        assert task.run.__module__.startswith("admissions.tasks.")
