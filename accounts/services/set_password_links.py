"""Invitations and password resets: a single-use, expiring link to choose a password.

The token is 32 random bytes, sent only in the email; the database keeps its SHA-256. A
link works once, until it expires (``STAFF_INVITE_HOURS`` / ``STAFF_RESET_HOURS``), and only
while it is the person's newest: sending a new one, deactivating the account or using it
ends it."""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core import roles

from ..models import SetPasswordLink
from .account_audit import audit_account
from .refusals import AccountRefused, locked_subject, require_manager
from .staff_sessions import sessions_end_all

logger = logging.getLogger(__name__)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_link(*, user, kind: str, actor) -> str:
    now = timezone.now()
    SetPasswordLink.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    hours = (
        settings.STAFF_INVITE_HOURS
        if kind == SetPasswordLink.Kind.INVITE
        else (settings.STAFF_RESET_HOURS)
    )
    token = secrets.token_urlsafe(32)
    SetPasswordLink.objects.create(
        user=user,
        kind=kind,
        token_digest=_digest(token),
        created_by=actor,
        expires_at=now + timedelta(hours=hours),
    )
    return token


def _send(*, email: str, token: str, kind: str) -> bool:
    """The email carries the link and nothing else about the account."""
    url = settings.SITE_URL.rstrip("/") + reverse("accounts:link_open", args=[token])
    hours = (
        settings.STAFF_INVITE_HOURS
        if kind == SetPasswordLink.Kind.INVITE
        else (settings.STAFF_RESET_HOURS)
    )
    subject = (
        f"Your staff account at {settings.CLINIC_NAME}"
        if kind == SetPasswordLink.Kind.INVITE
        else f"Choose a new password for {settings.CLINIC_NAME}"
    )
    body = (
        f"Choose your password here:\n\n{url}\n\n"
        f"The link works once and expires in {hours} hours. If you did not expect this "
        "email, ignore it."
    )
    try:
        send_mail(subject, body, None, [email])
    except Exception:  # the mail server refused or is down: the caller says so
        logger.exception("set-password email not sent")
        return False
    return True


def staff_invite(
    *,
    actor,
    email: str,
    first_name: str,
    last_name: str,
    role_names: list[str],
    request=None,
) -> tuple[object, bool]:
    """Create an account for ``email`` in the given portal groups and email it a
    set-password link. Returns ``(user, sent)``; a link that could not be sent is revoked
    (send a new one from the account's page)."""
    require_manager(actor)
    email = email.strip().lower()
    if set(role_names) - set(roles.PORTAL_GROUPS):
        raise AccountRefused("Only the portal's roles and lists can be given here.")
    if not role_names:
        raise AccountRefused("Choose at least one role.")
    User = get_user_model()
    with transaction.atomic():
        if (
            User.objects.filter(email__iexact=email).exists()
            or User.objects.filter(username__iexact=email).exists()
        ):
            raise AccountRefused("There is already an account with this email address.")
        user = User(
            username=email,
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            is_active=True,
            is_staff=False,
            is_superuser=False,
        )
        user.set_unusable_password()
        user.save()
        user.groups.set(Group.objects.filter(name__in=role_names))
        token = _new_link(user=user, kind=SetPasswordLink.Kind.INVITE, actor=actor)
        audit_account(
            user.pk,
            action=AuditEvent.Action.INVITED,
            actor=actor,
            request=request,
            fields=["email", "first_name", "last_name", "groups"],
            detail="roles: " + ", ".join(sorted(role_names)),
        )
    sent = _send(email=email, token=token, kind=SetPasswordLink.Kind.INVITE)
    if not sent:
        SetPasswordLink.objects.filter(token_digest=_digest(token)).update(
            revoked_at=timezone.now()
        )
    return user, sent


def staff_link_send(*, actor, user_id: int, request=None) -> bool:
    """Email the subject a new set-password link: an invitation again if they never set a
    password, else a password reset. Earlier links stop working."""
    with transaction.atomic():
        subject = locked_subject(actor, user_id)
        if not subject.is_active:
            raise AccountRefused("Reactivate this account before sending it a link.")
        if not subject.email:
            raise AccountRefused("This account has no email address to send a link to.")
        kind = (
            SetPasswordLink.Kind.RESET
            if subject.has_usable_password()
            else SetPasswordLink.Kind.INVITE
        )
        token = _new_link(user=subject, kind=kind, actor=actor)
        audit_account(
            subject.pk,
            action=(
                AuditEvent.Action.PASSWORD_RESET
                if kind == SetPasswordLink.Kind.RESET
                else AuditEvent.Action.INVITED
            ),
            actor=actor,
            request=request,
            detail="set-password link sent" + (" again" if kind == "invite" else ""),
        )
    sent = _send(email=subject.email, token=token, kind=kind)
    if not sent:
        SetPasswordLink.objects.filter(token_digest=_digest(token)).update(
            revoked_at=timezone.now()
        )
    return sent


def link_usable(token: str) -> SetPasswordLink | None:
    """The link for ``token`` if it still works (unused, unexpired, newest, account active)."""
    if not token or len(token) > 100:
        return None
    link = (
        SetPasswordLink.objects.select_related("user").filter(token_digest=_digest(token)).first()
    )
    if (
        link is None
        or link.used_at is not None
        or link.revoked_at is not None
        or link.expires_at <= timezone.now()
        or not link.user.is_active
    ):
        return None
    return link


def link_password_set(*, token: str, password: str, request=None):
    """Use the link: set the password, end the link and every session of the account.
    Returns the user. The password has been validated by the form."""
    with transaction.atomic():
        link = link_usable(token)
        if link is None:
            raise AccountRefused(LINK_UNUSABLE)
        link = SetPasswordLink.objects.select_for_update().select_related("user").get(pk=link.pk)
        if link.used_at is not None or link.revoked_at is not None:
            raise AccountRefused(LINK_UNUSABLE)
        user = link.user
        user.set_password(password)
        user.save(update_fields=["password"])
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        ended = sessions_end_all(user.pk)
        audit_account(
            user.pk,
            action=AuditEvent.Action.PASSWORD_SET,
            actor=user,
            request=request,
            fields=["password"],
            detail=(
                "from an invitation link"
                if link.kind == SetPasswordLink.Kind.INVITE
                else "from a reset link"
            )
            + (f"; {ended} session(s) ended" if ended else ""),
        )
    return user


LINK_UNUSABLE = (
    "This link no longer works: it has been used, it has expired, or a newer one was sent. "
    "Ask an administrator to send you a new one."
)


def password_changed(*, request, user) -> None:
    """``/staff/password/``: the person changed their own password."""
    audit_account(
        user.pk,
        action=AuditEvent.Action.PASSWORD_CHANGED,
        actor=user,
        request=request,
        fields=["password"],
    )
