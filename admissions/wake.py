"""Wake-ups: the one place admissions services put a task on the broker.

A task is named ``admissions.<noun>_<verb>`` after the function that runs it, and is found
here by that name in Celery's registry, not imported: the tasks call the services and the
services call this module, so importing the task modules here would close an import cycle.
``admissions.tasks`` is imported when the app is ready (and by every worker's autodiscovery),
so each name below is registered in every process."""

import logging
from contextlib import AbstractContextManager, suppress
from functools import cache

import redis
from celery import current_app

logger = logging.getLogger(__name__)

FOLLOWUP_SEND = "admissions.followup_send"
FOLLOWUPS_SEND_DUE = "admissions.followups_send_due"
FOLLOWUPS_DISPATCH = "admissions.followups_dispatch"
REFERRALS_ESCALATE_OVERDUE = "admissions.referrals_escalate_overdue"
SEAT_OFFERS_EXPIRE = "admissions.seat_offers_expire"
CRISIS_ALERTS_ESCALATE = "admissions.crisis_alerts_escalate"

QUEUED_KEY = "iop:wake:{queue}:followups_send_due:queued"
"""Set in the broker's Redis while a batch wake-up is published to ``queue`` and no worker has
started it."""
QUEUED_MS = 5000
"""How long that mark holds at most: a wake-up lost on its way costs at most this long of
skipped publishes (the rows stay stamped, and the dispatcher re-wakes stale stamps anyway)."""


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


@cache
def _marks(broker_url: str) -> redis.Redis | None:
    if not broker_url.startswith(("redis://", "rediss://")):
        return None
    return redis.Redis.from_url(broker_url, socket_timeout=1, socket_connect_timeout=1)


def _queued_marks() -> tuple[redis.Redis | None, str]:
    conf = current_app.conf
    return _marks(str(conf.broker_url or "")), QUEUED_KEY.format(queue=conf.task_default_queue)


def followups_send_due_wake_unless_queued(*, producer=None) -> bool:
    """``followups_send_due_wake``, unless a batch wake-up published earlier has not been
    started by a worker yet. Call it after the commit of the rows to wake: that waiting
    wake-up claims after the worker starts it, so after this commit, and sends these rows
    too (a full batch wakes the next one). One ``SET NX`` instead of a publish for every
    submit while the worker catches up. Returns whether it published. Raises whatever the
    broker raises (the mark is taken back first)."""
    marks, key = _queued_marks()
    if marks is not None and not marks.set(key, 1, nx=True, px=QUEUED_MS):
        return False
    try:
        followups_send_due_wake(producer=producer)
    except Exception:
        if marks is not None:
            with suppress(redis.RedisError):  # else it lapses by itself
                marks.delete(key)
        raise
    return True


def followups_send_due_started() -> None:
    """A worker starts a batch, before it claims: the next wake-up is published again.
    Never raises (the mark lapses by itself)."""
    marks, key = _queued_marks()
    if marks is None:
        return
    try:
        marks.delete(key)
    except redis.RedisError as exc:
        logger.warning("wake-up mark not cleared (%s); it lapses in %s ms", exc, QUEUED_MS)
