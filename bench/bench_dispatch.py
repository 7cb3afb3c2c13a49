"""Follow-up dispatch: 10,000 due follow-ups through Redis and one Celery worker (solo pool,
console email and SMS backends), against 10,000 no-op tasks through the same broker and the
same kind of worker.

Each run publishes every message first, with no worker running (the follow-ups through
``followup_wake``, the production publish path, which also stamps ``enqueued_at``), then
starts one worker. Throughput is counted from the moment the worker takes the first message
off the queue to the moment the queue and the unacked set are both empty, watched in Redis
every 5 ms. For the follow-ups the database is then checked: every row must have left
``pending``/``sending``.
"""

import io
import time

from bench.harness import CeleryWorker, Context, Figure

AREA = "Follow-up dispatch"
COUNT = 10_000
QUEUE = "celery"


def _drain_rate(
    redis_client, worker: CeleryWorker, total: int, timeout: float
) -> tuple[float, bool]:
    """Start ``worker`` and time it through ``total`` queued messages: (messages per second,
    whether it finished). On timeout the rate so far is returned, with False."""
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
            return ((total - 1) / elapsed if elapsed > 0 else float("inf")), True
        time.sleep(0.005)
    taken = total - redis_client.llen(QUEUE) - redis_client.hlen("unacked")
    return (taken / (time.perf_counter() - first) if first else 0.0), False


def run(ctx: Context) -> list[Figure]:
    import redis
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Count

    from admissions.models import FollowUp
    from admissions.services.followups import followup_wake
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
        noop_rate, noop_done = _drain_rate(client, worker, COUNT, min(120, ctx.remaining()))
    finally:
        worker.stop()

    # Follow-ups: seeded due rows, woken through the production publish path.
    call_command("seed_followups", count=COUNT, stdout=io.StringIO())
    ids = list(
        FollowUp.objects.filter(status=FollowUp.Status.PENDING, enqueued_at__isnull=True)
        .order_by("-id")
        .values_list("pk", flat=True)[:COUNT]
    )
    start = time.perf_counter()
    published = sum(1 for pk in ids if followup_wake(pk))
    wake_publish = time.perf_counter() - start
    worker = CeleryWorker(ctx.env, QUEUE, name="followups")
    try:
        rate, done = _drain_rate(client, worker, published, min(240, ctx.remaining() - 10))
    finally:
        worker.stop()
    outcomes = dict(
        FollowUp.objects.filter(pk__in=ids)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    unfinished = outcomes.get("pending", 0) + outcomes.get("sending", 0)
    ratio = rate / noop_rate
    ctx.data["dispatch"] = {"rate": rate, "noop_rate": noop_rate, "outcomes": outcomes}
    return [
        Figure(
            AREA,
            f"{published:,} due follow-ups, one worker (solo), console backends",
            "≥ 0.5× no-op task throughput",
            f"{rate:,.0f} / s vs no-op {noop_rate:,.0f} / s → {ratio:.2f}×",
            ratio >= 0.5 and done and noop_done and unfinished == 0 and published == COUNT,
            ("" if done and noop_done else "DID NOT FINISH in the time left (rate so far); ")
            + f"outcomes: {', '.join(f'{k} {v:,}' for k, v in sorted(outcomes.items()))}; "
            f"publishing took {wake_publish:.1f} s (wake-ups) and {noop_publish:.1f} s (no-ops)",
        )
    ]
