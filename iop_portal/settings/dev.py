"""Local development: debug on, console email, SQLite unless DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# The console email and SMS backends show whole messages at DEBUG: on a laptop, with the
# fictional demo data, a developer reads them in the terminal.
LOGGING["loggers"]["admissions.messaging"]["level"] = "DEBUG"  # noqa: F405
