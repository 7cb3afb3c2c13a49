"""Beat task: repeat and escalate crisis alerts nobody has acknowledged. Idempotent (each
round is claimed by a conditional update of the episode); carries no arguments."""

from celery import shared_task

from .. import wake


@shared_task(name=wake.CRISIS_ALERTS_ESCALATE, ignore_result=True)
def crisis_alerts_escalate() -> None:
    from ..services.crisis_alerts import crisis_alerts_escalate as escalate_due

    escalate_due()
