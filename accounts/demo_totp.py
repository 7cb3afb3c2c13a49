"""The demo logins' second factor, for ``make run``: each demo account is enrolled with an
authenticator secret derived from its username (published, like the demo password, and
created only where ``DEMO_LOGINS_ALLOWED``). ``manage.py demo_totp_code <username>``
prints the current code, or add the printed secret to an authenticator app."""

import hashlib
import time
from base64 import b32encode

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services.mfa import APP_DEVICE_NAME


def demo_key_hex(username: str) -> str:
    return hashlib.sha1(f"iop-demo-totp:{username}".encode(), usedforsecurity=False).hexdigest()


def demo_totp_enrol(user) -> str:
    """Replace the user's second factor with the demo secret; returns it in base32 (what an
    authenticator app takes)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, name=APP_DEVICE_NAME, key=demo_key_hex(user.get_username()), confirmed=True
    )
    return b32encode(device.bin_key).decode().rstrip("=")


def current_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code ``device`` accepts now (or at ``at``), as an authenticator app shows it."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return str(totp.token()).zfill(device.digits)
