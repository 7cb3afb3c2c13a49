"""The integration tier: real PostgreSQL, real Redis, a real Celery worker process."""

import pytest
from django.core.management import call_command
from django.db import connection

from audit.models import AuditEvent

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_migrations_apply_and_the_orm_round_trips_on_postgresql(require_postgres):
    call_command("migrate", "--check", verbosity=0)  # no unapplied migrations
    assert connection.vendor == "postgresql"

    event = AuditEvent.objects.create(
        action=AuditEvent.Action.VIEW, object_type="referral", object_id="1", fields=["status"]
    )
    event.refresh_from_db()
    assert event.fields == ["status"]
    assert AuditEvent.objects.filter(fields__contains=["status"]).count() == 1


@pytest.mark.django_db
def test_postgres_enforces_program_capacity_constraint(require_postgres):
    from django.db import IntegrityError, transaction

    from programs.models import Program

    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.create(
            name="Overfull",
            slug="overfull",
            description="-",
            level="iop",
            population="adult",
            focus="mental_health",
            modality="telehealth",
            capacity=1,
            enrolled=2,
        )
    assert Program.objects.count() == 0


def test_a_task_travels_through_redis_to_a_real_worker(celery_worker_process):
    from iop_portal.celery import ping

    worker = celery_worker_process()
    result = ping.apply_async(args=[41], ignore_result=False)

    assert result.get(timeout=20) == 42
    assert "iop_portal.ping" in worker.log.read_text()
