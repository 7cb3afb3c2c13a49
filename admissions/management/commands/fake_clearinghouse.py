"""Run the local fake clearinghouse (admissions/eligibility/fake_clearinghouse.py)."""

import time

from django.core.management.base import BaseCommand

from admissions.eligibility.fake_clearinghouse import serve


class Command(BaseCommand):
    help = "Answer X12 270 eligibility inquiries locally (development and tests only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8990)

    def handle(self, *args, host: str, port: int, **options) -> None:
        server = serve(host, port)
        bound = server.server_address[1]
        self.stdout.write(f"Fake clearinghouse on http://{host}:{bound}/ (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            server.shutdown()
