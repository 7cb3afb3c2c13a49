"""Docker cannot run here, so check that docker-compose.yml points at real code."""

import importlib
import importlib.util
import shlex
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def command_of(name: str) -> list[str]:
    command = SERVICES[name]["command"]
    return shlex.split(command) if isinstance(command, str) else command


def test_the_stack_has_every_service_with_a_health_check():
    assert set(SERVICES) == {"web", "worker", "beat", "postgres", "redis"}
    for name, service in SERVICES.items():
        assert "healthcheck" in service, name
        assert service["healthcheck"]["test"], name


def test_data_lives_in_named_volumes():
    assert {"postgres-data", "redis-data"} <= set(COMPOSE["volumes"])
    assert "postgres-data:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]


def test_web_runs_gunicorn_on_the_real_wsgi_application():
    command = command_of("web")
    assert command[0] == "gunicorn"
    module, attribute = command[1].split(":")
    wsgi = importlib.import_module(module)
    assert callable(getattr(wsgi, attribute))


def test_worker_and_beat_point_at_the_real_celery_app():
    for name, role in (("worker", "worker"), ("beat", "beat")):
        command = command_of(name)
        assert command[:3] == ["celery", "-A", "iop_portal"], name
        assert command[3] == role
    module = importlib.import_module("iop_portal")
    assert module.celery_app.main == "iop_portal"


def test_app_services_use_production_settings_and_the_compose_databases():
    for name in ("web", "worker", "beat"):
        environment = SERVICES[name]["environment"]
        assert importlib.util.find_spec(environment["DJANGO_SETTINGS_MODULE"]) is not None
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert SERVICES[name]["env_file"] == ".env"


def test_env_example_names_every_required_production_setting():
    example = (ROOT / ".env.example").read_text()
    for key in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_BACKEND", "SMS_BACKEND"):
        assert f"{key}=" in example
    assert settings.ROOT_URLCONF == "iop_portal.urls"
