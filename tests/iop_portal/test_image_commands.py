"""Docker cannot run here, so the suite runs what the image and the compose stack run: the
Dockerfile's collectstatic under production settings, the migrate service's check --deploy,
and the web service's gunicorn command with the compose environment, probed on /healthz by
the container healthcheck's own command."""

import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.fixtures.worker import database_url_for_tests
from tests.production_env import SITE, production_environ
from tests.services import REDIS_URL, free_port

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def dockerfile_collectstatic() -> tuple[dict[str, str], list[str]]:
    """The Dockerfile's collectstatic step: its environment and its command."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    line = next(
        row for row in text.splitlines() if row.startswith("RUN ") and "collectstatic" in row
    )
    words = shlex.split(line.removeprefix("RUN "))
    env = dict(word.split("=", 1) for word in words if re.match(r"^[A-Z_]+=", word))
    command = [word for word in words if not re.match(r"^[A-Z_]+=", word)]
    assert command[0] == "python"
    return env, [sys.executable, *command[1:]]


def compose_environment(service: str, **extra: str) -> dict[str, str]:
    """The service's compose environment on top of an operator's .env, pointed at this
    machine's test database and Redis instead of the compose hosts."""
    env = production_environ()
    env.update(COMPOSE["services"][service]["environment"])
    env.update(DATABASE_URL=database_url_for_tests(), REDIS_URL=REDIS_URL, **extra)
    return env


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("static")
    env, command = dockerfile_collectstatic()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env, STATIC_ROOT=str(root))
    result = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return root


def test_collectstatic_passes_under_production_settings(static_root):
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    for asset in (
        "vendor/bootstrap/bootstrap.bundle.min.js",
        "vendor/bootstrap/bootstrap.min.css",
        "css/site.css",
    ):
        hashed = manifest[asset]
        assert hashed != asset and (static_root / hashed).exists()
        assert (static_root / f"{hashed}.gz").exists()  # whitenoise compressed it


def test_the_migrate_service_check_passes_with_a_complete_env():
    command = shlex.split(COMPOSE["services"]["migrate"]["command"])[-1].split("&&")[0]
    result = subprocess.run(
        shlex.split(command.replace("python", sys.executable, 1)),
        cwd=ROOT,
        env=production_environ(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr


class Gunicorn:
    def __init__(self, env: dict[str, str], log: Path):
        self.env, self.log = env, log
        command = shlex.split(COMPOSE["services"]["web"]["command"])
        executable = Path(sys.executable).with_name(command[0])
        self.proc = subprocess.Popen(
            [str(executable), *command[1:]],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def probe(self) -> int:
        """The web service's healthcheck command, run as the container would."""
        test = COMPOSE["services"]["web"]["healthcheck"]["test"][1:]
        test[0] = sys.executable
        return subprocess.run(test, cwd=ROOT, env=self.env, timeout=30).returncode

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"gunicorn exited: {self.log.read_text()[-3000:]}")
            if self.probe() == 0:
                return
            time.sleep(0.5)
        raise AssertionError(f"never healthy: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(20)


@pytest.mark.integration
def test_gunicorn_with_the_compose_environment_answers_healthz_and_serves_pages(
    require_postgres, require_redis, static_root, tmp_path
):
    import requests

    port = free_port()
    env = compose_environment(
        "web", PORT=str(port), WEB_CONCURRENCY="1", STATIC_ROOT=str(static_root)
    )
    server = Gunicorn(env, tmp_path / "gunicorn.log")
    try:
        server.wait_healthy()
        proxied = {"Host": SITE, "X-Forwarded-Proto": "https"}
        base = f"http://127.0.0.1:{port}"
        health = requests.get(f"{base}/healthz", headers=proxied, timeout=5)
        page = requests.get(f"{base}/screen/", headers=proxied, timeout=5)
        css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page.text)
        asset = requests.get(f"{base}{css[1]}", headers=proxied, timeout=5)
        plain = requests.get(f"{base}/healthz", timeout=5, allow_redirects=False)
        requests.get(f"{base}/staff/referrals/?q=Marisol", headers=proxied, timeout=5)
        requests.get(f"{base}/screen/crisis/", headers=proxied, timeout=5)
    finally:
        server.stop()

    assert health.status_code == 200 and health.json()["checks"]["database"] == "up"
    assert page.status_code == 200 and "Content-Security-Policy" in page.headers
    assert asset.status_code == 200 and "immutable" in asset.headers["Cache-Control"]
    assert plain.status_code == 400  # no allowed Host: refused, which is why the probe sets it
    log = server.log.read_text()
    assert '"GET /healthz HTTP/1.1" 200' in log
    assert "/staff/referrals/ HTTP/1.1" in log and "Marisol" not in log
    assert '"GET /screen/… HTTP/1.1" 200' in log and "crisis" not in log
