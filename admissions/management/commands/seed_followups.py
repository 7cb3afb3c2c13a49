"""Seed follow-ups that are due now, for the dispatch benchmark.

    python manage.py seed_followups --count 10000

Open referrals that consented to contact get their confirmation (by the channel they would
get it on); the rest of the count is new-referral alerts to admissions staff. Rows are
pending and due a minute ago; nothing is published to the broker (the dispatcher, or the
benchmark, wakes them). Existing dedupe keys are skipped, so it can be run again.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from admissions import pipeline
from admissions.models import FollowUp, Referral
from admissions.selectors.staff import staff_in_group
from admissions.services.followups import applicant_channel
from core import roles


class Command(BaseCommand):
    help = "Seed pending follow-ups that are due now (benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1000)

    def handle(self, *args, count: int, **options) -> None:
        due = timezone.now() - timedelta(minutes=1)
        staff = list(staff_in_group(roles.ADMISSIONS)[:10])
        taken = set(FollowUp.objects.values_list("dedupe_key", flat=True))
        rows: list[FollowUp] = []
        open_referrals = list(
            Referral.objects.filter(status__in=pipeline.OPEN).order_by("-id")[: count * 2]
        )
        for referral in open_referrals:  # applicants first: their confirmations
            channel = applicant_channel(referral)
            key = f"confirmation:referral:{referral.pk}"
            if channel and key not in taken and len(rows) < count:
                rows.append(self._row(referral, "confirmation", channel, key, None, due))
        for referral in open_referrals:  # then alerts to staff, to make up the count
            for user in staff:
                key = f"new_referral_alert:referral:{referral.pk}:user:{user.pk}"
                if key not in taken and len(rows) < count:
                    rows.append(self._row(referral, "new_referral_alert", "email", key, user, due))
        if len(rows) < count:
            raise CommandError(
                f"only {len(rows)} follow-ups could be made; seed more open referrals first"
            )
        with transaction.atomic():
            FollowUp.objects.bulk_create(rows[:count], batch_size=2000)
        self.stdout.write(self.style.SUCCESS(f"Seeded {count} due follow-ups."))

    @staticmethod
    def _row(referral, kind, channel, key, user, due) -> FollowUp:
        return FollowUp(
            referral=referral,
            kind=kind,
            channel=channel,
            recipient_user=user,
            dedupe_key=key,
            scheduled_for=due,
        )
