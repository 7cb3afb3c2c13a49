"""The container's health probe: ``python -m iop_portal.probe`` asks this machine's web
process for /healthz the way the proxy in front of it would (an allowed Host, HTTPS already
terminated), so neither the host check nor the HTTPS redirect answers in /healthz's place.
Exit status 0 when the web tier can serve people (HTTP 200), 1 otherwise."""

import os
import sys
import urllib.request


def probe_host() -> str:
    """The first of ALLOWED_HOSTS, as a name a request may carry."""
    first = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",") or ["localhost"])[0]
    first = first.strip().lstrip(".")
    return "localhost" if first in ("", "*") else first


def probe(port: int | None = None, timeout: float = 3.0) -> int:
    port = port or int(os.environ.get("PORT", "8000"))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": probe_host(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(probe())
