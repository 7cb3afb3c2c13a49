"""Save and finish later: the one message a member of the public can have the portal send
to an address they type. Limited here, in the service, three ways, so that starting new
drafts or rotating drafts does not get round it (docs/screener.md):

- per draft: ``RESUME_LINKS_PER_DRAFT`` an hour (counted from the stored follow-ups);
- per destination: ``RESUME_LINK_DESTINATION_RATE`` per normalised email address, across
  every draft (core.limits; the key holds a hash of the address, never the address);
- per client address: ``RESUME_LINK_CLIENT_RATE``.

Past a limit nothing is stored or sent and ``ResumeLinkLimited`` says which limit it was."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.limits import limit_hit, parse_rate
from screening.models import Screening
from screening.services import screening_save_step

from ..models import FollowUp
from .followups import followup_request_resume_link

RESUME_LINKS_PER_DRAFT = 3


class ResumeLinkLimited(Exception):
    """No link was sent: ``reason`` is ``"draft"``, ``"destination"`` or ``"client"``."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _address_key(email: str) -> str:
    normalised = email.strip().lower()
    return hashlib.sha256(f"resume-destination:{normalised}".encode()).hexdigest()[:32]


def _links_sent_recently(screening: Screening) -> int:
    since = timezone.now() - timedelta(hours=1)
    return FollowUp.objects.filter(
        screening=screening, kind=FollowUp.Kind.RESUME_LINK, created_at__gte=since
    ).count()


def resume_link_request(
    *,
    screening: Screening,
    email: str,
    client_address: str,
    site_language: str | None = None,
) -> FollowUp:
    """Store ``email`` on the draft and queue a single-use resume link to it, unless a limit
    is used up (``ResumeLinkLimited``; nothing changed)."""
    if _links_sent_recently(screening) >= RESUME_LINKS_PER_DRAFT:
        raise ResumeLinkLimited("draft")
    limit, window = parse_rate(settings.RESUME_LINK_CLIENT_RATE)
    if not limit_hit(f"resume_link:client:{client_address}", limit, window):
        raise ResumeLinkLimited("client")
    limit, window = parse_rate(settings.RESUME_LINK_DESTINATION_RATE)
    if not limit_hit(f"resume_link:to:{_address_key(email)}", limit, window):
        raise ResumeLinkLimited("destination")
    with transaction.atomic():
        if email != screening.email:
            screening = screening_save_step(screening=screening, fields={"email": email})
        return followup_request_resume_link(screening=screening, site_language=site_language)
