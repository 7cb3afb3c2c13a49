"""Verifying that an inbound text-message webhook came from the SMS provider.

Twilio-style: the provider signs the full URL it called followed by every POSTed parameter
(sorted by name, each name immediately followed by its value) with HMAC-SHA1 under the
shared secret, base64-encoded, in the ``X-Twilio-Signature`` header. No secret configured
means nothing verifies: the webhook fails closed."""

import base64
import hashlib
import hmac
from collections.abc import Iterable

SIGNATURE_HEADER = "HTTP_X_TWILIO_SIGNATURE"


def sign(*, secret: str, url: str, params: Iterable[tuple[str, str]]) -> str:
    """The signature the provider sends for ``url`` and form ``params``."""
    payload = url + "".join(f"{name}{value}" for name, value in sorted(params))
    digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def is_valid(*, secret: str, url: str, params: Iterable[tuple[str, str]], signature: str) -> bool:
    if not secret or not signature:
        return False
    expected = sign(secret=secret, url=url, params=params)
    return hmac.compare_digest(expected.encode(), signature.encode())
