"""Wake-ups: the one place admissions services put a task on the broker.

A task is named ``admissions.<noun>_<verb>`` after the function that runs it, and is found
here by that name in Celery's registry, not imported: the tasks call the services and the
services call this module, so importing the task modules here would close an import cycle.
``admissions.tasks`` is imported when the app is ready (and by every worker's autodiscovery),
so each name below is registered in every process."""

from contextlib import AbstractContextManager

from celery import current_app

FOLLOWUP_SEND = "admissions.followup_send"
FOLLOWUPS_SEND_DUE = "admissions.followups_send_due"
FOLLOWUPS_DISPATCH = "admissions.followups_dispatch"
REFERRALS_ESCALATE_OVERDUE = "admissions.referrals_escalate_overdue"
SEAT_OFFERS_EXPIRE = "admissions.seat_offers_expire"
CRISIS_ALERTS_ESCALATE = "admissions.crisis_alerts_escalate"


def eager() -> bool:
    """Tasks run here and now, inside the caller (no REDIS_URL, or the unit tests)."""
    return bool(current_app.conf.task_always_eager)


def broker_connection() -> AbstractContextManager:
    """One producer for several publishes (they share a broker connection)."""
    return current_app.producer_or_acquire()


def followup_send_wake(followup_id: int, *, countdown: float | None = None, producer=None) -> None:
    """Ask a worker to send one follow-up. Raises whatever the broker raises."""
    current_app.tasks[FOLLOWUP_SEND].apply_async(
        (followup_id,), countdown=countdown, retry=False, producer=producer
    )


def followups_send_due_wake(*, countdown: float | None = None, producer=None) -> None:
    """Ask a worker to send a batch of whatever is due (crisis alerts first). Carries no
    arguments: the rows decide. Raises whatever the broker raises."""
    current_app.tasks[FOLLOWUPS_SEND_DUE].apply_async(
        (), countdown=countdown, retry=False, producer=producer
    )
