"""Consent to be contacted and to be texted: changed by the person (a STOP text) or by
staff recording what the person told them. Every change is audited with field names only;
revoking texts cancels every text still waiting to go out, and the sender re-checks consent
before each one, so no later text is sent.

The inbound text itself is never stored or logged: only which keyword it was."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from audit.models import AuditEvent
from core import roles
from core.roles import require_permission
from screening.contact import phone_digits

from ..models import FollowUp, Note, Referral
from .audit_trail import audit_referral, audit_subject
from .status_record import referral_locked

STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ALTO"})
HELP_WORDS = frozenset({"HELP", "INFO", "AYUDA"})
WEBHOOK_ACTOR = "sms webhook"
MIN_NOTE_LENGTH = 10


@dataclass(frozen=True)
class InboundReply:
    keyword: str  # "stop", "help" or "other"
    text: str
    revoked: int = 0  # referrals whose text consent this revoked


def _keyword(body: str) -> str:
    word = "".join(ch for ch in (body or "").strip().upper() if ch.isalnum())
    if word in STOP_WORDS:
        return "stop"
    if word in HELP_WORDS:
        return "help"
    return "other"


def _cancel_pending_texts(referral_ids: list[int]) -> int:
    return FollowUp.objects.filter(
        referral_id__in=referral_ids,
        channel=FollowUp.Channel.SMS,
        kind__in=FollowUp.APPLICANT_KINDS,
        status=FollowUp.Status.PENDING,
    ).update(status=FollowUp.Status.CANCELLED, last_error="Cancelled: the applicant replied STOP")


def _revoke_texts(phone_key: str) -> int:
    ids = list(
        Referral.objects.select_for_update()
        .filter(phone_key=phone_key, consent_sms=True)
        .values_list("pk", flat=True)
    )
    Referral.objects.filter(pk__in=ids).update(consent_sms=False)
    _cancel_pending_texts(ids)
    for referral_id in ids:
        audit_referral(
            referral_id,
            action=AuditEvent.Action.CHANGE,
            actor_label=WEBHOOK_ACTOR,
            fields=["consent_sms"],
            detail="STOP received by text: consent to texts revoked",
        )
    return len(ids)


def _reply_text(keyword: str, language: str) -> str:
    context = {"clinic_name": settings.CLINIC_NAME, "clinic_phone": settings.CLINIC_PHONE}
    with translation.override(language):
        text = render_to_string(f"messages/inbound_reply/{keyword}.txt", context)
    return " ".join(text.split())


@transaction.atomic
def sms_inbound_handle(*, from_number: str, body: str) -> InboundReply:
    """A text the provider passed on: STOP revokes text consent on every referral with that
    number; HELP is answered with who we are and how to reach us; anything else is told
    this number takes no replies. Audited; the text is not kept."""
    phone_key = phone_digits(from_number)
    keyword = _keyword(body)
    revoked = _revoke_texts(phone_key) if keyword == "stop" and phone_key else 0
    latest = Referral.objects.filter(phone_key=phone_key).order_by("-created_at").first()
    language = (latest.language if latest and phone_key else "") or settings.LANGUAGE_CODE
    audit_subject(
        "inbound_sms",
        latest.pk if latest and phone_key else "",
        action=AuditEvent.Action.CREATE,
        actor_label=WEBHOOK_ACTOR,
        fields=["consent_sms"] if revoked else [],
        detail=f"{keyword.upper()} received; {revoked} referral(s) stopped texting",
    )
    return InboundReply(keyword=keyword, text=_reply_text(keyword, language), revoked=revoked)


def _consent_words(wanted: dict[str, bool]) -> str:
    contact = "may be contacted" if wanted["consent_contact"] else "no contact by message"
    texts = "texts OK" if wanted["consent_sms"] else "no texts"
    return f"Consent recorded: {contact}; {texts}"


@transaction.atomic
def referral_consent_change(
    *,
    referral: Referral,
    consent_contact: bool,
    consent_sms: bool,
    note: str,
    actor,
    ip_address: str | None = None,
) -> list[str]:
    """Record consent the person gave or withdrew by phone or in person; ``note`` (kept as a
    note on the referral) says how. Returns the fields that changed; nothing is written when
    none did."""
    require_permission(actor, roles.WORK_REFERRAL)
    referral = referral_locked(referral)
    note = note.strip()
    if len(note) < MIN_NOTE_LENGTH:
        raise ValidationError(
            {"note": f"Say how they told you (at least {MIN_NOTE_LENGTH} characters)."}
        )
    if consent_sms and not referral.phone:
        raise ValidationError({"consent_sms": "There is no phone number to text."})
    wanted = {"consent_contact": consent_contact, "consent_sms": consent_sms}
    changed = [name for name, value in wanted.items() if getattr(referral, name) != value]
    if not changed:
        return []
    Referral.objects.filter(pk=referral.pk).update(**wanted)
    Note.objects.create(referral=referral, author=actor, body=f"{_consent_words(wanted)}. {note}")
    if not consent_sms:
        _cancel_pending_texts([referral.pk])
    if not consent_contact:
        FollowUp.objects.filter(
            referral=referral, kind__in=FollowUp.APPLICANT_KINDS, status=FollowUp.Status.PENDING
        ).update(status=FollowUp.Status.CANCELLED, last_error="Cancelled: consent withdrawn")
    audit_referral(
        referral.pk,
        action=AuditEvent.Action.CHANGE,
        actor=actor,
        ip_address=ip_address,
        fields=changed,
        detail="consent recorded by staff",
    )
    return changed
