"""The audit trail is guarded by the audit app's own permission, ``audit.view_auditevent``,
instead of ``admissions.view_audit``: every group (and user) that held the old one gets the
new one, and the old one is deleted. A frozen copy: later changes need a new migration."""

from django.db import migrations

OLD = ("admissions", "view_audit")
NEW = ("audit", "view_auditevent")


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()


def _ensure_created(apps, app_label):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; make sure they exist now.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def _move(apps, source, target):
    if source is None or target is None:
        return
    for group in source.group_set.all():
        group.permissions.add(target)
    for user in source.user_set.all():
        user.user_permissions.add(target)


def forwards(apps, schema_editor):
    _ensure_created(apps, "audit")
    old = _permission(apps, *OLD)
    _move(apps, old, _permission(apps, *NEW))
    if old is not None:
        old.delete()


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    referral_type, _ = ContentType.objects.get_or_create(app_label="admissions", model="referral")
    old, _ = Permission.objects.get_or_create(
        content_type=referral_type,
        codename=OLD[1],
        defaults={"name": "Can browse the audit trail"},
    )
    new = _permission(apps, *NEW)
    _move(apps, new, old)
    if new is not None:
        for group in new.group_set.all():
            group.permissions.remove(new)


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0009_administrator_publishes_rule_sets"),
        ("audit", "0002_append_only_trigger"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterModelOptions(
            name="referral",
            options={
                "ordering": ["-crisis", "due_at"],
                "permissions": [
                    ("work_referral", "Can work referrals: contact, assign, notes, status"),
                    ("override_level", "Can override the recommended level of care"),
                    ("export_referrals", "Can export the referral queue as CSV"),
                ],
            },
        ),
    ]
