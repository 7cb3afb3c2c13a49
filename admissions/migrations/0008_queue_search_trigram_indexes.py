"""PostgreSQL only: trigram indexes so the queue's search (name, email, phone — "contains",
case-insensitive for names) uses an index instead of reading every referral. The expressions
match what Django generates for ``icontains`` (UPPER(col::text) LIKE UPPER(...)) and
``contains``. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create
it. Other databases skip this migration's work."""

from django.db import migrations

INDEXES = {
    "referral_first_name_trgm": 'UPPER("first_name"::text) gin_trgm_ops',
    "referral_last_name_trgm": 'UPPER("last_name"::text) gin_trgm_ops',
    "referral_email_key_trgm": '"email_key" gin_trgm_ops',
    "referral_phone_key_trgm": '"phone_key" gin_trgm_ops',
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "admissions_referral" '
            f"USING gin (({expression.rsplit(' ', 1)[0]}) {expression.rsplit(' ', 1)[1]})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("admissions", "0007_referral_status_queue_index")]

    operations = [migrations.RunPython(create, drop)]
