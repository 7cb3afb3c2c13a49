"""purge_drafts: unfinished screenings untouched for 30 days are deleted; crisis drafts that
staff are working are kept."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from admissions.services.intake import referral_open_for_crisis
from screening.models import ResumeToken, Screening
from screening.services import resume_token_issue
from tests.screening.factories import DraftFactory, submitted

pytestmark = pytest.mark.django_db


def age(screening: Screening, days: int) -> None:
    Screening.objects.filter(pk=screening.pk).update(
        updated_at=timezone.now() - timedelta(days=days)
    )


@pytest.fixture
def drafts():
    stale = DraftFactory(first_name="Stale")
    resume_token_issue(screening=stale)
    recent = DraftFactory(first_name="Recent")
    crisis = DraftFactory(first_name="Crisis")
    referral_open_for_crisis(
        screening=crisis,
        answers={"asq_1": True, "asq_5": True},
        current_step="trauma",
    )
    done = submitted(first_name="Done")
    for screening, days in ((stale, 31), (recent, 29), (crisis, 45), (done, 90)):
        age(screening, days)
    return stale, recent, crisis, done


def run(*args: str) -> str:
    out = StringIO()
    call_command("purge_drafts", *args, stdout=out)
    return out.getvalue()


def test_old_drafts_go_and_everything_else_stays(drafts):
    stale, recent, crisis, done = drafts

    output = run()

    assert not Screening.objects.filter(pk=stale.pk).exists()
    assert not ResumeToken.objects.exists()
    assert set(Screening.objects.values_list("pk", flat=True)) == {recent.pk, crisis.pk, done.pk}
    assert "deleted 1 draft" in output
    assert "kept 1 linked to a crisis referral" in output
    for name in ("Stale", "Recent", "Crisis", "Done", "Robin", "@example.org"):
        assert name not in output


def test_a_dry_run_only_counts(drafts):
    output = run("--dry-run")

    assert "would delete 1 draft" in output
    assert Screening.objects.count() == 4


def test_the_age_can_be_chosen(drafts):
    run("--days", "20")

    assert Screening.objects.filter(status="draft").count() == 1  # only the crisis draft


def test_a_nonsense_age_is_refused():
    with pytest.raises(CommandError):
        call_command("purge_drafts", "--days", "0")


def test_the_help_says_crisis_drafts_are_kept():
    from admissions.management.commands.purge_drafts import Command

    assert "crisis" in Command.help and "kept" in Command.help
