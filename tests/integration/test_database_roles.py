"""The runtime database role (granted by ``manage.py db_grant_app_role``, which the compose
stack's migrate service runs) can work with rows but cannot empty the audit trail, turn its
trigger off, or change or delete its rows."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tests.admissions.factories import make_referral

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
ROLE = "iop_app_under_test"  # created inside the test's transaction, gone after it


@pytest.fixture
def as_app_role(require_postgres):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    call_command("db_grant_app_role", ROLE)

    def run(sql: str, params=()) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL ROLE {ROLE}")
            cursor.execute(sql, params)

    return run


def refused(run, sql: str) -> str:
    with pytest.raises(DatabaseError) as error:
        run(sql)
    return str(error.value)


AUDIT_INSERT = (
    "INSERT INTO audit_auditevent (created_at, actor_label, action, object_type, object_id, "
    "fields, detail) VALUES (now(), 'app', 'view', 'referral', '1', '[]', '')"
)


def test_the_app_role_reads_and_writes_rows(as_app_role):
    referral = make_referral()

    as_app_role("UPDATE admissions_referral SET status = 'contacting' WHERE id = %s", [referral.pk])
    as_app_role(AUDIT_INSERT)
    as_app_role("SELECT count(*) FROM screening_screening")
    as_app_role("DELETE FROM django_session")


def test_the_app_role_cannot_empty_or_unguard_the_audit_trail(as_app_role):
    as_app_role(AUDIT_INSERT)

    assert "permission denied" in refused(as_app_role, "TRUNCATE audit_auditevent")
    assert "must be owner" in refused(
        as_app_role, "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only"
    )
    assert "must be owner" in refused(
        as_app_role, "DROP TRIGGER audit_event_append_only ON audit_auditevent"
    )
    assert "permission denied" in refused(as_app_role, "UPDATE audit_auditevent SET detail = ''")
    assert "permission denied" in refused(as_app_role, "DELETE FROM audit_auditevent")
    assert "permission denied" in refused(as_app_role, "TRUNCATE admissions_referral")
    assert "permission denied" in refused(as_app_role, "DELETE FROM screening_rulesetpublication")


def test_granting_twice_changes_nothing(as_app_role):
    call_command("db_grant_app_role", ROLE)

    assert "permission denied" in refused(as_app_role, "TRUNCATE audit_auditevent")
