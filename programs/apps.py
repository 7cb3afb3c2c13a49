from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Programs"

    def ready(self) -> None:
        from .referral_section import register

        register()  # "Program matches" on the staff referral page
