"""A slow phone: the first screener page (``/screen/``) in Chromium over an emulated mobile
link (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency: the DevTools protocol's
``Network.emulateNetworkConditions``), served by gunicorn with production's static files
(``collectstatic`` + whitenoise's compressed manifest storage, ``bench.settings_phone``).

A fresh browser context (empty cache) per visit, viewport 390 px. Counted: every byte
Chromium received for the page (``Network.loadingFinished`` encoded length: headers and
compressed bodies), the time from navigation to the ``load`` event (all styles, scripts and
images in), the scripts the page loads, and each static response's ``Cache-Control``.
Five visits; the figure is the slowest (the median is in the notes). Then one repeat visit
in the same context shows what a returning phone downloads."""

import statistics
import subprocess
import time

from bench.harness import PYTHON, ROOT, Context, Figure, Gunicorn, log_path

AREA = "Slow phone"
PAGE = "/screen/"
VISITS = 5
DOWN_BPS = 1_600_000 / 8
UP_BPS = 750_000 / 8
LATENCY_MS = 150
CHROMIUM = "/usr/bin/chromium"
ONE_YEAR = 365 * 24 * 3600


def _collectstatic(env: dict) -> None:
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--clear", "-v", "0"],
        check=True,
        cwd=ROOT,
        env=env,
        timeout=180,
        stdout=log_path("collectstatic.log").open("w"),
        stderr=subprocess.STDOUT,
    )


def _visit(context, url: str) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": DOWN_BPS,
            "uploadThroughput": UP_BPS,
            "connectionType": "cellular3g",
        },
    )
    received: dict[str, float] = {}
    cdp.on(
        "Network.loadingFinished",
        lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    responses = []
    page.on("response", lambda response: responses.append(response))
    begin = time.perf_counter()
    page.goto(url, wait_until="load")
    elapsed = time.perf_counter() - begin
    page.wait_for_timeout(300)  # late loadingFinished events
    scripts = [r.url for r in responses if r.request.resource_type == "script"]
    static = {
        r.url.split("/static/", 1)[1]: r.headers.get("cache-control", "")
        for r in responses
        if "/static/" in r.url
    }
    cdp.detach()
    page.close()
    return {
        "seconds": elapsed,
        "bytes": sum(received.values()),
        "requests": len(responses),
        "scripts": scripts,
        "static": static,
    }


def _immutable_a_year(header: str) -> bool:
    parts = {p.strip().split("=")[0]: p.strip() for p in header.split(",")}
    max_age = parts.get("max-age", "max-age=0").split("=")[1]
    return "immutable" in parts and int(max_age) >= ONE_YEAR


def run(ctx: Context) -> list[Figure]:
    from playwright.sync_api import sync_playwright

    env = dict(
        ctx.env,
        DJANGO_SETTINGS_MODULE="bench.settings_phone",
        STATIC_ROOT=str(log_path("static")),
    )
    _collectstatic(env)
    visits = []
    with Gunicorn(env, workers=2, name="phone") as server, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            warm = browser.new_context(viewport={"width": 390, "height": 844})
            _visit(warm, server.url(PAGE))  # warm the server, not the browser
            warm.close()
            for _ in range(VISITS):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                visits.append(_visit(context, server.url(PAGE)))
                if len(visits) == VISITS:
                    repeat = _visit(context, server.url(PAGE))
                context.close()
        finally:
            browser.close()
    slowest = max(v["seconds"] for v in visits)
    middle = statistics.median(v["seconds"] for v in visits)
    weight = max(v["bytes"] for v in visits)
    first = visits[0]
    scripts = [u.split("/static/", 1)[-1] for u in first["scripts"]]
    caching = first["static"]
    uncached = [name for name, header in caching.items() if not _immutable_a_year(header)]
    ctx.data["phone"] = {"visits": visits, "repeat": repeat}
    return [
        Figure(
            AREA,
            f"`{PAGE}` over the wire, first visit (empty cache)",
            "≤ 30 KB",
            f"{weight / 1024:.1f} KB in {first['requests']} responses",
            weight <= 30 * 1024,
            f"repeat visit: {repeat['bytes'] / 1024:.1f} KB; scripts: "
            + (", ".join(scripts) or "none"),
        ),
        Figure(
            AREA,
            f"`{PAGE}` fully loaded (`load` event), 1.6 Mbit/s down, 750 kbit/s up, 150 ms",
            "≤ 1.5 s",
            f"slowest of {VISITS}: {slowest:.2f} s (median {middle:.2f} s)",
            slowest <= 1.5,
            "Chromium, 390 px, DevTools network emulation; gunicorn, collectstatic + "
            "whitenoise manifest",
        ),
        Figure(
            AREA,
            "hashed static files cached a year, immutable",
            "every static response",
            f"{len(caching) - len(uncached)} of {len(caching)}",
            not uncached and bool(caching),
            "; ".join(f"{name}: {caching[name] or 'no Cache-Control'}" for name in uncached)
            or next(iter(caching.values()), ""),
        ),
    ]
