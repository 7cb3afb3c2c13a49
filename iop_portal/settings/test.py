"""Test settings: fast hashing, in-memory email, eager Celery unless a test says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A real worker started by the integration tier writes its mail to files the test can read.
EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("TEST_EMAIL_FILE_PATH", default=str(BASE_DIR / ".test-mail"))  # noqa: F405
SMS_BACKEND = env("TEST_SMS_BACKEND", default="locmem")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Unit tests run tasks eagerly even when REDIS_URL is set; the integration tier starts a
# real worker and flips this for its own tests.
CELERY_TASK_ALWAYS_EAGER = env.bool("TEST_CELERY_EAGER", default=True)
# A worker process started by tests/fixtures/worker.py publishes to its private queue too.
CELERY_TASK_DEFAULT_QUEUE = env("TEST_CELERY_QUEUE", default="celery")
# Fault injection for the integration tier only: the sender sleeps this long after claiming
# a follow-up, so a test can SIGKILL the worker mid-send. Never set outside tests.
FOLLOWUP_FAULT_SLEEP_BEFORE_SEND = env.float("TEST_FOLLOWUP_SLEEP_BEFORE_SEND", default=0)
# A worker in a fault test (on its own redis-server) takes back a killed worker's unacked
# message after this many seconds instead of an hour.
if env.int("TEST_VISIBILITY_TIMEOUT", default=0):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
        "visibility_timeout": env.int("TEST_VISIBILITY_TIMEOUT"),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
# The integration tier's controllable clock: a file holding seconds the crisis escalation's
# clock runs ahead of real time (admissions/clock.py), and a faster beat for the worker.
CLOCK_OFFSET_FILE = env("TEST_CLOCK_FILE", default="")
if env.float("TEST_BEAT_SECONDS", default=0):
    _beat = env.float("TEST_BEAT_SECONDS")
    for _entry in CELERY_BEAT_SCHEDULE.values():  # noqa: F405
        _entry.update(schedule=_beat, options={"expires": _beat * 5})
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
AXES_ENABLED = True
# On SQLite the test database is a file in WAL mode, not Django's shared-cache in-memory
# database: the browser tier's live server writes from its own thread while the test reads,
# and shared-cache SQLite refuses such overlaps at once ("database table is locked") where a
# file database waits its turn (the busy timeout). PostgreSQL needs none of this.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": env("TEST_SQLITE_FILE", default=str(BASE_DIR / ".test-db.sqlite3"))  # noqa: F405
    }
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
    }
