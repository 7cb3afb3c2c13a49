"""The Celery application. Tasks carry ids only; the database says what must be done."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_portal.settings.dev")

app = Celery("iop_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="iop_portal.ping")
def ping(value: int) -> int:
    """A liveness probe used by health checks and the integration tests."""
    return value + 1
