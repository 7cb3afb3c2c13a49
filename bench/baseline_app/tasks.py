"""The dispatch baseline: a task that does nothing, through the same broker and worker."""

from celery import shared_task


@shared_task(name="bench.noop", ignore_result=True)
def noop(value: int) -> None:
    return None
