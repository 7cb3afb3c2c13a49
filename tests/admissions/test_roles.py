"""The roles exist in every database (a data migration makes them) with least privilege."""

import pytest
from django.contrib.auth.models import Group

from core import roles
from tests.admissions.factories import make_staff

pytestmark = pytest.mark.django_db


def _codes(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


@pytest.mark.parametrize("name", [*roles.ROLES, roles.ON_CALL])
def test_each_role_group_holds_exactly_its_documented_permissions(name):
    assert _codes(Group.objects.get(name=name)) == set(roles.ROLE_PERMISSIONS[name])


def test_only_clinicians_can_override_and_clinicians_cannot_work_the_queue():
    clinician = make_staff(roles.CLINICIAN)
    others = [make_staff(r) for r in (roles.ADMISSIONS, roles.PROGRAM_ADMIN, roles.ADMINISTRATOR)]

    assert clinician.has_perm(roles.OVERRIDE_LEVEL)
    assert not clinician.has_perm(roles.WORK_REFERRAL)
    assert not any(user.has_perm(roles.OVERRIDE_LEVEL) for user in others)


def test_program_admins_see_no_referral_and_only_administrators_see_the_audit_trail():
    program_admin = make_staff(roles.PROGRAM_ADMIN)
    admin = make_staff(roles.ADMINISTRATOR)

    assert program_admin.has_perm("programs.manage_catalog")
    assert not program_admin.has_perm(roles.VIEW_REFERRAL)
    assert admin.has_perm(roles.VIEW_AUDIT) and admin.has_perm(roles.EXPORT_REFERRALS)
    for role in (roles.ADMISSIONS, roles.CLINICIAN, roles.PROGRAM_ADMIN):
        user = make_staff(role)
        assert not user.has_perm(roles.VIEW_AUDIT)
        assert not user.has_perm(roles.EXPORT_REFERRALS)
