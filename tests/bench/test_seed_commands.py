"""The benchmark data generators: seeded referrals must look like intake made them, so the
queue, export and dispatch figures are measured on data the real code would write."""

import io
import random
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from admissions import pipeline
from admissions.management.sample_data import random_answers
from admissions.models import FollowUp, Referral, ReferralScreening
from admissions.services.intake import contact_keys, flags_text
from core import roles
from screening.models import Recommendation, Screening
from screening.scoring import FIRST_CONTACT_HOURS, score_answers, validate_answers
from tests.admissions.factories import make_staff

pytestmark = pytest.mark.django_db


def seed(count: int, **options) -> str:
    out = io.StringIO()
    call_command("seed_referrals", count=count, pool=40, stdout=out, **options)
    return out.getvalue()


def assert_consistent_with_engine(referral: Referral) -> None:
    screening = referral.latest_screening
    assert screening.status == Screening.Status.SUBMITTED
    assert screening.submitted_at is not None
    assert ReferralScreening.objects.filter(referral=referral, screening=screening).exists()
    result = score_answers(screening.answers)
    stored = Recommendation.objects.get(screening=screening)
    assert (stored.level, stored.urgency, stored.crisis, stored.composite) == (
        result.level,
        result.urgency,
        result.crisis,
        result.composite,
    )
    assert stored.flags == result.flags
    assert stored.domains == result.domains
    assert (referral.level, referral.urgency, referral.crisis) == (
        result.level,
        result.urgency,
        result.crisis,
    )
    assert referral.flags_text == flags_text(result.flags)
    assert (referral.email_key, referral.phone_key) == contact_keys(
        email=referral.email, phone=referral.phone
    )
    hours = FIRST_CONTACT_HOURS[result.urgency]
    assert referral.due_at - referral.created_at == timedelta(hours=hours)
    assert referral.created_at <= timezone.now()
    if referral.reached_at is not None:
        assert referral.deadline_met == (referral.reached_at <= referral.due_at)
    else:
        assert referral.deadline_met is None
    if referral.first_attempt_at is None:
        assert referral.status == Referral.Status.NEW


def test_random_answer_sets_are_all_valid_and_span_every_level():
    rng = random.Random(5)
    levels = set()
    for _ in range(600):
        answers = random_answers(rng)
        validate_answers(answers)  # raises on any invalid or missing answer
        levels.add(score_answers(answers).level)
    assert levels == {"outpatient", "iop", "php", "inpatient"}


def test_seed_referrals_writes_referrals_that_match_the_scoring_engine():
    make_staff(roles.ADMISSIONS)
    output = seed(60, batch=25)

    assert "Seeded 60 referrals" in output
    assert Referral.objects.count() == 60
    assert Screening.objects.count() == Recommendation.objects.count() == 60
    for referral in Referral.objects.select_related("latest_screening"):
        assert_consistent_with_engine(referral)
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses <= set(Referral.Status.values)
    assert len(statuses) >= 3  # spread over the pipeline, not all "new"


def test_seed_referrals_adds_to_what_is_there():
    seed(10)
    seed(15, seed=7)
    assert Referral.objects.count() == 25
    assert len(set(Screening.objects.values_list("public_id", flat=True))) == 25


def test_seed_referrals_assigns_only_staff_who_can_see_referrals():
    worker = make_staff(roles.ADMISSIONS)
    catalog_only = make_staff(roles.PROGRAM_ADMIN)
    seed(80)
    assignees = set(Referral.objects.values_list("assigned_to", flat=True))
    assert worker.pk in assignees
    assert catalog_only.pk not in assignees


def test_seed_followups_makes_due_pending_rows_and_skips_existing_keys():
    make_staff(roles.ADMISSIONS)
    seed(300)
    call_command("seed_followups", count=20, stdout=io.StringIO())
    call_command("seed_followups", count=10, stdout=io.StringIO())

    rows = FollowUp.objects.all()
    assert rows.count() == 30
    assert len(set(rows.values_list("dedupe_key", flat=True))) == 30
    now = timezone.now()
    for followup in rows.select_related("referral"):
        assert followup.status == FollowUp.Status.PENDING
        assert followup.scheduled_for <= now
        assert followup.referral.status in pipeline.OPEN


def test_seed_followups_refuses_when_there_are_too_few_open_referrals():
    with pytest.raises(CommandError, match="seed more open referrals"):
        call_command("seed_followups", count=5, stdout=io.StringIO())
    assert not FollowUp.objects.exists()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_seed_referrals_copy_path_on_postgres(require_postgres, monkeypatch):
    """On PostgreSQL, outside a transaction, the rows go in with COPY from a second
    connection; they must read back as Django would have written them (JSON, booleans, nulls,
    time zones, quotes)."""
    from admissions.management.commands import seed_referrals

    def no_bulk_create(self, rows):
        raise AssertionError("the COPY writer should have been used")

    monkeypatch.setattr(seed_referrals.BulkWriter, "write", no_bulk_create)
    assert connection.vendor == "postgresql"
    make_staff(roles.ADMISSIONS)
    seed(120, batch=50)
    assert Referral.objects.count() == 120
    for referral in Referral.objects.select_related("latest_screening"):
        assert_consistent_with_engine(referral)
    # New rows after COPY get fresh ids from the same sequences.
    before = Referral.objects.order_by("-pk").first().pk
    seed(1)
    assert Referral.objects.order_by("-pk").first().pk > before


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_large_load_rebuilds_the_indexes_it_dropped_and_leaves_the_session_alone(
    require_postgres,
):
    """A load at least ``--rebuild-indexes-from`` referrals drops the tables' plain indexes
    and builds them again after, from their own definitions; the forked builders' session
    settings (no FK triggers) never reach the caller's connection."""
    from admissions.management.commands import seed_referrals

    def indexes() -> set[tuple[str, str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)",
                [seed_referrals._tables()],
            )
            return set(cursor.fetchall())

    make_staff(roles.ADMISSIONS)
    before = indexes()
    out = seed(90, batch=30, jobs=2, rebuild_indexes_from=50)
    assert "Rebuilt" in out
    assert indexes() == before
    assert Referral.objects.count() == 90
    for referral in Referral.objects.select_related("latest_screening"):
        assert_consistent_with_engine(referral)
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
    seed(10, rebuild_indexes_from=50)  # fewer than asked for: the indexes stay as they are
    assert indexes() == before
