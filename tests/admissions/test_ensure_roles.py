import pytest
from django.contrib.auth.models import Group

from core import roles

pytestmark = pytest.mark.django_db


def test_ensure_roles_recreates_missing_groups_and_repairs_permissions():
    Group.objects.filter(name=roles.CLINICIAN).delete()
    admissions = Group.objects.get(name=roles.ADMISSIONS)
    admissions.permissions.clear()

    roles.ensure_roles()

    for name, codes in roles.ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(codes)
