from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "iop_portal"
    verbose_name = "IOP portal"

    def ready(self) -> None:
        import core.lookups  # noqa: F401 - registers the overflow-safe integer __in lookup

        from . import checks  # noqa: F401 - registers the deployment checks
