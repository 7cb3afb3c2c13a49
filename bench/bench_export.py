"""CSV export of the queue: constant memory while streaming 100,000 referrals.

One gunicorn sync worker serves both exports, so one process's RSS is followed (psutil,
sampled every 5 ms in a thread). First a ~1,000-row export (a two-day submission window,
narrowed until it holds about 1,000 rows), twice, the second one measured; then the export
of every referral. The figure is the growth of peak RSS from the small export to the full one.
"""

import time
import urllib.request

from bench.harness import Context, Figure, Gunicorn, PeakRss

AREA = "CSV export"
LIMIT_MB = 50


def _small_window() -> tuple[str, int]:
    """A submitted_from/submitted_to query matching about 1,000 referrals."""
    from django.db.models import Count
    from django.db.models.functions import TruncDate

    from admissions.models import Referral

    per_day = dict(
        Referral.objects.annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    days = sorted(per_day)
    best = None
    for i, first in enumerate(days):
        total = 0
        for last in days[i:]:
            if (last - first).days > 7:
                break
            total += per_day[last]
            if best is None or abs(total - 1000) < abs(best[2] - 1000):
                best = (first, last, total)
    first, last, total = best
    # TruncDate uses the current time zone, as the form's date filter does.
    return f"status=all&submitted_from={first}&submitted_to={last}", total


def _download(server: Gunicorn, path: str, cookie: str) -> tuple[int, int, float]:
    request = urllib.request.Request(server.url(path), headers={"Cookie": cookie})
    start = time.perf_counter()
    size = lines = 0
    with urllib.request.urlopen(request, timeout=300) as resp:
        status = resp.status
        while chunk := resp.read(65536):
            size += len(chunk)
            lines += chunk.count(b"\n")
    return status, lines - 1, time.perf_counter() - start


def run(ctx: Context, server: Gunicorn, cookie: str) -> list[Figure]:
    (pid,) = server.worker_pids()
    query, _ = _small_window()
    small_path = f"/staff/referrals/export.csv?{query}"
    full_path = "/staff/referrals/export.csv?status=all"
    _download(server, small_path, cookie)  # warm-up: imports, caches, connection
    with PeakRss(pid) as small:
        status, small_rows, _ = _download(server, small_path, cookie)
    if status != 200:
        return [Figure(AREA, "export", "200", f"HTTP {status}", False)]
    with PeakRss(pid) as full:
        status, full_rows, full_secs = _download(server, full_path, cookie)
    growth = (full.peak - small.peak) / 2**20
    return [
        Figure(
            AREA,
            f"peak RSS of the worker: {full_rows:,}-row export vs {small_rows:,}-row export",
            f"grows < {LIMIT_MB} MB",
            f"{small.peak / 2**20:.1f} MB → {full.peak / 2**20:.1f} MB (+{growth:.1f} MB)",
            growth < LIMIT_MB,
            f"full export streamed in {full_secs:.1f} s ({full_rows / full_secs:,.0f} rows/s); "
            f"{full.samples} RSS samples",
        )
    ]
