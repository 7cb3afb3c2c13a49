"""Production settings: every setting without a safe default is required, the deployment
checks refuse placeholder values, and Django's deployment checklist passes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.production_env import production_environ

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = (
    "DJANGO_SECRET_KEY",
    "ALLOWED_HOSTS",
    "ONCALL_EMAIL",
    "ADMISSIONS_LEAD_EMAIL",
    "SITE_URL",
    "EMAIL_BACKEND",
)


def run_manage(*args: str, **env: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_environ(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_prod_settings_pass_check_deploy_with_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("name", REQUIRED)
def test_prod_settings_refuse_to_start_without_each_required_setting(name):
    code = "import iop_portal.settings.prod"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_environ(**{name: None}),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert f"Set the {name} environment variable" in result.stderr


def test_check_deploy_names_every_placeholder_setting_at_once():
    result = run_manage(
        "check",
        "--deploy",
        ONCALL_EMAIL="oncall@example.org",
        ADMISSIONS_LEAD_EMAIL="admissions-lead@example.org",
        SITE_URL="http://127.0.0.1:8000",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        SMS_ENABLED="true",
        SMS_BACKEND="console",
    )

    assert result.returncode != 0
    for check_id in ("E001", "E002", "E003", "E004", "E005"):
        assert f"iop_portal.{check_id}" in result.stderr
    assert "ONCALL_EMAIL is a placeholder address" in result.stderr


def test_database_url_selects_postgresql():
    import environ

    config = environ.Env.db_url_config("postgres://postgres@127.0.0.1:5432/iop_portal")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "iop_portal"


def test_without_redis_url_celery_is_eager_and_cache_is_local_memory():
    code = (
        "import django, os; os.environ.pop('REDIS_URL', None);"
        "os.environ['DJANGO_SETTINGS_MODULE']='iop_portal.settings.dev'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'].rsplit('.',1)[-1])"
    )
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.split() == ["True", "LocMemCache"], out.stderr


def test_with_redis_url_redis_is_broker_and_cache():
    code = (
        "import django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE']='iop_portal.settings.dev'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.CACHES['default']['BACKEND'])"
    )
    env = dict(os.environ, REDIS_URL="redis://127.0.0.1:6379/3")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.split() == [
        "False",
        "redis://127.0.0.1:6379/3",
        "core.cache.RedisCache",
    ], out.stderr
