"""A complete production environment, as an operator's ``.env`` would give it (fictional,
non-placeholder addresses: ``check --deploy`` refuses example.org)."""

import os

SITE = "intake.harborlight.health"

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "iop_portal.settings.prod",
    "DJANGO_SECRET_KEY": "x" * 64 + "-a-long-random-production-secret",
    "ALLOWED_HOSTS": SITE,
    "CSRF_TRUSTED_ORIGINS": f"https://{SITE}",
    "SITE_URL": f"https://{SITE}",
    "ONCALL_EMAIL": "oncall@harborlight.health",
    "ADMISSIONS_LEAD_EMAIL": "admissions-lead@harborlight.health",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SMS_ENABLED": "false",
}

# Variables of this test process that must not reach a "production" child process.
NOT_INHERITED = {"DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def production_environ(**overrides: str | None) -> dict[str, str]:
    """This process's environment with the production settings on top; an override of
    ``None`` removes that variable."""
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment.update(PRODUCTION_ENV)
    for key, value in overrides.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    return environment
