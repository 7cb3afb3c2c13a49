"""Bench settings for the slow-phone page load: ``bench.settings`` with production's static
files (``collectstatic`` into a scratch directory, whitenoise's compressed manifest
storage: hashed names, gzip copies, far-future immutable caching)."""

from bench.settings import *  # noqa: F403
from bench.settings import env

STATIC_ROOT = env.path("STATIC_ROOT", default="/tmp/iop-bench/static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
