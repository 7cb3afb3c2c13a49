"""The second factor: an authenticator app (TOTP) and single-use recovery codes
(django-otp's TOTP and static devices).

A person enrols once, at their first sign-in: the app's secret is shown as a QR code, the
first code from the app confirms it, and ten recovery codes are shown once. Each later
sign-in asks for a code from the app or one recovery code (used up by that sign-in). An
administrator can reset the enrolment (the person enrols again at their next sign-in)."""

from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from core.limits import limit_hit

from .account_audit import audit_account
from .refusals import AccountRefused, locked_subject
from .staff_sessions import sessions_end_all

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
FAILURES_PER_SIGN_IN = 10
"""Wrong codes allowed in 15 minutes before the half-finished sign-in is ended."""
FAILURE_WINDOW_SECONDS = 15 * 60


def mfa_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalised_code(code: str) -> str:
    """What a person typed, as the devices store it: no spaces or dashes, lower case."""
    return "".join(ch for ch in str(code) if ch not in " -\t").lower()[:32]


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up for ``user`` (made on first call)."""
    if mfa_enrolled(user):
        raise AccountRefused("Your authenticator app is already set up.")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes: set[str] = set()
    while len(codes) < settings.STAFF_RECOVERY_CODES:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(codes)


def mfa_enrol(*, request, code: str) -> list[str]:
    """Confirm the pending authenticator with its first code, mark this session verified and
    return the new recovery codes (shown once, never again)."""
    user = request.user
    device = enrolment_device(user)
    if not verify_token(user, device.persistent_id, normalised_code(code)):
        raise AccountRefused(
            "That code did not match. Enter the newest 6-digit code from the app; if it "
            "keeps failing, check that your phone's clock is set automatically."
        )
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _new_recovery_codes(user)
        audit_account(
            user.pk,
            action=AuditEvent.Action.MFA_ENROLLED,
            actor=user,
            request=request,
            detail=f"authenticator app; {len(codes)} recovery codes issued",
        )
    otp_login(request, device)
    return codes


def mfa_verify(*, request, code: str) -> str:
    """Check a code from the app or a recovery code; on success mark this session verified
    and return which kind it was (``"app"`` or ``"recovery"``). A wrong code is audited and
    refused; too many end the half-finished sign-in."""
    user = request.user
    token = normalised_code(code)
    if token.isdigit():
        candidates = TOTPDevice.objects.filter(user=user, confirmed=True)
        kind = "app"
    else:
        candidates = StaticDevice.objects.filter(user=user, confirmed=True)
        kind = "recovery"
    for device in candidates:
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            otp_login(request, verified)
            return kind
    audit_account(
        user.pk,
        action=AuditEvent.Action.MFA_FAILED,
        actor=user,
        request=request,
        detail=f"wrong {'authenticator' if kind == 'app' else 'recovery'} code",
    )
    if not limit_hit(f"mfa-failures:{user.pk}", FAILURES_PER_SIGN_IN, FAILURE_WINDOW_SECONDS):
        request.audit_logout_reason = "too many wrong second-factor codes"
        logout(request)
        raise AccountRefused(
            "Too many wrong codes. You have been signed out; wait 15 minutes, then sign in "
            "again, or ask an administrator to reset your second factor."
        )
    raise AccountRefused(
        "That code did not work. Enter the newest code from your authenticator app, or one "
        "of your recovery codes."
    )


def staff_mfa_reset(*, actor, user_id: int, request=None) -> None:
    """Remove the subject's authenticator and recovery codes and end their sessions: at their
    next sign-in they enrol again."""
    with transaction.atomic():
        subject = locked_subject(actor, user_id)
        if not (
            TOTPDevice.objects.filter(user=subject).exists()
            or StaticDevice.objects.filter(user=subject).exists()
        ):
            raise AccountRefused("This person has not set up a second factor yet.")
        TOTPDevice.objects.filter(user=subject).delete()
        StaticDevice.objects.filter(user=subject).delete()
        keep = request.session.session_key if request is not None and subject == actor else None
        ended = sessions_end_all(subject.pk, keep=keep)
        audit_account(
            subject.pk,
            action=AuditEvent.Action.MFA_RESET,
            actor=actor,
            request=request,
            detail=f"authenticator and recovery codes removed; {ended} session(s) ended",
        )
