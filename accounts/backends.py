"""Django's model backend, reading a staff member's permissions and role names in one
query instead of three (their own permissions, their groups' permissions, and the groups'
names the staff header shows). Every staff page checks a permission, so this is one query
saved twice on every page. What it decides is exactly what ``ModelBackend`` decides: the
same rows, the same inactive, anonymous, object and superuser rules."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db.models import CharField, Value

from core.compiled import compiled, fetch, fetch_instances

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
"""The user id the queries are compiled with, replaced by the real one on each use."""

_access = compiled(lambda: _rows(get_user_model()(pk=STAND_IN_ID)), STAND_IN_ID)
"""``_rows``' SQL, compiled once per process (compiling it cost as much as running it)."""

_user_by_id = compiled(
    lambda: get_user_model()._default_manager.filter(pk=STAND_IN_ID), STAND_IN_ID
)
"""The signed-in person, read on every request with a session (compiled once too)."""


def _access_rows(user) -> list[tuple[str, str, str]]:
    return fetch(_access, user.pk)


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
    def get_user(self, user_id):
        """As ``ModelBackend.get_user``, from SQL compiled once per process."""
        User = get_user_model()
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        found = fetch_instances(_user_by_id, User, pk)
        if not found:
            return None
        return found[0] if self.user_can_authenticate(found[0]) else None

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
