"""Staff roles: the groups and the permissions each holds (see core/roles.py and
docs/security.md). A frozen copy: later changes to roles need a new migration."""

from django.db import migrations

ROLES = {
    "Admissions": [
        "admissions.view_referral",
        "admissions.work_referral",
        "admissions.add_note",
        "admissions.view_followup",
        "admissions.change_followup",
    ],
    "Clinician": [
        "admissions.view_referral",
        "admissions.add_note",
        "admissions.override_level",
    ],
    "Program admin": [
        "programs.manage_catalog",
        "programs.view_program",
        "programs.add_program",
        "programs.change_program",
        "programs.view_session",
        "programs.add_session",
        "programs.change_session",
        "programs.delete_session",
        "programs.view_insuranceplan",
        "programs.add_insuranceplan",
        "programs.change_insuranceplan",
    ],
    "Administrator": [
        "admissions.view_referral",
        "admissions.work_referral",
        "admissions.add_note",
        "admissions.view_audit",
        "admissions.export_referrals",
        "admissions.view_followup",
        "admissions.change_followup",
        "admissions.view_deadlinepolicy",
        "admissions.change_deadlinepolicy",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
    ],
    "On call": [],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; make sure they exist now.
    for label in ("auth", "admissions", "programs"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0002_queue_indexes_export_permission"),
        ("programs", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
