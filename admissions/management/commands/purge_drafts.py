"""Delete unfinished screenings nobody has touched for a while (30 days by default)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError, CommandParser

from screening.services import DRAFT_RETENTION

from ...services.draft_purge import screening_purge_drafts


class Command(BaseCommand):
    help = (
        "Delete draft screenings untouched for --days days (default 30), with their resume "
        "links. Drafts whose safety answers raised a crisis and that are linked to a referral "
        "are kept: staff are working them. Prints counts only, never personal details."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=DRAFT_RETENTION.days,
            help="Age in days since the draft was last saved (default %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args, days: int, dry_run: bool, **options) -> None:
        if days < 1:
            raise CommandError("--days must be at least 1.", returncode=2)
        deleted, kept = screening_purge_drafts(older_than=timedelta(days=days), dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {deleted} draft screening(s) untouched for {days} days; "
            f"kept {kept} linked to a crisis referral."
        )
