"""Clinicians respond to crises (``admissions.respond_crisis``: acknowledge an alert, record
an episode's outcome and a safety assessment), and the "Crisis backup" group: like "On call",
a notification list holding no permissions, which receives unacknowledged crisis alerts'
escalations (settings.CRISIS_BACKUP_EMAIL when it is empty). A frozen copy of
core/roles.py at this point: later changes need a new migration."""

from django.db import migrations

CLINICIAN = "Clinician"
BACKUP_GROUP = "Crisis backup"
PERMISSION = ("admissions", "respond_crisis")


def _ensure_permission(apps):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("admissions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    _ensure_permission(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get_or_create(name=BACKUP_GROUP)
    clinician, _ = Group.objects.get_or_create(name=CLINICIAN)
    app_label, codename = PERMISSION
    clinician.permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=BACKUP_GROUP).delete()
    app_label, codename = PERMISSION
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    clinician = Group.objects.filter(name=CLINICIAN).first()
    if permission is not None and clinician is not None:
        clinician.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0016_crisis_episodes_and_cosign"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
