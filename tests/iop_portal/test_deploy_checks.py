"""The deployment checks one by one: each misconfiguration a production stack could start
with, reported by ``check --deploy`` with its own id; a complete configuration passes."""

import pytest

from iop_portal.checks import production_problems

GOOD = {
    "ONCALL_EMAIL": "oncall@harborlight.health",
    "ADMISSIONS_LEAD_EMAIL": "lead@harborlight.health",
    "SITE_URL": "https://intake.harborlight.health",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SMS_ENABLED": True,
    "SMS_BACKEND": "http",
    "SMS_API_URL": "https://sms.provider.test/2010-04-01",
    "SMS_ACCOUNT_SID": "AC123",
    "SMS_AUTH_TOKEN": "token",
    "SMS_FROM_NUMBER": "+15550100199",
}


@pytest.fixture
def configured(settings):
    for name, value in GOOD.items():
        setattr(settings, name, value)
    return settings


def ids(settings) -> list[str]:
    return [error.id for error in production_problems()]


def test_a_complete_production_configuration_passes(configured):
    assert ids(configured) == []


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("ONCALL_EMAIL", "", "iop_portal.E001"),
        ("ONCALL_EMAIL", "oncall@example.org", "iop_portal.E001"),
        ("ONCALL_EMAIL", "on call team", "iop_portal.E001"),
        ("ONCALL_EMAIL", "oncall@clinic.test", "iop_portal.E001"),
        ("ADMISSIONS_LEAD_EMAIL", "admissions-lead@example.org", "iop_portal.E002"),
        ("ADMISSIONS_LEAD_EMAIL", "lead@localhost", "iop_portal.E002"),
        ("SITE_URL", "http://127.0.0.1:8000", "iop_portal.E003"),
        ("SITE_URL", "http://intake.harborlight.health", "iop_portal.E003"),
        ("SITE_URL", "https://intake.example.org", "iop_portal.E003"),
        ("SITE_URL", "https://localhost", "iop_portal.E003"),
        ("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend", "iop_portal.E004"),
        ("EMAIL_BACKEND", "admissions.messaging.console.ConsoleEmailBackend", "iop_portal.E004"),
        ("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend", "iop_portal.E004"),
        ("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend", "iop_portal.E004"),
        ("SMS_BACKEND", "console", "iop_portal.E005"),
        ("SMS_BACKEND", "locmem", "iop_portal.E005"),
        ("SMS_AUTH_TOKEN", "", "iop_portal.E005"),
        ("CRISIS_BACKUP_EMAIL", "crisis-backup@example.org", "iop_portal.E006"),
    ],
)
def test_each_misconfiguration_is_reported_with_its_own_id(configured, name, value, check_id):
    setattr(configured, name, value)

    assert ids(configured) == [check_id]


def test_a_console_sms_backend_is_fine_when_sms_is_off(configured):
    configured.SMS_ENABLED = False
    configured.SMS_BACKEND = "console"

    assert ids(configured) == []


def test_an_anymail_backend_counts_as_delivering_email(configured):
    configured.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"

    assert ids(configured) == []


def test_the_checks_run_only_with_deploy(configured):
    from django.core import checks

    configured.ONCALL_EMAIL = "oncall@example.org"

    plain = {e.id for e in checks.run_checks()}
    deploy = {e.id for e in checks.run_checks(include_deployment_checks=True)}
    assert "iop_portal.E001" not in plain
    assert "iop_portal.E001" in deploy


def test_multi_factor_sign_in_turned_off_fails_the_deploy_check(configured):
    configured.STAFF_MFA_REQUIRED = False

    assert ids(configured) == ["iop_portal.E007"]


def test_production_settings_require_multi_factor_sign_in_and_hide_the_admin():
    import importlib
    import os
    from unittest import mock

    from tests.production_env import PRODUCTION_ENV

    with mock.patch.dict(os.environ, PRODUCTION_ENV):
        os.environ.pop("STAFF_MFA_REQUIRED", None)
        os.environ.pop("DJANGO_ADMIN_ENABLED", None)
        import iop_portal.settings.prod as prod

        prod = importlib.reload(prod)
    assert prod.STAFF_MFA_REQUIRED is True
    assert prod.DJANGO_ADMIN_ENABLED is False
