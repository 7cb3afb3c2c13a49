from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - session records, audited admin changes


class SuperuserAdminConfig(AdminConfig):
    """``django.contrib.admin`` with a site only superusers may use (``admin_site.py``)."""

    default_site = "accounts.admin_site.SuperuserAdminSite"
