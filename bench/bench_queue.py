"""Referral queue: the staff queue page over 100,000 referrals on PostgreSQL.

For each of four pages (first page, a filtered page, a search, page 500):
- queries: the page is requested in-process under ``CaptureQueriesContext`` (a warm-up
  request first), counting every statement of the request, session and audit row included;
- latency: sequential requests from the load process through gunicorn (2 sync workers),
  after warm-up; p50 and p95;
- raw SQL: the statements captured above, run again on a plain psycopg2 connection in one
  transaction that is rolled back (so the audit row and session save cost what they cost
  and leave nothing behind); the median of several runs. The ratio is page p50 / SQL median.
"""

import time

from bench.harness import Context, Figure, Gunicorn, loadgen, median, ms, percentile

AREA = "Referral queue"
WARMUP = 10
REQUESTS = 60
SQL_RUNS = 30
MAX_QUERIES = 12


def pages(search_term: str) -> list[tuple[str, str]]:
    return [
        ("first page", "/staff/referrals/"),
        ("filtered page", "/staff/referrals/?urgency=priority&level=iop&assigned=unassigned"),
        ("search", f"/staff/referrals/?status=all&q={search_term}"),
        ("page 500", "/staff/referrals/?status=all&page=500"),
    ]


def capture_sql(path: str, user) -> tuple[int, list[str], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.staff import signed_in_client

    client = signed_in_client(user)
    client.get(path)  # warm-up: first-request caches (content types, permissions) filled
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return (
        response.status_code,
        [q["sql"] for q in captured.captured_queries],
        len(response.content),
    )


def time_raw_sql(dsn: dict, statements: list[str]) -> float:
    import psycopg2

    conn = psycopg2.connect(**dsn)
    try:
        runs = []
        for _ in range(SQL_RUNS):
            with conn.cursor() as cursor:
                start = time.perf_counter()
                for sql in statements:
                    cursor.execute(sql)
                    if cursor.description is not None:
                        cursor.fetchall()
                runs.append(time.perf_counter() - start)
            conn.rollback()
        return median(runs)
    finally:
        conn.close()


def pg_dsn() -> dict:
    from django.db import connection

    s = connection.settings_dict
    dsn = {"dbname": s["NAME"], "host": s["HOST"] or "127.0.0.1", "port": s["PORT"] or 5432}
    if s.get("USER"):
        dsn["user"] = s["USER"]
    if s.get("PASSWORD"):
        dsn["password"] = s["PASSWORD"]
    return dsn


def run(ctx: Context, server: Gunicorn, admin, cookie: str, search_term: str) -> list[Figure]:
    from admissions.models import Referral

    total = Referral.objects.count()
    figures = []
    dsn = pg_dsn()
    counts = {}
    for label, path in pages(search_term):
        status, statements, size = capture_sql(path, admin)
        if status != 200:
            figures.append(
                Figure(AREA, label, "200", f"HTTP {status}", False, f"GET {path} failed")
            )
            continue
        counts[label] = len(statements)
        raw = time_raw_sql(dsn, statements)
        headers = {"Cookie": cookie}
        req = {"name": label, "method": "GET", "path": path, "headers": headers, "expect": [200]}
        loadgen({"host": "127.0.0.1", "port": server.port, "clients": [
            {"requests": [req] * WARMUP}]}, f"queue-warm-{label}")  # fmt: skip
        result = loadgen(
            {"host": "127.0.0.1", "port": server.port, "clients": [{"requests": [req] * REQUESTS}]},
            f"queue-{label.replace(' ', '-')}",
        )
        stats = result["by_name"][label]
        lat = stats["latencies"]
        if stats["error_count"] or not lat:
            figures.append(
                Figure(
                    AREA,
                    label,
                    "no errors",
                    f"{stats['error_count']} errors",
                    False,
                    str(stats["errors"]),
                )
            )
            continue
        p50, p95 = median(lat), percentile(lat, 95)
        ratio = p50 / raw if raw else float("inf")
        ok = len(statements) <= MAX_QUERIES and p95 <= 0.120 and ratio <= 3.0
        figures.append(
            Figure(
                AREA,
                f"{label} — `{path}`",
                f"≤ {MAX_QUERIES} queries; p95 ≤ 120 ms; ≤ 3× its raw SQL",
                f"{len(statements)} queries; p50 {ms(p50)}, p95 {ms(p95)}; "
                f"raw SQL {ms(raw)} → {ratio:.2f}×",
                ok,
                f"{total:,} referrals; {REQUESTS} sequential requests; page {size // 1024} KiB",
            )
        )
    if counts:
        fixed = len(set(counts.values())) == 1
        figures.append(
            Figure(
                AREA,
                "same number of queries on every page (no N+1)",
                "fixed",
                ", ".join(f"{k}: {v}" for k, v in counts.items()),
                fixed,
            )
        )
    ctx.data["queue_sql"] = counts
    return figures
