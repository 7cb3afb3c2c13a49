"""Run every benchmark and write the figures to bench/README.md.

    .venv/bin/python bench/run_all.py [--only scoring,submit,seed,queue,export,memory,dispatch]
                                      [--keep-db] [--output bench/README.md]

Creates a fresh PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/iop_bench), starts a private redis-server, runs the
benchmarks in order within a 10-minute budget and stops everything it started. A benchmark
whose code is missing, or that fails, is reported as "not run: <reason>"; no figure is ever
filled in by hand.
"""

import argparse
import datetime
import os
import platform
import shutil
import sys
import time
import traceback
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from bench import (  # noqa: E402
    bench_dispatch,
    bench_export,
    bench_memory,
    bench_phone,
    bench_queue,
    bench_scoring,
    bench_submit,
    report,
)
from bench.harness import (  # noqa: E402
    WORK,
    Context,
    Figure,
    Gunicorn,
    RedisServer,
    log_path,
    not_run,
)

BUDGET_SECONDS = 600
SEED_COUNT = 100_000
SEED_LIMIT = 60  # seconds
# `make bench-scale` (bench/run_scale.py): the queue and the export at a million referrals.
SCALE_SEED_COUNT = 1_000_000
SCALE_SEED_LIMIT = 180
SCALE_BUDGET_SECONDS = 1200
SCALE_PHASES = ("seed", "queue", "export")
PHASES = ("scoring", "seed", "submit", "queue", "export", "dispatch", "memory", "phone")
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/iop_bench"
SECRET = "bench-only-secret-" + "k" * 40  # a throwaway key for a throwaway database


def recreate_database(url: str, drop_only: bool = False) -> None:
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if not (name.startswith("iop_") and "bench" in name):
        raise SystemExit(
            f"refusing to drop {name!r}: a bench database is named iop_…bench… (iop_bench)"
        )
    conn = psycopg2.connect(
        dbname="postgres",
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or None,
        password=parts.password or None,
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


class Run:
    def __init__(self, args) -> None:
        self.args = args
        self.started = time.monotonic()
        self.figures: list[Figure] = []
        self.notes: list[str] = []
        self.only = set(args.only.split(",")) if args.only else set(PHASES)
        if self.only & {"submit", "queue", "export", "memory", "dispatch"}:
            self.only.add("seed")  # they measure the seeded queue
        self.servers: list[Gunicorn] = []

    def phase(self, name: str, area: str, target: str, needs: float, fn, *args) -> object:
        """Run one benchmark; anything that stops it becomes a "not run" row with the reason."""
        if name not in self.only:
            return None
        left = self.ctx.remaining()
        if left < needs:
            self.figures.append(
                not_run(area, name, target, f"time budget: {left:.0f} s left, needs ~{needs:.0f} s")
            )
            return None
        print(f"[bench] {name} ...", flush=True)
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
        self.notes.append(f"Load average (1 / 5 / 15 min) as `{name}` began: {load}.")
        began = time.monotonic()
        try:
            result = fn(*args)
        except MissingFeature as exc:
            self.figures.append(not_run(area, name, target, str(exc)))
            return None
        except Exception as exc:
            trace = log_path(f"error-{name}.txt")
            trace.write_text(traceback.format_exc())
            self.figures.append(
                not_run(area, name, target, f"error {type(exc).__name__}: {exc} (see {trace})")
            )
            return None
        finally:
            print(f"[bench] {name} took {time.monotonic() - began:.1f} s", flush=True)
        if isinstance(result, list):
            self.figures.extend(result)
        return result


class MissingFeature(Exception):
    """The code a benchmark measures is not in the project (yet)."""


def _require_url(name: str, *args) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch as exc:
        raise MissingFeature(f"the page `{name}` does not exist in the project") from exc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help=f"comma-separated: {','.join(PHASES)}")
    parser.add_argument("--keep-db", action="store_true", help="leave the bench database")
    parser.add_argument("--output", default="")
    parser.add_argument(
        "--scale",
        action="store_true",
        help=f"{SCALE_SEED_COUNT:,} referrals: seed, queue and export only; bench/SCALE.md",
    )
    args = parser.parse_args()
    global SEED_COUNT, SEED_LIMIT, BUDGET_SECONDS
    if args.scale:
        SEED_COUNT, SEED_LIMIT, BUDGET_SECONDS = (
            SCALE_SEED_COUNT,
            SCALE_SEED_LIMIT,
            SCALE_BUDGET_SECONDS,
        )
        args.only = ",".join(p for p in SCALE_PHASES if not args.only or p in args.only)
    args.output = args.output or str(ROOT / "bench" / ("SCALE.md" if args.scale else "README.md"))
    run = Run(args)
    command = " ".join([".venv/bin/python bench/run_all.py", *sys.argv[1:]])
    if os.environ.get("MAKELEVEL"):
        command = f"make bench  (runs: {command})"

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    redis = RedisServer() if shutil.which("redis-server") else None
    if redis:
        redis.start()
        redis_url = redis.url
    else:
        redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
    recreate_database(db_url)
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=db_url,
        REDIS_URL=redis_url,
        DJANGO_SECRET_KEY=SECRET,
        DEMO_LOGINS_ALLOWED="false",
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="",
    )
    env.pop("PYTHONDONTWRITEBYTECODE")
    os.environ.update(env)
    run.ctx = Context(env=env, deadline=run.started + BUDGET_SECONDS)
    versions: dict[str, str] = {}
    try:
        _run_phases(run, redis_url, has_private_redis=bool(redis), versions=versions)
    finally:
        for server in run.servers:
            server.stop()
        if redis:
            redis.stop()
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            recreate_database(db_url, drop_only=True)
    elapsed = time.monotonic() - run.started
    run.figures.append(
        Figure(
            "Whole run",
            "all benchmarks, setup and teardown included",
            f"< {BUDGET_SECONDS // 60} min on 2 cores",
            f"{elapsed:.0f} s",
            elapsed < BUDGET_SECONDS,
            "phases that would overrun the budget are reported as not run",
        )
    )
    meta = _meta(run, command, db_url, redis_url, bool(redis), versions)
    from admissions.management.commands import seed_referrals as seed_referrals_command

    methods = [
        ("Scoring engine", bench_scoring),
        ("Seeding", seed_referrals_command),
        ("Screener submission", bench_submit),
        ("Referral queue", bench_queue),
        ("CSV export", bench_export),
        ("Follow-up dispatch", bench_dispatch),
        ("Memory", bench_memory),
        ("Slow phone", bench_phone),
    ]
    report.write(Path(args.output), run.figures, meta, run.notes, methods)
    print(f"[bench] wrote {args.output} in {time.monotonic() - run.started:.0f} s", flush=True)
    for f in run.figures:
        verdict = {True: "pass", False: "FAIL", None: "not run"}[f.passed]
        print(f"  {verdict:8} {f.area}: {f.what} -> {f.result}")


def _run_phases(run: Run, redis_url: str, has_private_redis: bool, versions: dict) -> None:
    import django

    django.setup()
    versions.update(_versions())
    from django.core.management import call_command

    from bench.staff import ensure_staff, session_cookie

    if not has_private_redis:
        import redis as redis_lib

        redis_lib.Redis.from_url(redis_url).flushdb()
    call_command("migrate", verbosity=0)
    admin = ensure_staff()
    cookie = session_cookie(admin)
    try:
        from programs import demo

        demo.load(stdout=open(os.devnull, "w"), style=None)  # noqa: SIM115
    except Exception as exc:
        run.notes.append(f"program catalog demo data not loaded: {type(exc).__name__}: {exc}")
    ctx = run.ctx

    run.phase(
        "scoring", bench_scoring.AREA, "≥ 20,000 / s; ≥ 0.2× JSON", 60, bench_scoring.run, ctx
    )

    def seed() -> list[Figure]:
        import subprocess

        from bench.harness import PYTHON

        begin = time.perf_counter()
        subprocess.run(
            [PYTHON, "manage.py", "seed_referrals", "--count", str(SEED_COUNT)],
            check=True,
            env=ctx.env,
            cwd=ROOT,
            timeout=max(240, SEED_LIMIT * 3),
            stdout=log_path("seed.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        elapsed = time.perf_counter() - begin
        vacuum = _vacuum_analyze()
        run.notes.append(
            f"After seeding, `VACUUM ANALYZE` ({vacuum:.1f} s) stands in for autovacuum, which "
            "this machine's PostgreSQL runs with turned off (`autovacuum = off`); without it "
            "the planner has no statistics and index-only scans visit every heap page."
        )
        return [
            Figure(
                "Seeding",
                f"`manage.py seed_referrals --count {SEED_COUNT}` (PostgreSQL)",
                f"< {SEED_LIMIT} s",
                f"{elapsed:.1f} s ({SEED_COUNT / elapsed:,.0f} referrals / s)",
                elapsed < SEED_LIMIT,
                "screening + recommendation + referral + link per referral, then ANALYZE; "
                "wall time of the command, process start included",
            )
        ]

    run.phase("seed", "Seeding", f"< {SEED_LIMIT} s", SEED_LIMIT + 10, seed)

    web = Gunicorn(ctx.env, workers=2, name="web2")
    run.servers.append(web)

    def submit() -> list[Figure]:
        bench_submit.check_available()
        web.start()
        return bench_submit.run(ctx, web)

    run.phase("submit", bench_submit.AREA, bench_submit.TARGET, 60, submit)

    def queue() -> list[Figure]:
        _require_url("admissions:queue")
        if not web.worker_pids():
            web.start()
        return bench_queue.run(ctx, web, admin, cookie, search_term="garcia")

    run.phase("queue", bench_queue.AREA, "≤ 12 queries; p95 ≤ 120 ms; ≤ 3× SQL", 60, queue)
    web.stop()

    def export() -> list[Figure]:
        _require_url("admissions:queue_export")
        with Gunicorn(ctx.env, workers=1, name="export") as server:
            return bench_export.run(ctx, server, cookie)

    run.phase("export", bench_export.AREA, "peak RSS grows < 50 MB", 60, export)

    def dispatch() -> list[Figure]:
        try:
            import admissions.tasks  # noqa: F401
        except ImportError as exc:
            raise MissingFeature("admissions.tasks (followup_send) does not exist") from exc
        return bench_dispatch.run(ctx)

    run.phase("dispatch", bench_dispatch.AREA, "≥ 0.5× no-op throughput", 90, dispatch)

    def memory() -> list[Figure]:
        try:
            bench_memory.mix_paths()
        except Exception as exc:
            raise MissingFeature(f"a page of the mix does not exist yet ({exc})") from exc
        return bench_memory.run(ctx, ctx.env, cookie)

    run.phase("memory", bench_memory.AREA, "< 150 MB; growth ≤ 10%", 120, memory)

    def phone() -> list[Figure]:
        _require_url("applicant:start")
        return bench_phone.run(ctx)

    run.phase("phone", bench_phone.AREA, "≤ 30 KB; ≤ 1.5 s; immutable a year", 60, phone)


def _vacuum_analyze() -> float:
    from django.db import connection

    begin = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - begin


def _versions() -> dict[str, str]:
    import celery
    import django
    import gunicorn
    from django.db import connection

    versions = {
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "Celery": celery.__version__,
    }
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        versions["PostgreSQL"] = cursor.fetchone()[0].split()[0]
    if shutil.which("redis-server"):
        import subprocess

        out = subprocess.run(["redis-server", "--version"], capture_output=True, text=True)
        if "v=" in out.stdout:
            versions["Redis"] = out.stdout.split("v=")[1].split()[0]
    return versions


def _meta(
    run: Run, command: str, db_url: str, redis_url: str, private_redis: bool, versions: dict
) -> dict:
    elapsed = time.monotonic() - run.started
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": f"`{command}`",
        "machine": f"{cores} cores (`nproc`), {platform.machine()}, {platform.system()} "
        f"{platform.release()}",
        "versions": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "database": f"PostgreSQL `{urlparse(db_url).path.lstrip('/')}` (made, then dropped)",
        "broker": "private redis-server on a free port"
        if private_redis
        else f"`{redis_url}` (flushed)",
        "duration": f"{elapsed:.0f} s of a {BUDGET_SECONDS} s budget",
    }


if __name__ == "__main__":
    main()
