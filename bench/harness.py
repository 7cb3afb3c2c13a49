"""What every benchmark shares: the figures it reports, the processes it starts (a private
redis-server, gunicorn, a Celery worker, the load generator) and a few statistics.

Every process is started here and stopped here, by its own pid; all traffic stays on
127.0.0.1."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
WORK = Path(os.environ.get("BENCH_WORK_DIR", "/tmp/iop-bench"))


@dataclass
class Figure:
    """One row of the figures table. ``passed`` is None when the figure was not run."""

    area: str
    what: str
    target: str
    result: str
    passed: bool | None
    note: str = ""


@dataclass
class Context:
    """Shared state of one ``run_all`` run."""

    env: dict[str, str]
    deadline: float
    notes: list[str] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


def not_run(area: str, what: str, target: str, reason: str) -> Figure:
    return Figure(area, what, target, f"not run: {reason}", None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return percentile(values, 50)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def log_path(name: str) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    return WORK / name


def _wait_for(check, timeout: float, what: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited: {log.read_text()[-1500:]}")
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start in {timeout:.0f} s: {log.read_text()[-1500:]}")


def _stop(proc: subprocess.Popen | None, timeout: float = 15) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


class RedisServer:
    """A private redis-server on a free port (no persistence), so the machine's shared Redis
    is never flushed or loaded by the benchmarks."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log = log_path("redis.log")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        cmd = [
            "redis-server",
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", str(WORK),
        ]  # fmt: skip
        self.proc = subprocess.Popen(cmd, stdout=self.log.open("w"), stderr=subprocess.STDOUT)

        def up() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                    s.sendall(b"PING\r\n")
                    return s.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        _wait_for(up, 10, "redis-server", self.proc, self.log)

    def stop(self) -> None:
        _stop(self.proc)


class Gunicorn:
    """gunicorn with sync workers serving the project under ``bench.settings``."""

    def __init__(self, env: dict[str, str], workers: int, name: str) -> None:
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log = log_path(f"gunicorn-{name}.log")

    def start(self) -> "Gunicorn":
        cmd = [
            PYTHON, "-m", "gunicorn", "iop_portal.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", "sync",
            "--timeout", "120",
            "--log-level", "warning",
            "--error-logfile", "-",
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=self.log.open("w"), stderr=subprocess.STDOUT
        )

        def ready() -> bool:
            if len(self.worker_pids()) < self.workers:
                return False
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as resp:
                    return resp.status == 200
            except OSError:
                return False

        _wait_for(ready, 40, "gunicorn", self.proc, self.log)
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_pids(self) -> list[int]:
        if self.proc is None or self.proc.poll() is not None:
            return []
        try:
            return [child.pid for child in psutil.Process(self.proc.pid).children()]
        except psutil.NoSuchProcess:
            return []

    def stop(self) -> None:
        _stop(self.proc)

    def __enter__(self) -> "Gunicorn":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class CeleryWorker:
    """One Celery worker process, solo pool (one task at a time), on one queue."""

    def __init__(self, env: dict[str, str], queue: str, name: str = "") -> None:
        self.env = env
        self.queue = queue
        self.proc: subprocess.Popen | None = None
        self.log = log_path(f"celery-{name or queue}.log")

    def start(self) -> "CeleryWorker":
        cmd = [
            PYTHON, "-m", "celery", "-A", "iop_portal", "worker",
            "--pool=solo", "--concurrency=1",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-Q", self.queue, "--loglevel=INFO",
        ]  # fmt: skip
        env = dict(self.env, CELERY_WORKER_HIJACK_ROOT_LOGGER="false")
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT
        )
        _wait_for(lambda: "ready." in self.log.read_text(), 40, "celery", self.proc, self.log)
        return self

    def stop(self) -> None:
        _stop(self.proc, timeout=30)

    def __enter__(self) -> "CeleryWorker":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def loadgen(plan: dict, name: str, timeout: float = 300) -> dict:
    """Run the load generator in its own process and return its result."""
    plan_file = log_path(f"plan-{name}.json")
    result_file = log_path(f"result-{name}.json")
    plan_file.write_text(json.dumps(plan))
    subprocess.run(
        [PYTHON, str(ROOT / "bench" / "loadgen.py"), str(plan_file), str(result_file)],
        check=True,
        timeout=timeout,
        cwd=ROOT,
    )
    return json.loads(result_file.read_text())


class PeakRss:
    """Samples a process's RSS every few milliseconds in a thread; ``peak`` in bytes."""

    def __init__(self, pid: int, interval: float = 0.005) -> None:
        self.process = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                rss = self.process.memory_info().rss
            except psutil.NoSuchProcess:
                return
            self.peak = max(self.peak, rss)
            self.samples += 1
            time.sleep(self.interval)

    def __enter__(self) -> "PeakRss":
        self.peak = self.process.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 2**20
