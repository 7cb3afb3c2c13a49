"""The address of the person making a request, in one place for rate limits, the sign-in
lockout (django-axes) and the audit trail.

Behind a reverse proxy ``REMOTE_ADDR`` is the proxy's, so every client would share one
address. Each trusted proxy appends the address it received the request from to
``X-Forwarded-For``; anything further left was written by the client and can be forged.
So with ``TRUSTED_PROXY_HOPS = n`` (the number of proxies in front of the application) the
client is the n-th address from the right, and with 0 (the default: nothing in front)
``X-Forwarded-For`` is ignored altogether."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - an address that matches no real client


def _valid(candidate: str) -> str | None:
    try:
        return str(ipaddress.ip_address(candidate.strip()))
    except ValueError:
        return None


def forwarded_chain(request: HttpRequest) -> list[str]:
    """Every address in ``X-Forwarded-For`` (all such headers, joined), left to right."""
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [part.strip() for part in header.split(",") if part.strip()]


def client_address(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR`` with no trusted proxies, otherwise the address
    the outermost trusted proxy saw. A missing or malformed entry falls back to the nearest
    address a trusted party wrote, never to one the client chose."""
    remote = _valid(request.META.get("REMOTE_ADDR") or "") or UNKNOWN
    hops = int(getattr(settings, "TRUSTED_PROXY_HOPS", 0) or 0)
    if hops <= 0:
        return remote
    chain = forwarded_chain(request)
    # The last `hops` entries were written by our proxies; the one they received from is
    # chain[-hops]. With a shorter chain the request skipped a proxy: use what we have.
    trusted = chain[-hops:] if len(chain) >= hops else chain
    for candidate in trusted:  # leftmost trusted entry first
        address = _valid(candidate)
        if address is not None:
            return address
    return remote
