"""The "Admissions lead" group: like "On call", a notification list holding no permissions.
Its members receive missed first-contact deadline escalations (settings.ADMISSIONS_LEAD_EMAIL
when it is empty)."""

from django.db import migrations

NAME = "Admissions lead"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=NAME)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admissions", "0004_followup_outbox_fields"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
