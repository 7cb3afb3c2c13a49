"""Beat task: expire seat offers past their hold time and give their places back."""

from celery import shared_task

from .. import wake


@shared_task(name=wake.SEAT_OFFERS_EXPIRE, ignore_result=True)
def seat_offers_expire() -> None:
    """Idempotent (each offer is claimed by a conditional update); carries no arguments."""
    from ..services.offers import seat_offers_expire_due

    seat_offers_expire_due()
