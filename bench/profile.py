"""Profile one benchmarked path in-process with pyinstrument, to find why a target is missed.

    .venv/bin/python bench/profile.py submit [--count 50]
    .venv/bin/python bench/profile.py queue  [--count 20] [--path '/staff/referrals/?page=500']
    .venv/bin/python bench/profile.py scoring [--count 20000]

Runs against BENCH_PROFILE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/
iop_bench_profile, migrated on start and left in place, so seeded data can be reused) with
``bench.settings`` and BENCH_PROFILE_REDIS_URL (default redis://127.0.0.1:6379/5, flushed at
the end: the wake-ups published during the profile are discarded). Writes the text profile
to /tmp/iop-bench/profile-<what>.txt and prints its head.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/iop_bench_profile"


def ensure_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg2

    parts = urlparse(url)
    conn = psycopg2.connect(
        dbname="postgres", host=parts.hostname, port=parts.port or 5432, user=parts.username
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        name = parts.path.lstrip("/")
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def profile_submit(count: int):
    from django.test import Client
    from django.urls import reverse

    from bench.bench_submit import CSRF, prepare_drafts

    cookies = prepare_drafts(count + 5, seed=os.getpid())
    review = reverse("applicant:step", kwargs={"step": "review"})
    result = reverse("applicant:result")
    clients = []
    for cookie in cookies:
        client = Client(enforce_csrf_checks=True)
        for part in cookie.split("; "):
            name, value = part.split("=", 1)
            client.cookies[name] = value
        clients.append(client)

    def submit(client) -> None:
        data = {"csrfmiddlewaretoken": CSRF, "screener-current_step": "review"}
        response = client.post(review, data)  # the submit: one request, as bench_submit times
        assert response.status_code == 302 and response["Location"] == result, response

    for client in clients[:5]:
        submit(client)  # warm-up
    return lambda: [submit(client) for client in clients[5:]]


def profile_queue(count: int, path: str):
    from bench.staff import ensure_staff, signed_in_client

    client = signed_in_client(ensure_staff())
    client.get(path)

    def pages() -> None:
        for _ in range(count):
            assert client.get(path).status_code == 200

    return pages


def profile_scoring(count: int):
    import random

    from admissions.management.sample_data import random_answers
    from screening.scoring import score_answers

    rng = random.Random(3)
    sets = [random_answers(rng) for _ in range(count)]
    return lambda: [score_answers(answers) for answers in sets]


def setup_django() -> None:
    """Point Django at the profiling database and broker, migrate, and make the staff login
    the benchmarks use. Shared by this script and ``ab_followups.py``."""
    url = os.environ.get("BENCH_PROFILE_DATABASE_URL", DEFAULT_DB)
    ensure_database(url)
    redis_url = os.environ.get("BENCH_PROFILE_REDIS_URL", "redis://127.0.0.1:6379/5")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings", DATABASE_URL=url, REDIS_URL=redis_url
    )
    import django

    django.setup()
    from django.core.management import call_command

    from bench.staff import ensure_staff

    call_command("migrate", verbosity=0)
    ensure_staff()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["submit", "queue", "scoring"])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--path", default="/staff/referrals/")
    args = parser.parse_args()
    setup_django()
    from pyinstrument import Profiler

    if args.what == "submit":
        work = profile_submit(args.count)
    elif args.what == "queue":
        work = profile_queue(args.count, args.path)
    else:
        work = profile_scoring(args.count)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    work()
    profiler.stop()
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    out = Path("/tmp/iop-bench")
    out.mkdir(exist_ok=True)
    (out / f"profile-{args.what}.txt").write_text(text)
    print(text[:12000])


if __name__ == "__main__":
    main()
