import os

from django.apps import AppConfig


class BaselineAppConfig(AppConfig):
    name = "bench.baseline_app"
    label = "bench_baseline"
    verbose_name = "Benchmark baseline"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Reproduces the "before" of the follow-up batching fix (bench/profiles.md) in the
        # served app; never set outside a benchmark.
        if os.environ.get("BENCH_BEFORE_FOLLOWUP_BATCHING") == "1":
            from admissions.services import intake
            from bench.ab_followups import one_by_one_new_referral

            intake.followups_for_new_referral = one_by_one_new_referral
