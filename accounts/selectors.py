"""What the accounts pages show: staff with their groups, second factor and pending link,
in a fixed number of queries."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from core import roles

from .models import SetPasswordLink

RECENT_EVENTS = 15


def _accounts():
    from django.contrib.auth.models import Group

    return (
        get_user_model()
        .objects.annotate(
            mfa_enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            link_pending=Exists(
                SetPasswordLink.objects.filter(
                    user=OuterRef("pk"),
                    used_at__isnull=True,
                    revoked_at__isnull=True,
                    expires_at__gt=timezone.now(),
                )
            ),
        )
        .prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
    )


def staff_accounts():
    return _accounts().order_by("-is_active", "last_name", "first_name", "username")


def staff_account(pk: int):
    return get_object_or_404(_accounts(), pk=pk)


def portal_group_names(user) -> list[str]:
    return [group.name for group in user.groups.all() if group.name in roles.PORTAL_GROUPS]


def other_group_names(user) -> list[str]:
    return [group.name for group in user.groups.all() if group.name not in roles.PORTAL_GROUPS]


def account_events(pk: int) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="user", object_id=str(pk)).select_related("actor")[
            :RECENT_EVENTS
        ]
    )


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
