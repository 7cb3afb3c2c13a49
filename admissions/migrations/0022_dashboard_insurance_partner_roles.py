"""The intake metrics dashboard (``admissions.view_dashboard``: administrators and the
Admissions lead list), insurance verification (``admissions.verify_insurance``: admissions
staff and administrators) and the partner links (``screening.*_referralpartner``:
administrators). A frozen copy of core/roles.py at this point: later changes need a new
migration."""

from django.db import migrations

GRANTS = {
    "Administrator": (
        ("admissions", "view_dashboard"),
        ("admissions", "verify_insurance"),
        ("screening", "view_referralpartner"),
        ("screening", "add_referralpartner"),
        ("screening", "change_referralpartner"),
    ),
    "Admissions lead": (("admissions", "view_dashboard"),),
    "Admissions": (("admissions", "verify_insurance"),),
}


def _ensure_permissions(apps):
    from django.contrib.auth.management import create_permissions

    for label in ("admissions", "screening"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in codes:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in codes:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0021_referral_source_and_insurance_verification"),
        ("screening", "0007_referral_partners_and_source"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
