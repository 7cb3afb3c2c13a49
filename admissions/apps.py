from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "admissions"
    verbose_name = "Admissions"

    def ready(self) -> None:
        # Register the tasks in this process too: ``admissions.wake`` finds them by name.
        from . import tasks  # noqa: F401
