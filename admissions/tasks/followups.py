"""Celery tasks for follow-ups and deadlines. Thin: ids in, a service call, nothing out.

``followup_send`` is woken after commit for a message due now, by the dispatcher for
anything due or stuck, and by itself (a short countdown) after a transient failure. The
row, not the message, decides whether anything is sent, so delivering a task twice is
harmless."""

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


@shared_task(name=wake.FOLLOWUPS_DISPATCH, ignore_result=True)
def followups_dispatch() -> None:
    from ..services import followup_dispatch

    followup_dispatch.followups_dispatch()


@shared_task(name=wake.REFERRALS_ESCALATE_OVERDUE, ignore_result=True)
def referrals_escalate_overdue() -> None:
    from ..services import escalations

    escalations.referrals_escalate_overdue()
