from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "iop_portal"
    verbose_name = "IOP portal"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deployment checks
