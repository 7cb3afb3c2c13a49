"""Staff members, as the workspace needs them."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, QuerySet

from core.compiled import compiled, fetch


def _holds(codename: str, app_label: str = "admissions") -> Q:
    via_group = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    direct = Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return via_group | direct | Q(is_superuser=True)


def assignable_staff() -> QuerySet:
    """Active staff who can see referrals, so one can be assigned to them."""
    User = get_user_model()
    ids = User.objects.filter(_holds("view_referral"), is_active=True).values("pk")
    return User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "username")


@dataclass(frozen=True)
class StaffChoice:
    pk: int
    label: str


_assignable = compiled(
    lambda: assignable_staff().values_list("pk", "first_name", "last_name", "username")
)


def assignable_choices() -> list[StaffChoice]:
    """``assignable_staff()`` as ids and names, for a list to pick from on a page every
    coordinator opens all day (the queue's bulk assignment): its SQL is compiled once per
    process."""
    return [
        StaffChoice(pk, f"{first} {last}".strip() or username)
        for pk, first, last, username in fetch(_assignable)
    ]


def staff_label(user) -> str:
    """How a staff member is named on staff pages: full name, else username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def staff_in_group(name: str):
    """Active members of the group ``name`` who have an email address, in a stable order."""
    return (
        get_user_model()
        .objects.filter(groups__name=name, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def staff_ids_in_group(name: str) -> list[int]:
    """The ids of ``staff_in_group(name)``, in the same order, without building each user:
    what a follow-up row for each member needs."""
    return list(staff_in_group(name).values_list("pk", flat=True))


def staff_ids_expression(name: str) -> tuple[str, tuple]:
    """``staff_ids_in_group(name)`` as one select-list expression, with its parameters, for a
    statement the caller makes anyway; ``staff_ids_read`` reads its value."""
    sql, params = staff_in_group(name).values("pk").query.sql_with_params()
    if connection.vendor == "postgresql":
        return f"ARRAY({sql})", tuple(params)
    aggregated = f"(SELECT group_concat(\"pk\", ',') FROM ({sql}))"  # noqa: S608 (compiled)
    return aggregated, tuple(params)


def staff_ids_read(value) -> list[int]:
    """The ids from a ``staff_ids_expression`` value (an array, or text on SQLite), in the
    order of ``staff_ids_in_group``."""
    if not value:
        return []
    if isinstance(value, str):
        return sorted(int(part) for part in value.split(","))
    return list(value)
