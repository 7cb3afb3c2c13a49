"""Django's model backend, reading a staff member's permissions and role names in one
query instead of three (their own permissions, their groups' permissions, and the groups'
names the staff header shows). Every staff page checks a permission, so this is one query
saved twice on every page. What it decides is exactly what ``ModelBackend`` decides: the
same rows, the same inactive, anonymous, object and superuser rules."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.models import CharField, Value

USER, GROUP, ROLE = "user", "group", "role"


def _rows(user):
    kind = CharField()
    own = Permission.objects.filter(user=user).values_list(
        Value(USER, output_field=kind), "content_type__app_label", "codename"
    )
    groups = Permission.objects.filter(group__user=user).values_list(
        Value(GROUP, output_field=kind), "content_type__app_label", "codename"
    )
    names = Group.objects.filter(user=user).values_list(
        Value(ROLE, output_field=kind), Value("", output_field=kind), "name"
    )
    return own.order_by().union(groups.order_by(), names.order_by(), all=True)


STAND_IN_ID = -424242
"""The user id the query is compiled with, replaced by the real one on each use."""


@cache
def _rows_sql() -> tuple[str, tuple]:
    """``_rows``' SQL, compiled once per process (compiling it cost as much as running it):
    every parameter but the stand-in user id is a constant."""
    stand_in = get_user_model()(pk=STAND_IN_ID)
    sql, params = _rows(stand_in).query.sql_with_params()
    return sql, tuple(params)


def _access_rows(user) -> list[tuple[str, str, str]]:
    sql, params = _rows_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk if p == STAND_IN_ID else p for p in params])
        return cursor.fetchall()


def load_access(user) -> None:
    """Fill the caches ``ModelBackend`` keeps on the user (``_user_perm_cache``,
    ``_group_perm_cache``, ``_perm_cache``) and ``_role_names``, with one query."""
    found = {USER: set(), GROUP: set()}
    roles = []
    for kind, app_label, codename in _access_rows(user):
        if kind == ROLE:
            roles.append(codename)
        else:
            found[kind].add(f"{app_label}.{codename}")
    user._user_perm_cache = found[USER]
    user._group_perm_cache = found[GROUP]
    user._perm_cache = found[USER] | found[GROUP]
    user._role_names = sorted(roles)


def role_names(user) -> list[str]:
    """The names of the groups the user is in, sorted (read with the permissions when the
    backend has already loaded them)."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not hasattr(user, "_role_names"):
        user._role_names = sorted(user.groups.values_list("name", flat=True))
    return user._role_names


class PortalModelBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        if self._loads_at_once(user_obj, obj) and not hasattr(user_obj, f"_{from_name}_perm_cache"):
            load_access(user_obj)
        return super()._get_permissions(user_obj, obj, from_name)

    def get_all_permissions(self, user_obj, obj=None):
        if self._loads_at_once(user_obj, obj) and not hasattr(user_obj, "_perm_cache"):
            load_access(user_obj)
        return super().get_all_permissions(user_obj, obj)

    @staticmethod
    def _loads_at_once(user_obj, obj) -> bool:
        """A superuser's permissions are every permission: left to ``ModelBackend``."""
        return (
            obj is None
            and user_obj.is_active
            and not user_obj.is_anonymous
            and not user_obj.is_superuser
        )
