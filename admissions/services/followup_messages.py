"""What one follow-up says and to whom, worked out at send time.

Addresses are read from the referral, screening or staff account when the message is sent,
never copied onto the follow-up. Bodies come from ``templates/messages/<kind>/`` and carry
a greeting (first name only), what happens next and a link: no level of care, scores,
answers, flags or diagnoses. Staff alerts carry no name at all; their link needs a login.
An applicant's message is written in the language they used the site in (``site_language``,
as of their latest screening); staff alerts in the clinic's language."""

from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from ..messaging.errors import PermanentSendError
from ..models import ContactAttempt, FollowUp, Referral
from . import contact_window


class FollowUpObsolete(Exception):
    """The message is no longer wanted (the referral ended, the person was reached)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class FollowUpDeferred(Exception):
    """Not now: it is outside the applicant's calling hours; send it at ``until``."""

    def __init__(self, until: datetime):
        super().__init__(until.isoformat())
        self.until = until


@dataclass(frozen=True)
class OutgoingMessage:
    channel: str
    to: str
    subject: str
    body: str
    message_id: str
    idempotency_key: str
    stored_body: str = ""  # what staff may read: the body with any secret link hidden


def site_link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def referral_staff_link(referral_id: int) -> str:
    try:
        path = reverse("admissions:referral_detail", args=[referral_id])
    except NoReverseMatch:
        path = f"/staff/referrals/{referral_id}/"
    return site_link(path)


def _message_id(followup: FollowUp) -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{followup.idempotency_key}@{domain}>"


CRISIS_KINDS = (FollowUp.Kind.CRISIS_ALERT, FollowUp.Kind.CRISIS_ESCALATION)
STAFF_ADDRESSES = {
    FollowUp.StaffAddress.ONCALL: "ONCALL_EMAIL",
    FollowUp.StaffAddress.LEAD: "ADMISSIONS_LEAD_EMAIL",
    FollowUp.StaffAddress.BACKUP: "CRISIS_BACKUP_EMAIL",
}


def _check_crisis_still_wanted(followup: FollowUp) -> None:
    """A first crisis alert always goes; a repeat or escalation only while unacknowledged."""
    episode = followup.crisis_episode
    if followup.alert_round and episode is not None and episode.acknowledged_at is not None:
        raise FollowUpObsolete("the crisis alert was acknowledged")


def _check_still_wanted(followup: FollowUp) -> None:
    referral = followup.referral
    if followup.kind in CRISIS_KINDS:
        _check_crisis_still_wanted(followup)
        return
    if referral is None:
        return
    if not referral.is_open:
        raise FollowUpObsolete("the referral has ended")
    if followup.kind in FollowUp.NO_RESPONSE_KINDS:
        reached = referral.contact_attempts.filter(
            outcome__in=(ContactAttempt.Outcome.REACHED, ContactAttempt.Outcome.DECLINED),
            created_at__gt=followup.created_at,
        )
        if reached.exists():
            raise FollowUpObsolete("the applicant was reached")
    if followup.kind == FollowUp.Kind.DEADLINE_ESCALATION and referral.reached_at:
        raise FollowUpObsolete("the applicant was reached")
    _check_subject_still_live(followup)
    user = followup.recipient_user
    if user is not None and not user.is_active:
        raise FollowUpObsolete("the staff account is inactive")


def _check_subject_still_live(followup: FollowUp) -> None:
    """A reminder needs its assessment still booked and ahead; an offer notice, the seat
    still held; a text, the applicant still taking texts (they may have replied STOP)."""
    now = timezone.now()
    assessment, offer = followup.assessment, followup.seat_offer
    if assessment is not None and not (assessment.is_scheduled and assessment.starts_at > now):
        raise FollowUpObsolete("the assessment is no longer booked ahead")
    if offer is not None and not (offer.status == "held" and offer.expires_at > now):
        raise FollowUpObsolete("the seat is no longer held")
    referral = followup.referral
    texting = followup.channel == FollowUp.Channel.SMS and followup.to_applicant
    if texting and referral is not None and not referral.consent_sms:
        raise FollowUpObsolete("the applicant no longer takes text messages")


def _check_calling_hours(followup: FollowUp) -> None:
    """Messages the clinic starts go out between 8 a.m. and 9 p.m. the applicant's time."""
    referral = followup.referral
    if not (followup.in_calling_hours and referral is not None):
        return
    now = contact_window.clock()
    if contact_window.is_calling_time(referral, now):
        return
    until = contact_window.next_calling_time(referral, now)
    ends = _subject_ends(followup)
    if ends is not None and until >= ends:
        raise FollowUpObsolete("calling hours open only after the appointment or hold ends")
    raise FollowUpDeferred(until)


def _subject_ends(followup: FollowUp) -> datetime | None:
    if followup.assessment is not None:
        return followup.assessment.starts_at
    if followup.seat_offer is not None:
        return followup.seat_offer.expires_at
    return None


def _applicant_address(followup: FollowUp) -> tuple[str, str, str]:
    """(address, first name, language) for an applicant message, or PermanentSendError."""
    person = followup.referral or followup.screening
    if followup.referral is not None and not followup.referral.consent_contact:
        raise PermanentSendError("the applicant did not consent to contact", cause="NoConsent")
    if followup.channel == FollowUp.Channel.SMS:
        if followup.referral is not None and not followup.referral.consent_sms:
            raise PermanentSendError("the applicant did not consent to texts", cause="NoConsent")
        address = person.phone
    else:
        address = person.email
    if not address:
        raise PermanentSendError(
            f"the applicant has no {followup.get_channel_display().lower()} contact on file",
            cause="NoAddress",
        )
    return address, person.first_name, person.site_language or settings.LANGUAGE_CODE


def _staff_address(followup: FollowUp) -> str:
    if followup.recipient_user is not None:
        address = followup.recipient_user.email
    elif followup.channel == FollowUp.Channel.SMS:
        address = settings.ONCALL_SMS
    elif followup.staff_address:
        address = getattr(settings, STAFF_ADDRESSES[followup.staff_address])
    elif followup.kind == FollowUp.Kind.CRISIS_ALERT:
        address = settings.ONCALL_EMAIL
    else:
        address = settings.ADMISSIONS_LEAD_EMAIL
    if not address:
        raise PermanentSendError("no email address for this staff recipient", cause="NoAddress")
    return address


def _resume_link(followup: FollowUp) -> str:
    from screening.services import resume_token_issue

    token = resume_token_issue(screening=followup.screening)
    return site_link(reverse("applicant:resume", kwargs={"token": token}))


def _hours_between(start, end) -> int:
    return max(1, round((end - start).total_seconds() / 3600))


def _subject_context(followup: FollowUp) -> dict:
    """The appointment or the held seat a message is about (``_render`` shows its times in
    the applicant's zone)."""
    if followup.assessment is not None:
        assessment = followup.assessment
        return {
            "starts_at": assessment.starts_at,
            "mode": assessment.mode,
            "location": assessment.location,
        }
    if followup.seat_offer is not None:
        offer = followup.seat_offer
        return {"program_name": offer.program.name, "until": offer.expires_at}
    return {}


def _context(followup: FollowUp, first_name: str = "") -> dict:
    referral: Referral | None = followup.referral
    context = {
        "first_name": first_name,
        "clinic_name": settings.CLINIC_NAME,
        "clinic_phone": settings.CLINIC_PHONE,
        "link": site_link("/programs/"),
    }
    if followup.kind == FollowUp.Kind.RESUME_LINK:
        context["link"] = _resume_link(followup)
    if referral is not None:
        context["due_at"] = timezone.localtime(referral.due_at)
        context["window_hours"] = _hours_between(referral.created_at, referral.due_at)
        if not followup.to_applicant:
            context["link"] = referral_staff_link(referral.pk)
        context.update(_subject_context(followup))
    if followup.crisis_episode_id:
        context.update(_crisis_context(followup))
    return context


def _crisis_context(followup: FollowUp) -> dict:
    """The acknowledgement link (sign-in, then one button), and which repeat this is."""
    path = reverse("admissions:crisis_acknowledge", args=[followup.crisis_episode_id])
    return {
        "ack_link": site_link(path),
        "alert_round": followup.alert_round,
        "ack_minutes": settings.CRISIS_ACK_MINUTES,
        "unacknowledged_minutes": followup.alert_round * settings.CRISIS_ACK_MINUTES,
    }


class MessageTemplates:
    """The message templates a batch renders from, each looked up and compiled once (and,
    with the cached template loader, once per process)."""

    def __init__(self) -> None:
        self._compiled: dict[str, object] = {}

    def render(self, name: str, context: dict) -> str:
        template = self._compiled.get(name)
        if template is None:
            template = self._compiled[name] = get_template(name)
        return template.render(context)


def _render(
    followup: FollowUp, context: dict, language: str, templates: MessageTemplates
) -> tuple[str, str]:
    """The message in the recipient's language; an applicant's times in their own zone."""
    folder = f"messages/{followup.kind}"
    part = "sms" if followup.channel == FollowUp.Channel.SMS else "email"
    zone = (
        contact_window.applicant_zone(followup.referral)
        if followup.to_applicant and followup.referral is not None
        else timezone.get_current_timezone()
    )
    with translation.override(language), timezone.override(zone):
        subject = templates.render(f"{folder}/subject.txt", context).strip()
        body = templates.render(f"{folder}/{part}.txt", context).strip() + "\n"
    return " ".join(subject.split()), body


def followup_message_build(
    *, followup: FollowUp, templates: MessageTemplates | None = None
) -> OutgoingMessage:
    """Render the follow-up for its recipient. Raises FollowUpObsolete when it should be
    cancelled instead, FollowUpDeferred outside the applicant's calling hours, and
    PermanentSendError when it cannot be sent (no consent, no address)."""
    _check_still_wanted(followup)
    _check_calling_hours(followup)
    if followup.to_applicant:
        address, first_name, language = _applicant_address(followup)
    else:
        address, first_name, language = _staff_address(followup), "", settings.LANGUAGE_CODE
    context = _context(followup, first_name)
    subject, body = _render(followup, context, language, templates or MessageTemplates())
    secret = context["link"] if followup.kind == FollowUp.Kind.RESUME_LINK else ""
    return OutgoingMessage(
        channel=followup.channel,
        to=address,
        subject=subject,
        body=body,
        message_id=_message_id(followup),
        idempotency_key=followup.idempotency_key,
        stored_body=body.replace(secret, "[single-use resume link]") if secret else body,
    )
