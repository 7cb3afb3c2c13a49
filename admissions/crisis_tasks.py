"""Celery beat's crisis round: repeat and escalate unacknowledged crisis alerts. Thin: the
service re-reads the episodes and claims each round, so a doubled run sends nothing twice.
(Not a ``tasks.py``, so settings.CELERY_IMPORTS names it.)"""

from celery import shared_task


@shared_task(name="admissions.crisis_alerts_escalate", ignore_result=True)
def crisis_alerts_escalate_task() -> None:
    from .services.crisis_alerts import crisis_alerts_escalate

    crisis_alerts_escalate()
