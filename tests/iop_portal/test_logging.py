"""What the logs hold: a refused staff request is one line (no traceback, not twice), request
lines carry no query string and no screener page, and a developer's .env is read only when
DJANGO_READ_DOT_ENV_FILE asks for it."""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import roles
from iop_portal.logs import loggable_path, loggable_request_line
from tests.admissions.factories import make_staff, sign_in_verified

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def console():
    """What the configured console handler (settings.LOGGING) writes."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_a_refused_staff_request_logs_one_line_without_a_traceback(
    client, console, settings, debug
):
    settings.DEBUG = debug  # Django's own console handler (DEBUG only) must not repeat it
    sign_in_verified(client, make_staff(roles.PROGRAM_ADMIN))

    response = client.get("/staff/audit/")

    assert response.status_code == 403
    for name in ("django", "django.request"):
        assert logging.getLogger(name).handlers == [], name  # so nothing writes it twice
    err = console.getvalue()
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "WARNING django.request Forbidden (Permission denied): /staff/audit/" in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/staff/referrals/?q=Robin+Vale&status=all", "/staff/referrals/"),
        ("/staff/referrals/12/", "/staff/referrals/12/"),
        ("/screen/crisis/", "/screen/…"),
        ("/screen/resume/AbCdEf123secret/", "/screen/…"),
        ("/screen/step/safety/", "/screen/…"),
        ("/screen/", "/screen/"),
        ("/programs/?zip=02139", "/programs/"),
    ],
)
def test_request_paths_are_logged_without_queries_or_screener_pages(path, logged):
    assert loggable_path(path) == logged


def test_runserver_request_lines_are_written_once_by_the_console_handler():
    server = logging.getLogger("django.server")

    assert [h.name for h in server.handlers] == ["console"] and server.propagate is False


def test_runserver_request_lines_are_made_loggable():
    line = loggable_request_line("GET /staff/referrals/?q=Robin HTTP/1.1")

    assert line == "GET /staff/referrals/ HTTP/1.1"


def _clinic_name(tmp_path, **env) -> str:
    dotenv = tmp_path / ".env"
    dotenv.write_text("CLINIC_NAME=Name From A Developer's Dot Env\n")
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='iop_portal.settings.dev';"
        "django.setup(); from django.conf import settings; print(settings.CLINIC_NAME)"
    )
    environment = {
        k: v for k, v in os.environ.items() if k not in ("CLINIC_NAME", "DJANGO_READ_DOT_ENV_FILE")
    }
    environment.update(DJANGO_DOT_ENV_FILE=str(dotenv), **env)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_dot_env_file_is_ignored_unless_asked_for(tmp_path):
    assert _clinic_name(tmp_path) == "Harbor Light Behavioral Health"
    assert _clinic_name(tmp_path, DJANGO_READ_DOT_ENV_FILE="true") == (
        "Name From A Developer's Dot Env"
    )


def test_a_set_password_links_token_never_reaches_a_log_line():
    from iop_portal.logs import loggable_path

    assert loggable_path("/staff/set-password/AbC123secret/") == "/staff/set-password/…"
    assert loggable_path("/staff/set-password/") == "/staff/set-password/"
