"""A phone number given after the fact: the person was promised a call (a crisis, or an
urgent safety concern) and had not given one. Stored at once, on a draft or a submitted
screening; an existing number is never replaced from here."""

from django.utils import timezone

from ..models import Screening


def screening_phone_add(*, screening: Screening, phone: str) -> bool:
    """Store ``phone`` (already validated and formatted) if the screening has none."""
    stored = Screening.objects.filter(pk=screening.pk, phone="").update(
        phone=phone, updated_at=timezone.now()
    )
    if stored:
        screening.phone = phone
    return bool(stored)
