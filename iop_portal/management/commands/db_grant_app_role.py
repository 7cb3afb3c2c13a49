"""Give the application's runtime database role exactly what it needs, after ``migrate``.

Run as the owner role (the one that ran the migrations). The runtime role may read and
write rows, and nothing more: it owns no table, so it cannot ``ALTER TABLE`` (drop or disable
the audit trail's trigger) or ``TRUNCATE``; and on the append-only tables it may only read and
insert. Idempotent: the compose stack's ``migrate`` service runs it on every deploy."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

APPEND_ONLY_TABLES = ("audit_auditevent", "screening_rulesetpublication")


def grant_statements(role: str) -> list[str]:
    quoted = connection.ops.quote_name(role)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {quoted}",
    ]
    statements += [
        f"REVOKE UPDATE, DELETE ON {connection.ops.quote_name(table)} FROM {quoted}"
        for table in APPEND_ONLY_TABLES
    ]
    return statements


class Command(BaseCommand):
    help = "Grant the runtime role row access (no TRUNCATE, no DDL, append-only audit)."

    def add_arguments(self, parser):
        parser.add_argument("role", help="the runtime role, e.g. iop_app")

    def handle(self, *args, role: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError("database roles are a PostgreSQL deployment concern")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"no such role: {role}")
            for statement in grant_statements(role):
                cursor.execute(statement)
        self.stdout.write(f"{role}: row access granted; append-only tables insert-only.")
