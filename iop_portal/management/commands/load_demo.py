"""Loads the demo data every app offers (programs, staff logins, ...). Safe to run again."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load demo data: each installed project app's demo.load(). Idempotent."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if not config.path.startswith(str(self._project_root())):
                continue
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            # Each loader owns its transactions: messages queued on commit must be sent
            # while the loader is still in charge (the demo applicants' go to memory).
            import_module(module_name).load(stdout=self.stdout, style=self.style)

    @staticmethod
    def _project_root():
        from django.conf import settings

        return settings.BASE_DIR
