"""Celery tasks for follow-ups and deadlines. Thin: ids in, a service call, nothing out.

``followups_send_due`` is the wake-up a worker gets: after commit for messages due now (one
per batch of them), from the dispatcher for anything due or stuck, and from itself (a short
countdown) after transient failures. It sends a batch of whatever is due, crisis alerts
first. ``followup_send`` sends one given row (eager Celery, and messages published before
batches). The rows, not the messages, decide whether anything is sent, so delivering a task
twice is harmless."""

from celery import shared_task
from django.conf import settings

from .. import wake


@shared_task(name=wake.FOLLOWUP_SEND, ignore_result=True, acks_late=True)
def followup_send(followup_id: int) -> None:
    from ..services.followup_delivery import followup_deliver
    from ..services.followups import followup_wake

    outcome = followup_deliver(followup_id=followup_id)
    if (
        outcome.retry_in is not None
        and outcome.retry_in <= settings.FOLLOWUP_MAX_COUNTDOWN_SECONDS
        and not wake.eager()
    ):
        # Longer waits are left to the dispatcher: a countdown past the broker's visibility
        # timeout would be redelivered early (harmless, but noisy).
        followup_wake(followup_id, countdown=outcome.retry_in)


@shared_task(name=wake.FOLLOWUPS_SEND_DUE, ignore_result=True, acks_late=True)
def followups_send_due() -> None:
    from ..services.followup_delivery import followups_deliver
    from ..services.followups import followups_wake_due

    wake.followups_send_due_started()  # before the claim (see the wake module)
    report = followups_deliver()
    if report.released:  # the batch ran out of time: the rest are due now
        followups_wake_due()
    elif len(report.outcomes) >= settings.FOLLOWUP_SEND_BATCH:
        # A full batch: more may be due (several submits' rows under one wake-up).
        followups_wake_due(unless_queued=True)
    # Transient failures: one wake-up when the last of them is due again (each row's own
    # backoff decides when it may go; longer waits are left to the dispatcher).
    retries = [r for r in report.retry_in if r <= settings.FOLLOWUP_MAX_COUNTDOWN_SECONDS]
    if retries:
        followups_wake_due(countdown=max(retries))


@shared_task(name=wake.FOLLOWUPS_DISPATCH, ignore_result=True)
def followups_dispatch() -> None:
    from ..services import followup_dispatch

    followup_dispatch.followups_dispatch()


@shared_task(name=wake.REFERRALS_ESCALATE_OVERDUE, ignore_result=True)
def referrals_escalate_overdue() -> None:
    from ..services import escalations

    escalations.referrals_escalate_overdue()
