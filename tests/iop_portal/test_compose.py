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
    assert set(SERVICES) == {"migrate", "web", "worker", "beat", "postgres", "redis"}
    for name, service in SERVICES.items():
        if name == "migrate":  # one-shot: it exits, and the others wait for it
            continue
        assert "healthcheck" in service, name
        assert service["healthcheck"]["test"], name


def test_a_one_shot_migrate_runs_before_web_worker_and_beat():
    migrate = SERVICES["migrate"]
    assert migrate["restart"] == "no"
    steps = " ".join(command_of("migrate"))
    assert steps.index("check --deploy") < steps.index("migrate --noinput")
    assert steps.index("migrate --noinput") < steps.index("db_grant_app_role iop_app")
    for name in ("web", "worker", "beat"):
        depends = SERVICES[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}, name


def test_migrations_run_as_the_owner_and_the_processes_as_the_app_role():
    assert "//iop_owner:" in SERVICES["migrate"]["environment"]["DATABASE_URL"]
    for name in ("web", "worker", "beat"):
        assert "//iop_app:" in SERVICES[name]["environment"]["DATABASE_URL"], name
    init = SERVICES["postgres"]["volumes"]
    assert any(
        v.startswith("./deploy/postgres/init-roles.sh:/docker-entrypoint-initdb.d/") for v in init
    )
    script = (ROOT / "deploy/postgres/init-roles.sh").read_text()
    assert "ALTER SCHEMA public OWNER TO iop_owner" in script
    assert "CREATE ROLE iop_app LOGIN" in script


def test_beat_keeps_its_schedule_in_a_volume_the_image_user_owns():
    assert "--schedule /var/lib/celerybeat/schedule" in " ".join(command_of("beat"))
    assert "beat-schedule:/var/lib/celerybeat" in SERVICES["beat"]["volumes"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "install -d -o app -g app /var/lib/celerybeat" in dockerfile
    assert "\nUSER app\n" in dockerfile


def test_the_web_healthcheck_probes_healthz_as_the_proxy_would():
    assert SERVICES["web"]["healthcheck"]["test"] == ["CMD", "python", "-m", "iop_portal.probe"]


def test_the_image_never_takes_local_secrets_or_databases():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".env", ".venv", "db.sqlite3", ".git", "staticfiles", "celerybeat-schedule*"):
        assert entry in ignored


def test_data_lives_in_named_volumes():
    assert {"postgres-data", "redis-data"} <= set(COMPOSE["volumes"])
    assert "postgres-data:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]


def test_web_runs_gunicorn_on_the_real_wsgi_application():
    command = command_of("web")
    assert command[:3] == ["gunicorn", "--config", "python:iop_portal.gunicorn"]
    importlib.import_module("iop_portal.gunicorn")
    module, attribute = command[3].split(":")
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
        assert environment["DATABASE_URL"].startswith("postgres://iop_app:")
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert SERVICES[name]["env_file"] == ".env"


def test_env_example_names_every_required_production_setting():
    example = (ROOT / ".env.example").read_text()
    for key in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_BACKEND", "SMS_BACKEND"):
        assert f"{key}=" in example
    assert settings.ROOT_URLCONF == "iop_portal.urls"
