"""Deployment checks (``manage.py check --deploy``): a production stack that would send
crisis alerts to a placeholder address, links to a developer's machine, or messages to a
console nobody reads is refused before it starts (the compose stack's ``migrate`` service
runs this first, and web, worker and beat wait for it)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# RFC 2606 / 6761 names that never reach a real inbox or a real site.
PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net", "localhost")
PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")
LOCAL_HOSTS = ("127.0.0.1", "0.0.0.0", "::1", "[::1]", "localhost")  # noqa: S104
NOT_DELIVERING_EMAIL = ("console", "locmem", "dummy", "filebased")
NOT_DELIVERING_SMS = ("console", "locmem")
HTTP_SMS_SETTINGS = ("SMS_API_URL", "SMS_ACCOUNT_SID", "SMS_AUTH_TOKEN", "SMS_FROM_NUMBER")


def placeholder_host(host: str) -> bool:
    host = host.lower().strip("[]").rstrip(".")
    return (
        host in LOCAL_HOSTS
        or host.strip("[]") in LOCAL_HOSTS
        or any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS)
        or host.endswith(PLACEHOLDER_SUFFIXES)
    )


def _address_problem(name: str) -> str | None:
    value = (getattr(settings, name, "") or "").strip()
    if not value:
        return f"{name} is empty."
    try:
        validate_email(value)
    except ValidationError:
        return f"{name} ({value!r}) is not an email address."
    if placeholder_host(value.rsplit("@", 1)[1]):
        return f"{name} is a placeholder address ({value}); nobody reads it."
    return None


def _site_url_problem() -> str | None:
    url = urlsplit(settings.SITE_URL or "")
    if url.scheme != "https" or not url.hostname:
        return f"SITE_URL ({settings.SITE_URL!r}) must be the https:// address people use."
    if placeholder_host(url.hostname):
        return f"SITE_URL ({settings.SITE_URL}) points at a local or placeholder host."
    return None


def _backend_name(dotted: str) -> str:
    """``django.core.mail.backends.console.EmailBackend`` -> ``console``."""
    parts = dotted.lower().split(".")
    return parts[-2] if len(parts) >= 2 else parts[-1]


def _email_problem() -> str | None:
    backend = settings.EMAIL_BACKEND
    if _backend_name(backend) in NOT_DELIVERING_EMAIL or "console" in backend.lower():
        return f"EMAIL_BACKEND ({backend}) does not deliver email."
    return None


def _sms_problem() -> str | None:
    if not settings.SMS_ENABLED:
        return None
    backend = settings.SMS_BACKEND
    if backend in NOT_DELIVERING_SMS or _backend_name(backend) in NOT_DELIVERING_SMS:
        return f"SMS_BACKEND ({backend}) does not send text messages, and SMS_ENABLED is on."
    missing = [name for name in HTTP_SMS_SETTINGS if not getattr(settings, name, "")]
    if backend == "http" and missing:
        return f"SMS_BACKEND is http but {', '.join(missing)} not set."
    return None


def _mfa_problem() -> str | None:
    if not getattr(settings, "STAFF_MFA_REQUIRED", False):
        return "STAFF_MFA_REQUIRED is off: staff could sign in with a password alone."
    return None


PRODUCTION_RULES = (
    ("iop_portal.E001", lambda: _address_problem("ONCALL_EMAIL"), "Crisis alerts go here."),
    (
        "iop_portal.E002",
        lambda: _address_problem("ADMISSIONS_LEAD_EMAIL"),
        "Missed first-contact deadlines are escalated here.",
    ),
    ("iop_portal.E003", _site_url_problem, "Every link in a message starts with it."),
    (
        "iop_portal.E004",
        _email_problem,
        "Use django.core.mail.backends.smtp.EmailBackend or an Anymail backend.",
    ),
    (
        "iop_portal.E005",
        _sms_problem,
        "Set SMS_BACKEND=http with the SMS_* settings, or SMS_ENABLED=false.",
    ),
    (
        "iop_portal.E006",
        lambda: _address_problem("CRISIS_BACKUP_EMAIL") if settings.CRISIS_BACKUP_EMAIL else None,
        "Unacknowledged crisis alerts escalate here; leave it empty to use the group alone.",
    ),
    (
        "iop_portal.E007",
        _mfa_problem,
        "Every staff account holding mental-health records needs a second factor: unset "
        "STAFF_MFA_REQUIRED or set it to true.",
    ),
)


def production_problems() -> list[checks.Error]:
    errors = []
    for check_id, rule, hint in PRODUCTION_RULES:
        problem = rule()
        if problem:
            errors.append(checks.Error(problem, hint=hint, id=check_id))
    return errors


@checks.register(checks.Tags.security, deploy=True)
def production_settings_check(app_configs=None, **kwargs) -> list[checks.Error]:
    return production_problems()
