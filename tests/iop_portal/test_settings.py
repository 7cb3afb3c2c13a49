"""Production settings: secrets are required and Django's deployment checklist passes."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    dropped = {"DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_prod_settings_pass_check_deploy_with_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="iop_portal.settings.prod",
        DJANGO_SECRET_KEY="x" * 64 + "-a-long-random-production-secret",
        ALLOWED_HOSTS="intake.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_prod_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="iop_portal.settings.prod", ALLOWED_HOSTS="x.example.org"
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


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
        "django.core.cache.backends.redis.RedisCache",
    ], out.stderr
