"""A small HTTP load generator, run as its own process so it never shares a core's time slice
with the server it measures in a hidden way (standard library only; no Django import).

    python bench/loadgen.py PLAN.json RESULT.json

PLAN.json::

    {"host": "127.0.0.1", "port": 8123, "timeout": 30,
     "clients": [{"requests": [{"name": "submit", "method": "POST", "path": "/screen/...",
                                "body": "a=1&b=2", "headers": {"Cookie": "..."},
                                "expect": [302], "expect_location": "/screen/result/"},
                               ...]}, ...]}

Each client is one thread that sends its requests in order, one at a time, each on a new
connection (gunicorn's sync workers close every connection). All clients start together.
Requests carrying ``"combine": "submit"`` are also timed together, as one action named
"submit", up to and including the one with ``"combine_end": true``.
RESULT.json holds, per request name, every latency in seconds, the status counts and the
errors, plus the wall time from the first request sent to the last response read.
"""

import http.client
import json
import sys
import threading
import time
from collections import Counter, defaultdict


def run(plan: dict) -> dict:
    host, port = plan["host"], int(plan["port"])
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit("loadgen only talks to 127.0.0.1")
    timeout = float(plan.get("timeout", 30))
    clients = plan["clients"]
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, Counter] = defaultdict(Counter)
    errors: dict[str, list[str]] = defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(len(clients) + 1)
    marks: list[float] = []

    def client(requests: list[dict]) -> None:
        barrier.wait()
        mine: list[tuple[str, float, int | None, str | None]] = []
        chain, chain_error = 0.0, None
        for req in requests:
            name = req["name"]
            begin = time.perf_counter()
            status, error = None, None
            try:
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
                body = req.get("body")
                headers = dict(req.get("headers") or {})
                if body is not None:
                    body = body.encode()
                    headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
                conn.request(req.get("method", "GET"), req["path"], body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
                conn.close()
                expect = req.get("expect")
                where = req.get("expect_location")
                if expect and status not in expect:
                    error = f"status {status}"
                elif where and where not in (resp.getheader("Location") or ""):
                    error = f"redirected to {resp.getheader('Location')}"
            except Exception as exc:
                error = type(exc).__name__
            seconds = time.perf_counter() - begin
            mine.append((name, seconds, status, error))
            if req.get("combine"):  # a multi-request action, timed as one
                chain += seconds
                chain_error = chain_error or error
                if req.get("combine_end"):
                    mine.append((req["combine"], chain, status, chain_error))
                    chain, chain_error = 0.0, None
        end = time.perf_counter()
        with lock:
            marks.append(end)
            for name, seconds, status, error in mine:
                if error is None:
                    latencies[name].append(seconds)
                else:
                    errors[name].append(error)
                statuses[name][str(status)] += 1

    threads = [threading.Thread(target=client, args=(c["requests"],)) for c in clients]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = max(marks) - started if marks else 0.0
    names = set(latencies) | set(errors)
    return {
        "wall_seconds": wall,
        "clients": len(clients),
        "by_name": {
            name: {
                "latencies": latencies.get(name, []),
                "statuses": dict(statuses.get(name, {})),
                "errors": Counter(errors.get(name, [])).most_common(5),
                "error_count": len(errors.get(name, [])),
            }
            for name in sorted(names)
        },
    }


def main() -> None:
    plan_path, result_path = sys.argv[1], sys.argv[2]
    with open(plan_path) as fh:
        plan = json.load(fh)
    result = run(plan)
    with open(result_path, "w") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    main()
