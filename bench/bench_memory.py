"""Memory: one gunicorn sync worker, fresh, after 10,000 mixed requests.

The mix, in equal parts and interleaved: the screener's start page, the program catalog,
/healthz, the staff queue (first page) and referral detail pages (a different referral each
time). Two client threads keep the single worker busy. The worker's RSS is read after the
5,000th and after the 10,000th response. gunicorn runs without ``--max-requests`` here (the
compose file recycles workers every ~2,000 requests), so growth is not hidden by a restart."""

from bench.harness import Context, Figure, Gunicorn, loadgen, median, ms, percentile, rss_mb

AREA = "Memory"
TOTAL = 10_000
LIMIT_MB = 150
GROWTH = 0.10
CLIENTS = 2


def mix_paths() -> list[tuple[str, str, bool]]:
    """(name, path, needs staff login); raises NoReverseMatch when a page does not exist."""
    from django.urls import reverse

    return [
        ("start page", reverse("applicant:start"), False),
        ("catalog", reverse("programs:list"), False),
        ("healthz", reverse("healthz"), False),
        ("queue", reverse("admissions:queue"), True),
    ]


def _plan(port: int, requests: list[dict]) -> dict:
    clients = [{"requests": requests[i::CLIENTS]} for i in range(CLIENTS)]
    return {"host": "127.0.0.1", "port": port, "clients": clients}


def run(ctx: Context, env: dict[str, str], cookie: str) -> list[Figure]:
    from django.urls import reverse

    from admissions.models import Referral

    pages = mix_paths()
    referral_ids = list(Referral.objects.order_by("?").values_list("pk", flat=True)[:2000])
    requests = []
    for i in range(TOTAL // (len(pages) + 1)):
        for name, path, staff in pages:
            headers = {"Cookie": cookie} if staff else {}
            requests.append({"name": name, "path": path, "headers": headers, "expect": [200]})
        detail = reverse("admissions:referral_detail", args=[referral_ids[i % len(referral_ids)]])
        requests.append(
            {"name": "detail", "path": detail, "headers": {"Cookie": cookie}, "expect": [200]}
        )
    half = len(requests) // 2
    with Gunicorn(env, workers=1, name="memory") as server:
        (pid,) = server.worker_pids()
        start_mb = rss_mb(pid)
        first = loadgen(_plan(server.port, requests[:half]), "memory-1")
        at_half = rss_mb(pid)
        second = loadgen(_plan(server.port, requests[half:]), "memory-2")
        at_end = rss_mb(pid)
    errors = sum(v["error_count"] for r in (first, second) for v in r["by_name"].values())
    growth = (at_end - at_half) / at_half
    latency = "; ".join(
        f"{name} p50 {ms(median(v['latencies']))} p95 {ms(percentile(v['latencies'], 95))}"
        for name, v in second["by_name"].items()
        if v["latencies"]
    )
    wall = first["wall_seconds"] + second["wall_seconds"]
    return [
        Figure(
            AREA,
            f"RSS of one gunicorn worker after {len(requests):,} mixed requests",
            f"< {LIMIT_MB} MB",
            f"{at_end:.1f} MB (fresh worker: {start_mb:.1f} MB)",
            at_end < LIMIT_MB and errors == 0,
            f"{errors} errors; {len(requests) / wall:,.0f} requests/s; {latency}",
        ),
        Figure(
            AREA,
            "RSS growth from the 5,000th to the 10,000th request",
            f"≤ {GROWTH:.0%}",
            f"{at_half:.1f} MB → {at_end:.1f} MB ({growth:+.1%})",
            growth <= GROWTH,
        ),
    ]
