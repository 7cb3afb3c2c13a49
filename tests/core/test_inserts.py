"""``core.inserts.insert_together``: new rows of several tables in one statement on
PostgreSQL (one INSERT per run of one table's rows elsewhere), written as ``save()`` writes
them."""

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext

from admissions.models import Referral, StatusChange
from audit.models import AuditEvent
from core.inserts import insert_if_updated, insert_together, next_id_sql
from tests.admissions.factories import make_referral, make_screening

pytestmark = pytest.mark.django_db


def _rows(referral: Referral) -> list:
    return [
        StatusChange(referral=referral, from_status="new", to_status="contacted", reason="r1"),
        AuditEvent(
            action=AuditEvent.Action.CHANGE,
            actor_label="test",
            object_type="referral",
            object_id=str(referral.pk),
            fields=["status", "assigned_to"],
            detail="d1",
        ),
        StatusChange(referral=referral, from_status="contacted", to_status="closed", reason="r2"),
    ]


def test_rows_of_several_tables_are_written_as_save_writes_them():
    referral = make_referral()
    rows = _rows(referral)

    with CaptureQueriesContext(connection) as captured:
        insert_together(rows)

    assert len(captured) == (1 if connection.vendor == "postgresql" else len(rows))
    first, event, second = rows
    assert first.pk and event.pk and second.pk and first.pk != second.pk
    assert not any(row._state.adding for row in rows)
    stored = StatusChange.objects.get(pk=first.pk)
    assert (stored.referral_id, stored.from_status, stored.to_status, stored.reason) == (
        referral.pk,
        "new",
        "contacted",
        "r1",
    )
    assert stored.created_at == first.created_at is not None  # auto_now_add filled
    stored_event = AuditEvent.objects.get(pk=event.pk)
    assert stored_event.fields == ["status", "assigned_to"]  # JSON as saved
    assert (stored_event.object_id, stored_event.detail) == (str(referral.pk), "d1")


def test_elsewhere_each_run_of_one_tables_rows_is_one_statement():
    referral = make_referral()
    first, event, second = _rows(referral)
    rows = [first, second, event]  # two status changes in a run, then the event

    with CaptureQueriesContext(connection) as captured:
        insert_together(rows)

    assert len(captured) == (1 if connection.vendor == "postgresql" else 2)
    assert all(row.pk for row in rows) and first.pk != second.pk
    assert list(
        StatusChange.objects.filter(pk__in=[first.pk, second.pk])
        .order_by("pk")
        .values_list("reason", flat=True)
    ) == ["r1", "r2"]
    assert AuditEvent.objects.get(pk=event.pk).detail == "d1"


def test_nothing_to_write_makes_no_statement():
    with CaptureQueriesContext(connection) as captured:
        insert_together([])

    assert len(captured) == 0


def test_a_model_with_a_save_receiver_is_saved_as_usual():
    referral = make_referral()
    heard = []

    def receiver(sender, instance, **kwargs):
        heard.append(instance.reason)

    pre_save.connect(receiver, sender=StatusChange, dispatch_uid="test_inserts")
    try:
        insert_together(_rows(referral))
    finally:
        pre_save.disconnect(sender=StatusChange, dispatch_uid="test_inserts")

    assert heard == ["r1", "r2"]  # nothing listening is skipped
    assert StatusChange.objects.filter(referral=referral, reason__in=["r1", "r2"]).count() == 2


def test_an_id_allocated_beforehand_is_used_and_its_children_refer_to_it(require_postgres):
    screening, _ = make_screening()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {next_id_sql(Referral)}")
        (allocated,) = cursor.fetchone()
    referral = Referral(
        pk=allocated,
        first_name="Ana",
        last_name="Diaz",
        latest_screening=screening,
        level="iop",
        urgency="routine",
        due_at=screening.submitted_at,
    )
    change = StatusChange(referral=referral, from_status="", to_status="new")

    with CaptureQueriesContext(connection) as captured:
        insert_together([referral, change])

    assert len(captured) == 1
    assert referral.pk == allocated
    assert StatusChange.objects.get(pk=change.pk).referral_id == allocated
    assert Referral.objects.get(pk=allocated).first_name == "Ana"
    later = make_referral()
    assert later.pk > allocated  # the sequence moved past it: no id is handed out twice


def test_a_row_is_inserted_only_when_the_update_changed_one():
    referral = make_referral()
    current = Referral.objects.filter(pk=referral.pk, status=referral.status)
    change = StatusChange(referral=referral, from_status=referral.status, to_status="contacted")

    with CaptureQueriesContext(connection) as captured:
        assert insert_if_updated(current, {"status": "contacted"}, change)

    assert len(captured) == (1 if connection.vendor == "postgresql" else 2)
    assert Referral.objects.get(pk=referral.pk).status == "contacted"
    stored = StatusChange.objects.get(pk=change.pk)
    assert (stored.referral_id, stored.to_status) == (referral.pk, "contacted")
    assert stored.created_at == change.created_at is not None and not change._state.adding

    stale = StatusChange(referral=referral, from_status=referral.status, to_status="closed")
    assert not insert_if_updated(current, {"status": "closed"}, stale)  # no longer that row
    assert stale.pk is None
    assert not StatusChange.objects.filter(referral=referral, to_status="closed").exists()
    assert Referral.objects.get(pk=referral.pk).status == "contacted"
