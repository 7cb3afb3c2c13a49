from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "admissions"
    verbose_name = "Admissions"

    def ready(self) -> None:
        from .offer_section import register

        register()  # "Program matches" on the referral page (programs never imports admissions)
