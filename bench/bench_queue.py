"""Referral queue: the staff queue page over 100,000 referrals on PostgreSQL.

For each of four pages (first page, a filtered page, a search, page 500):
- queries: the page is requested in-process under ``CaptureQueriesContext`` (a warm-up
  request first), counting every statement of the request, session and audit row included;
- latency: sequential requests from the load process through gunicorn (2 sync workers),
  after warm-up; p50 and p95 over all of them;
- raw SQL: the statements captured above, run again on a plain psycopg2 connection in one
  transaction that is rolled back (so the audit row and session save cost what they cost
  and leave nothing behind).

The ratio compares the page with its SQL measured at the same moment: the requests and the
SQL runs alternate in rounds (a few SQL runs, then a few requests), each round gives the
page's median over the SQL's median, and the figure is the median of the rounds. Measured
apart (all requests, then all SQL runs), a 2-core machine whose speed drifts by 20 % within
a minute moved the ratio of unchanged code by as much as 0.8.
"""

import time

from bench.harness import Context, Figure, Gunicorn, loadgen, median, ms, percentile

AREA = "Referral queue"
WARMUP = 10
ROUNDS = 6
REQUESTS = 60  # in all, REQUESTS // ROUNDS a round
SQL_RUNS = 30  # in all, SQL_RUNS // ROUNDS a round
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


def time_raw_sql(conn, statements: list[str], runs: int) -> list[float]:
    """Each run's time for ``statements`` on the psycopg2 connection ``conn``."""
    times = []
    for _ in range(runs):
        with conn.cursor() as cursor:
            start = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
            times.append(time.perf_counter() - start)
        conn.rollback()
    return times


def measure_rounds(port: int, label: str, path: str, cookie: str, conn, statements) -> dict:
    """Requests and SQL runs alternating in ``ROUNDS`` rounds (see the module's docstring)."""
    req = {"name": label, "method": "GET", "path": path, "headers": {"Cookie": cookie},
           "expect": [200]}  # fmt: skip
    loadgen({"host": "127.0.0.1", "port": port, "clients": [
        {"requests": [req] * WARMUP}]}, f"queue-warm-{label}")  # fmt: skip
    time_raw_sql(conn, statements, 2)  # warm-up
    latencies, sql_times, ratios, errors = [], [], [], []
    for index in range(ROUNDS):
        sql = time_raw_sql(conn, statements, SQL_RUNS // ROUNDS)
        result = loadgen(
            {"host": "127.0.0.1", "port": port,
             "clients": [{"requests": [req] * (REQUESTS // ROUNDS)}]},
            f"queue-{label.replace(' ', '-')}-{index}",
        )  # fmt: skip
        stats = result["by_name"][label]
        if stats["error_count"] or not stats["latencies"]:
            errors.append(f"{stats['error_count']} errors: {stats['errors']}")
            continue
        latencies += stats["latencies"]
        sql_times += sql
        ratios.append(median(stats["latencies"]) / median(sql))
    return {"latencies": latencies, "sql": sql_times, "ratios": ratios, "errors": errors}


def pg_dsn() -> dict:
    from django.db import connection

    s = connection.settings_dict
    dsn = {"dbname": s["NAME"], "host": s["HOST"] or "127.0.0.1", "port": s["PORT"] or 5432}
    if s.get("USER"):
        dsn["user"] = s["USER"]
    if s.get("PASSWORD"):
        dsn["password"] = s["PASSWORD"]
    return dsn


def measure_page(server, admin, cookie, conn, label, path, total, counts) -> Figure:
    status, statements, size = capture_sql(path, admin)
    if status != 200:
        return Figure(AREA, label, "200", f"HTTP {status}", False, f"GET {path} failed")
    counts[label] = len(statements)
    measured = measure_rounds(server.port, label, path, cookie, conn, statements)
    if measured["errors"]:
        return Figure(AREA, label, "no errors", "errors", False, "; ".join(measured["errors"]))
    lat, ratios = measured["latencies"], measured["ratios"]
    p50, p95, raw = median(lat), percentile(lat, 95), median(measured["sql"])
    ratio = median(ratios)
    ok = len(statements) <= MAX_QUERIES and p95 <= 0.120 and ratio <= 3.0
    return Figure(
        AREA,
        f"{label} — `{path}`",
        f"≤ {MAX_QUERIES} queries; p95 ≤ 120 ms; ≤ 3× its raw SQL",
        f"{len(statements)} queries; p50 {ms(p50)}, p95 {ms(p95)}; "
        f"raw SQL {ms(raw)} → {ratio:.2f}×",
        ok,
        f"{total:,} referrals; {REQUESTS} sequential requests; page {size // 1024} KiB; "
        f"ratio: median of {len(ratios)} rounds ({min(ratios):.2f}–{max(ratios):.2f}×)",
    )


def run(ctx: Context, server: Gunicorn, admin, cookie: str, search_term: str) -> list[Figure]:
    import psycopg2

    from admissions.models import Referral

    total = Referral.objects.count()
    figures, counts = [], {}
    conn = psycopg2.connect(**pg_dsn())
    try:
        for label, path in pages(search_term):
            figures.append(measure_page(server, admin, cookie, conn, label, path, total, counts))
    finally:
        conn.close()
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
