"""The outbox numbers operations watches, for a cron job or a monitoring probe.

    python manage.py followups_health          # one line of JSON
    python manage.py followups_health --check  # and exit 1 when something needs a person

Counts only: no names, addresses or message text."""

import json

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from admissions.selectors.followups import outbox_health


class Command(BaseCommand):
    help = "Print follow-up delivery health as JSON; --check exits 1 on failed or late sends."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check: bool, **options) -> None:
        now = timezone.now()
        health = outbox_health(now)
        oldest = (now - health.oldest_due).total_seconds() if health.oldest_due else 0
        report = {
            "failed": health.failed,
            "late": health.overdue,
            "pending_due": health.pending_due,
            "oldest_due_seconds": round(oldest),
            "sent_last_day": health.sent_last_day,
        }
        self.stdout.write(json.dumps(report))
        if check and (health.failed or health.overdue):
            raise SystemExit(1)
