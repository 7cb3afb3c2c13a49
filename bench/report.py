"""Writes bench/README.md: how to run, the figures of the last run, how each was measured, and
the profiling notes kept by hand in bench/profiles.md."""

import inspect
from pathlib import Path

from bench.harness import Figure

HERE = Path(__file__).resolve().parent

HOW_TO_RUN = """\
## How to run

```sh
make bench        # installs the `bench` extra (locust, psutil), then runs bench/run_all.py
# or, with the extra installed:
.venv/bin/python bench/run_all.py                  # everything, about 8–9 minutes on 2 cores
.venv/bin/python bench/run_all.py --only scoring,queue --keep-db
make bench-scale  # a million referrals: seeding, queue pages, export -> bench/SCALE.md
```

The million-referral figures are in [SCALE.md](SCALE.md) (`bench/run_scale.py`, about
10 minutes on 2 cores; not part of `make bench`).

Needs the machine's PostgreSQL (`BENCH_DATABASE_URL`, default
`postgres://postgres@127.0.0.1:5432/iop_bench`; the database is dropped and created by the
run) and the `redis-server` binary (a private server on a free port is started and stopped;
without the binary, `BENCH_REDIS_URL`, default `redis://127.0.0.1:6379/5`, is used and
flushed). All traffic stays on 127.0.0.1. Logs, load plans and raw latencies are kept in
`/tmp/iop-bench/`.

Targets are checked here, by scripts, never by timed assertions in the test suite. Every
figure is a ratio against a floor measured in the same run on the same server, or a
resource bound, because absolute times on a shared machine drift.

| script | what it measures |
|---|---|
| `bench/run_all.py` | runs everything below in order (10-minute budget), writes this file |
| `bench/bench_scoring.py` | scoring engine, in-process |
| `bench/bench_submit.py` | screener final submit vs the baseline view, through gunicorn |
| `bench/bench_queue.py` | staff queue: queries, latency, ratio to its own SQL |
| `bench/bench_export.py` | CSV export: peak RSS while streaming |
| `bench/bench_memory.py` | one worker's RSS over 10,000 mixed requests |
| `bench/bench_dispatch.py` | follow-up sends vs no-op tasks through one Celery worker |
| `bench/bench_phone.py` | first screener page on an emulated slow phone (Chromium, CDP) |
| `bench/run_scale.py` | `make bench-scale`: seed, queue and export at 1,000,000 referrals |
| `bench/loadgen.py` | the load generator (own process, threads, stdlib HTTP) |
| `bench/settings.py`, `bench/urls.py` | bench-only settings; URLs plus `/bench/baseline/` |
| `bench/baseline_app/` | the baseline view, its one-table model, the no-op task |
| `manage.py seed_referrals --count N` | N screenings, recommendations, referrals (COPY on PG) |
| `manage.py seed_followups --count N` | N pending follow-ups due now |
"""


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _verdict(passed: bool | None) -> str:
    return {True: "pass", False: "**FAIL**", None: "not run"}[passed]


def render(figures: list[Figure], meta: dict[str, str], notes: list[str], methods) -> str:
    lines = [
        "# Benchmarks",
        "",
        "The portal measured against its own floor, side by side. This file is written by "
        "`bench/run_all.py`; edit `bench/report.py` or `bench/profiles.md` instead.",
        "",
        HOW_TO_RUN,
        "## Last run",
        "",
    ]
    lines += [f"- **{key}:** {value}" for key, value in meta.items()]
    lines += [
        "",
        "| area | figure | target | result | verdict | notes |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {_cell(f.area)} | {_cell(f.what)} | {_cell(f.target)} | {_cell(f.result)} "
            f"| {_verdict(f.passed)} | {_cell(f.note)} |"
        )
    passed = sum(1 for f in figures if f.passed)
    failed = sum(1 for f in figures if f.passed is False)
    skipped = sum(1 for f in figures if f.passed is None)
    lines += ["", f"{passed} passed, {failed} failed, {skipped} not run.", ""]
    if notes:
        lines += ["### Notes from this run", ""] + [f"- {note}" for note in notes] + [""]
    lines += ["## How each figure is measured", ""]
    for title, module in methods:
        doc = inspect.getdoc(module) or ""
        lines += [f"### {title}", "", doc, ""]
    profiles = HERE / "profiles.md"
    if profiles.exists():
        lines += [profiles.read_text().strip(), ""]
    return "\n".join(lines)


def write(path: Path, *args) -> None:
    path.write_text(render(*args))
