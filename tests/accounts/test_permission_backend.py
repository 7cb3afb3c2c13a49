"""The portal's model backend reads a staff member's permissions and role names in one
query, and decides exactly what Django's ModelBackend decides."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from accounts.backends import PortalModelBackend, role_names
from core import roles
from tests.admissions.factories import make_staff

pytestmark = pytest.mark.django_db


def _fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def _same_as_django(user) -> None:
    ours, django = PortalModelBackend(), ModelBackend()
    mine, theirs = _fresh(user), _fresh(user)
    assert ours.get_all_permissions(mine) == django.get_all_permissions(theirs)
    assert ours.get_user_permissions(mine) == django.get_user_permissions(theirs)
    assert ours.get_group_permissions(mine) == django.get_group_permissions(theirs)


def test_group_and_own_permissions_and_role_names_in_one_query(django_assert_num_queries):
    user = make_staff(roles.ADMISSIONS, groups=[roles.CLINICIAN])
    user.user_permissions.add(Permission.objects.get(codename="export_referrals"))
    user = _fresh(user)

    with django_assert_num_queries(1):
        assert user.has_perm("admissions.view_referral")  # from a group
        assert user.has_perm("admissions.export_referrals")  # their own
        assert not user.has_perm("accounts.change_user")
        assert role_names(user) == sorted([roles.ADMISSIONS, roles.CLINICIAN])
        assert user.has_perm("admissions.override_level")

    _same_as_django(user)


def test_the_same_decisions_as_django_for_every_kind_of_user():
    plain = make_staff(None)
    inactive = make_staff(roles.ADMINISTRATOR, is_active=False)
    superuser = make_staff(None, is_superuser=True)
    for user in (plain, inactive, superuser, make_staff(roles.PROGRAM_ADMIN)):
        _same_as_django(user)
    assert not PortalModelBackend().get_all_permissions(_fresh(inactive))
    assert _fresh(superuser).has_perm("admissions.view_referral")
    assert role_names(_fresh(plain)) == []


def test_role_names_without_a_permission_check_read_the_groups():
    user = make_staff(roles.CLINICIAN, groups=[roles.ON_CALL])
    Group.objects.get_or_create(name="Not a portal role")[0].user_set.add(user)
    assert roles.CLINICIAN in role_names(_fresh(user))
    assert role_names(_fresh(user)) == sorted(_fresh(user).groups.values_list("name", flat=True))


def test_the_staff_header_shows_the_role_names(signed_in):
    user = make_staff(roles.ADMISSIONS, groups=[roles.CLINICIAN])
    page = signed_in(user).get("/staff/referrals/").content.decode()
    assert ", ".join(sorted([roles.ADMISSIONS, roles.CLINICIAN])) in page


def test_the_query_compiled_once_reads_each_persons_own_access():
    from accounts.backends import STAND_IN_ID, _access

    first = _fresh(make_staff(roles.ADMISSIONS))
    second = _fresh(make_staff(roles.CLINICIAN))

    assert first.has_perm("admissions.work_referral")
    assert not second.has_perm("admissions.work_referral")
    assert role_names(first) == [roles.ADMISSIONS] and role_names(second) == [roles.CLINICIAN]
    statement = _access()
    assert STAND_IN_ID in statement.params  # a parameter, not SQL text
    assert str(STAND_IN_ID) not in statement.sql


def test_the_signed_in_person_is_read_as_django_reads_them():
    user = make_staff(roles.ADMISSIONS)
    ours, django = PortalModelBackend(), ModelBackend()

    found = ours.get_user(user.pk)
    expected = django.get_user(user.pk)
    fields = [field.attname for field in get_user_model()._meta.concrete_fields]
    assert [getattr(found, f) for f in fields] == [getattr(expected, f) for f in fields]
    assert found._state.adding is False and found._state.db == "default"
    assert ours.get_user(str(user.pk)).pk == user.pk  # as a session stores it

    user.is_active = False
    user.save(update_fields=["is_active"])
    assert ours.get_user(user.pk) is None is django.get_user(user.pk)
    assert ours.get_user(10**9) is None
    assert ours.get_user("not-an-id") is None
