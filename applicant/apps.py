from django.apps import AppConfig


class ApplicantConfig(AppConfig):
    """What the public sees: the screener wizard and its pages. The top layer: it composes
    ``screening``, ``admissions`` and ``programs``, and nothing imports it."""

    name = "applicant"
    verbose_name = "Applicant"
