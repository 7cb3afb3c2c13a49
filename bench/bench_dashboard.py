"""Intake dashboard: ``/staff/dashboard/`` over 100,000 seeded referrals on PostgreSQL.

For each of four date ranges (the default last 30 days, the whole seeded half-year, one week,
and an empty range):
- queries: the page requested in-process under ``CaptureQueriesContext`` after a warm-up,
  every statement counted (session, permissions, nav and crisis banner included); the same
  number on every range is the "fixed" figure;
- latency: sequential requests from the load process through gunicorn (2 sync workers),
  after warm-up; p50 and p95 (target p95 ≤ 300 ms).

Run alone (it is not part of ``run_all.py``'s budget)::

    .venv/bin/python bench/bench_dashboard.py

on ``BENCH_DASHBOARD_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/iop_dash``,
kept between runs; migrated, and seeded up to 100,000 referrals if it has fewer, then
``VACUUM ANALYZE``), with ``BENCH_DASHBOARD_REDIS_URL`` (default ``redis://127.0.0.1:6379/4``).
"""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    PYTHON,
    ROOT,
    WORK,
    Figure,
    Gunicorn,
    loadgen,
    median,
    ms,
    percentile,
)

AREA = "Intake dashboard"
TARGET_COUNT = 100_000
WARMUP = 5
REQUESTS = 40
P95_TARGET = 0.300


def ranges(today) -> list[tuple[str, str]]:
    def q(start, end) -> str:
        return f"/staff/dashboard/?start={start.isoformat()}&end={end.isoformat()}"

    return [
        ("last 30 days (default)", "/staff/dashboard/"),
        ("half a year", q(today - timedelta(days=182), today)),
        ("one week", q(today - timedelta(days=13), today - timedelta(days=7))),
        ("empty range", "/staff/dashboard/?start=2021-01-01&end=2021-01-31"),
    ]


def capture(path: str, user) -> tuple[int, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.staff import signed_in_client

    client = signed_in_client(user)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response.status_code, len(captured.captured_queries), len(response.content)


def run(server: Gunicorn, admin, cookie: str) -> list[Figure]:
    from django.utils import timezone

    from admissions.models import Referral

    total = Referral.objects.count()
    figures, counts = [], {}
    for label, path in ranges(timezone.localdate()):
        status, queries, size = capture(path, admin)
        if status != 200:
            figures.append(Figure(AREA, label, "200", f"HTTP {status}", False, path))
            continue
        counts[label] = queries
        req = {"name": label, "method": "GET", "path": path, "headers": {"Cookie": cookie},
               "expect": [200]}  # fmt: skip
        plan = {"host": "127.0.0.1", "port": server.port}
        loadgen({**plan, "clients": [{"requests": [req] * WARMUP}]}, f"dash-warm-{len(counts)}")
        result = loadgen(
            {**plan, "clients": [{"requests": [req] * REQUESTS}]}, f"dash-{len(counts)}"
        )
        stats = result["by_name"][label]
        lat = stats["latencies"]
        if stats["error_count"] or not lat:
            figures.append(
                Figure(AREA, label, "no errors", f"{stats['error_count']} errors", False)
            )
            continue
        p50, p95 = median(lat), percentile(lat, 95)
        figures.append(
            Figure(
                AREA,
                f"{label} — `{path}`",
                "p95 ≤ 300 ms",
                f"{queries} queries; p50 {ms(p50)}, p95 {ms(p95)}",
                p95 <= P95_TARGET,
                f"{total:,} referrals; {REQUESTS} sequential requests; page {size // 1024} KiB",
            )
        )
    figures.append(
        Figure(
            AREA,
            "same number of queries on every range",
            "fixed",
            ", ".join(f"{k}: {v}" for k, v in counts.items()),
            len(set(counts.values())) == 1,
        )
    )
    return figures


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=os.environ.get(
            "BENCH_DASHBOARD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/iop_dash"
        ),
        REDIS_URL=os.environ.get("BENCH_DASHBOARD_REDIS_URL", "redis://127.0.0.1:6379/4"),
        DJANGO_SECRET_KEY="bench-only-not-a-secret-" + "y" * 40,
        DEMO_LOGINS_ALLOWED="false",
        PYTHONUNBUFFERED="1",
    )
    os.environ.update(env)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    import django

    django.setup()
    from django.db import connection

    from admissions.models import Referral
    from bench.staff import ensure_staff, session_cookie

    admin = ensure_staff()
    have = Referral.objects.count()
    if have < TARGET_COUNT:
        subprocess.run(
            [PYTHON, "manage.py", "seed_referrals", "--count", str(TARGET_COUNT - have)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    cookie = session_cookie(admin)
    with Gunicorn(env, workers=2, name="dashboard") as server:
        figures = run(server, admin, cookie)
    print("| figure | target | result | verdict | notes |")
    print("|---|---|---|---|---|")
    for f in figures:
        verdict = "pass" if f.passed else "**FAIL**"
        print(f"| {f.what} | {f.target} | {f.result} | {verdict} | {f.note} |")


if __name__ == "__main__":
    main()
