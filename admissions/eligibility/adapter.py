"""The eligibility service the portal talks to, behind one small interface.

``eligibility_service()`` returns the configured adapter: ``ClearinghouseAdapter`` posts an
X12 270 to ``ELIGIBILITY_URL`` (a clearinghouse's real-time endpoint, or the local fake:
``manage.py fake_clearinghouse``) and reads the 271. With no URL configured the check is
refused with a clear message. Nothing here logs the request or the answer: both are PHI."""

from __future__ import annotations

import itertools
import os
from datetime import datetime
from typing import Protocol

import requests

from .records import EligibilityError, EligibilityRequest, EligibilityResult
from .x12 import build_270, parse_271

CONTENT_TYPE = "application/EDI-X12"
TIMEOUT = (3.05, 15)  # connect, read: a check never hangs a request for long
_controls = itertools.count((os.getpid() % 1000) * 100000 + 1)


class EligibilityService(Protocol):
    def check(self, request: EligibilityRequest) -> EligibilityResult: ...


class ClearinghouseAdapter:
    """Real-time X12 270/271 over HTTPS POST (the body is the interchange)."""

    def __init__(
        self,
        *,
        url: str,
        sender_id: str,
        receiver_id: str,
        timeout=TIMEOUT,
        session: requests.Session | None = None,
    ) -> None:
        self.url = url
        self.sender_id = sender_id
        self.receiver_id = receiver_id
        self.timeout = timeout
        self.session = session or requests.Session()

    def check(self, request: EligibilityRequest) -> EligibilityResult:
        if not self.url:
            raise EligibilityError("Electronic eligibility checks are not set up here.")
        body = build_270(
            request,
            sender=self.sender_id,
            receiver=self.receiver_id,
            control=next(_controls) % 10**9,
            at=datetime.now(),
        )
        try:
            response = self.session.post(
                self.url,
                data=body.encode("ascii", "replace"),
                headers={"Content-Type": CONTENT_TYPE, "Accept": CONTENT_TYPE},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise EligibilityError(
                "The clearinghouse could not be reached; try again in a few minutes."
            ) from exc
        if response.status_code != 200:
            raise EligibilityError(
                f"The clearinghouse refused the check (HTTP {response.status_code})."
            )
        return parse_271(response.text, trace=request.trace)


def eligibility_service() -> EligibilityService:
    from django.conf import settings

    return ClearinghouseAdapter(
        url=settings.ELIGIBILITY_URL,
        sender_id=settings.ELIGIBILITY_SENDER_ID,
        receiver_id=settings.ELIGIBILITY_RECEIVER_ID,
    )
