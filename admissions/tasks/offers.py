"""Beat task: expire seat offers past their hold time, and offer freed places to the people
on the programs' waitlists."""

from celery import shared_task

from .. import wake


@shared_task(name=wake.SEAT_OFFERS_EXPIRE, ignore_result=True)
def seat_offers_expire() -> None:
    """Idempotent (each offer and seat is claimed by a conditional update); no arguments."""
    from ..services.waitlists import seats_sweep

    seats_sweep()
