"""Benchmark settings: production-like (DEBUG off, cached templates, PostgreSQL, Redis cache and
broker, persistent connections), served over plain HTTP on 127.0.0.1.

Differences from ``iop_portal.settings.prod``, and why:
- no HTTPS redirect, HSTS or secure-only cookies: the load clients talk plain HTTP to 127.0.0.1;
- static files use the non-manifest storage, so no ``collectstatic`` run is needed (the measured
  pages never serve static files);
- the screener rate limit is raised: 16 load clients share one address, and the limit is still
  checked on every request, in the same cache, so its cost stays in the figures;
- the bench-only ``baseline_app`` (the floor every ratio is measured against) is installed and
  ``bench.urls`` adds ``/bench/baseline/``.
"""

from iop_portal.settings.base import *  # noqa: F403
from iop_portal.settings.base import INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="bench-only-not-a-secret-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [*INSTALLED_APPS, "bench.baseline_app"]
ROOT_URLCONF = "bench.urls"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SCREENER_RATE = env("SCREENER_RATE", default="1000000/m")
AXES_FAILURE_LIMIT = 1000

# The project's development backend: it builds every message's MIME text, as SMTP would, and
# logs one line; Django's own console backend writes each message line by line to stdout,
# which the Celery worker re-logs line by line, a cost no real backend has.
EMAIL_BACKEND = "admissions.messaging.console.ConsoleEmailBackend"
SMS_BACKEND = "console"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
