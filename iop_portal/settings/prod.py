"""Production: secrets and addresses from the environment only, HTTPS everywhere, PostgreSQL
and Redis. A setting with no safe default has no default here, so a deployment that forgets
it does not start; ``check --deploy`` (iop_portal/checks.py) refuses placeholder values."""

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")  # required: no default
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Required: where crisis alerts and escalations go, the base of every link in a message,
# and a backend that really delivers email (SMTP or Anymail).
ONCALL_EMAIL = env("ONCALL_EMAIL")
ADMISSIONS_LEAD_EMAIL = env("ADMISSIONS_LEAD_EMAIL")
SITE_URL = env("SITE_URL")
# Optional: unacknowledged crisis alerts escalate to the "Crisis backup" group, else here.
CRISIS_BACKUP_EMAIL = env("CRISIS_BACKUP_EMAIL", default="")
EMAIL_BACKEND = env("EMAIL_BACKEND")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True}
}
LANGUAGE_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Every staff member signs in with a second factor (check --deploy fails without it), and the
# Django admin is not mounted unless DJANGO_ADMIN_ENABLED=true asks for it.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
DJANGO_ADMIN_ENABLED = env.bool("DJANGO_ADMIN_ENABLED", default=False)
# Never create the demo staff logins (their password is published) in production.
DEMO_LOGINS_ALLOWED = False
