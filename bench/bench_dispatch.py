"""Follow-up dispatch: 10,000 due follow-ups through Redis and one Celery worker (solo pool,
the project's console email backend, which still builds every MIME message, and the console
SMS backend), against 10,000 no-op tasks through the same broker and the same kind of worker.

Each run publishes first, with no worker running: the no-ops one message each; the
follow-ups through ``followups_wake``, the production publish path (the dispatcher's and a
submission's), which publishes one batch wake-up per ``FOLLOWUP_SEND_BATCH`` rows and stamps
``enqueued_at``. Then one worker starts. Throughput is follow-ups (or no-op tasks) per
second, counted from the moment the worker takes the first message off the queue to the
moment the queue and the unacked set are both empty, watched in Redis every 5 ms. For the
follow-ups the database is then checked: every row must have left ``pending``/``sending``,
and each must have been sent exactly once (one claim each: ``attempts`` = 1).
"""

import io
import time

from bench.harness import CeleryWorker, Context, Figure

AREA = "Follow-up dispatch"
COUNT = 10_000
QUEUE = "celery"


def _drain_rate(
    redis_client, worker: CeleryWorker, total: int, timeout: float
) -> tuple[float, bool, float]:
    """Start ``worker`` and time it through ``total`` queued messages: (messages per second,
    whether it finished, seconds). On timeout the rate so far is returned, with False."""
    assert redis_client.llen(QUEUE) == total, "queue does not hold the published messages"
    worker.start()
    deadline = time.monotonic() + timeout
    first = None
    while time.monotonic() < deadline:
        queued = redis_client.llen(QUEUE)
        if first is None and queued < total:
            first = time.perf_counter()
        if first is not None and queued == 0 and redis_client.hlen("unacked") == 0:
            elapsed = time.perf_counter() - first
            return ((total - 1) / elapsed if elapsed > 0 else float("inf")), True, elapsed
        time.sleep(0.005)
    taken = total - redis_client.llen(QUEUE) - redis_client.hlen("unacked")
    elapsed = time.perf_counter() - first if first else 0.0
    return (taken / elapsed if elapsed else 0.0), False, elapsed


def run(ctx: Context) -> list[Figure]:
    import redis
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Count

    from admissions.models import FollowUp
    from admissions.services.followups import followups_wake
    from bench.baseline_app.tasks import noop

    client = redis.Redis.from_url(settings.REDIS_URL)
    client.delete(QUEUE, "unacked", "unacked_index")

    # Baseline: no-op tasks.
    start = time.perf_counter()
    for i in range(COUNT):
        noop.apply_async((i,), retry=False)
    noop_publish = time.perf_counter() - start
    worker = CeleryWorker(ctx.env, QUEUE, name="noop")
    try:
        noop_rate, noop_done, _ = _drain_rate(client, worker, COUNT, min(120, ctx.remaining()))
    finally:
        worker.stop()

    # Follow-ups: seeded due rows, woken through the production publish path. A batch claims
    # whatever is due, so rows earlier phases left pending (the submit's confirmations and
    # alerts, no worker running then) are cancelled first: each wake-up then sends only the
    # rows measured here.
    leftover = FollowUp.objects.filter(status=FollowUp.Status.PENDING).update(
        status=FollowUp.Status.CANCELLED
    )
    call_command("seed_followups", count=COUNT, stdout=io.StringIO())
    ids = list(
        FollowUp.objects.filter(status=FollowUp.Status.PENDING, enqueued_at__isnull=True)
        .order_by("-id")
        .values_list("pk", flat=True)[:COUNT]
    )
    start = time.perf_counter()
    published = followups_wake(ids)
    wake_publish = time.perf_counter() - start
    wakes = client.llen(QUEUE)
    worker = CeleryWorker(ctx.env, QUEUE, name="followups")
    try:
        _, done, elapsed = _drain_rate(client, worker, wakes, min(240, ctx.remaining() - 10))
    finally:
        worker.stop()
    outcomes = dict(
        FollowUp.objects.filter(pk__in=ids)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    unfinished = outcomes.get("pending", 0) + outcomes.get("sending", 0)
    finished = len(ids) - unfinished
    rate = finished / elapsed if elapsed else 0.0  # follow-ups per second
    twice = FollowUp.objects.filter(pk__in=ids, attempts__gt=1).count()
    batch = settings.FOLLOWUP_SEND_BATCH
    ratio = rate / noop_rate
    ctx.data["dispatch"] = {"rate": rate, "noop_rate": noop_rate, "outcomes": outcomes}
    return [
        Figure(
            AREA,
            f"{published:,} due follow-ups, one worker (solo), console backends, "
            f"batches of {batch}",
            "≥ 0.5× no-op task throughput",
            f"{rate:,.0f} / s vs no-op {noop_rate:,.0f} / s → {ratio:.2f}×",
            ratio >= 0.5
            and done
            and noop_done
            and unfinished == 0
            and twice == 0
            and published == COUNT,
            ("" if done and noop_done else "DID NOT FINISH in the time left (rate so far); ")
            + f"outcomes: {', '.join(f'{k} {v:,}' for k, v in sorted(outcomes.items()))}; "
            f"claimed more than once: {twice}; {leftover:,} left pending by earlier phases "
            f"cancelled "
            f"first; {wakes} wake-ups published in {wake_publish:.2f} s "
            f"(no-ops: {noop_publish:.1f} s)",
        )
    ]
