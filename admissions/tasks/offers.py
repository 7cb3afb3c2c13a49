"""Beat task: expire seat offers past their hold time and give their places back."""

from celery import shared_task

from .services.offers import seat_offers_expire_due


@shared_task(name="admissions.seat_offers_expire", ignore_result=True)
def seat_offers_expire() -> None:
    """Idempotent (each offer is claimed by a conditional update); carries no arguments."""
    seat_offers_expire_due()
