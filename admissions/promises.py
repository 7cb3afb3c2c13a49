"""What the clinic promises a person about first contact, worked out in one place from their
referral: by when (the referral's own deadline, never a figure worked out again), how (the
channel staff will use) and who (a clinician, about their safety, after a positive safety
screen). Every applicant page and the staff referral page say it with these words.

Emergent and urgent referrals are a phone call; without a phone number on file the person is
asked for one, and told how they will be reached until they give it."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from screening.choices import ContactMethod, Urgency

from .models import Referral

PHONE_FIRST = (Urgency.EMERGENT, Urgency.URGENT)
PHONE, SMS, EMAIL = ContactMethod.PHONE, ContactMethod.SMS, ContactMethod.EMAIL


@dataclass(frozen=True)
class ContactPromise:
    urgency: str
    due_at: datetime
    channel: str
    """``phone``, ``sms``, ``email``, or ``""`` when the person can not be contacted."""
    needs_phone: bool
    """A call is due (emergent or urgent) but there is no phone number: ask for one."""
    about_safety: bool
    """A positive safety screen: a clinician checks on the person's safety."""
    contacted: bool
    """Staff have reached the person: the promise is kept."""

    @property
    def by_when(self) -> str:
        return when_words(self.due_at)

    @property
    def applicant_sentence(self) -> str:
        if self.contacted:
            return _("Our team has been in touch with you.")
        if not self.channel:
            return _(
                "You did not agree to be contacted, so we will not reach out. You can call us "
                "at %(phone)s at any time."
            ) % {"phone": settings.CLINIC_PHONE}
        words = {"clinic": settings.CLINIC_NAME, "when": self.by_when}
        return _sentences(self.about_safety)[self.channel] % words

    @property
    def phone_request(self) -> str:
        if not self.needs_phone:
            return ""
        until = {
            SMS: _("Until then we will text you."),
            EMAIL: _("Until then we will email you."),
        }.get(self.channel, _("Until then we have no way to reach you."))
        return (
            _(
                "We'd like to call you, but we don't have a phone number for you. Please add one "
                "below."
            )
            + " "
            + until
        )

    @property
    def staff_sentence(self) -> str:
        """For the referral page: what the person was told staff will do."""
        if not self.channel:
            return "No contact promised: the person did not agree to be contacted."
        how = {PHONE: "a phone call", SMS: "a text message", EMAIL: "an email"}[self.channel]
        who = " from a clinician about their safety" if self.about_safety else ""
        extra = " (no phone number given yet: asked for one)" if self.needs_phone else ""
        return f"The person was told to expect {how}{who} by {self.by_when}{extra}."


def _sentences(about_safety: bool) -> dict[str, str]:
    """Whole sentences per channel, so a translation can order its words freely."""
    if about_safety:
        return {
            PHONE: _(
                "A clinician from %(clinic)s will call you by %(when)s, to check how you are "
                "and talk about your safety."
            ),
            SMS: _(
                "A clinician from %(clinic)s will text you by %(when)s, to check how you are "
                "and talk about your safety."
            ),
            EMAIL: _(
                "A clinician from %(clinic)s will email you by %(when)s, to check how you are "
                "and talk about your safety."
            ),
        }
    return {
        PHONE: _("Someone from %(clinic)s will call you by %(when)s."),
        SMS: _("Someone from %(clinic)s will text you by %(when)s."),
        EMAIL: _("Someone from %(clinic)s will email you by %(when)s."),
    }


def when_words(moment: datetime) -> str:
    """ "4:05 PM EST today", "9:30 AM EST tomorrow" or "Friday, Mar 6, 10:00 AM EST"."""
    local = timezone.localtime(moment)
    clock = formats.date_format(local, "g:i A T")
    days = (local.date() - timezone.localdate()).days
    if days == 0:
        return _("%(time)s today") % {"time": clock}
    if days == 1:
        return _("%(time)s tomorrow") % {"time": clock}
    return formats.date_format(local, "l, M j, ") + clock


def _channel(referral: Referral) -> str:
    """A call for emergent and urgent; otherwise the person's choice, else what we have."""
    phone = bool(referral.phone)
    available = {PHONE: phone, SMS: phone and referral.consent_sms, EMAIL: bool(referral.email)}
    if referral.urgency in PHONE_FIRST and phone:
        return PHONE
    if available.get(referral.preferred_contact):
        return referral.preferred_contact
    return next((channel for channel in (EMAIL, SMS, PHONE) if available[channel]), "")


def contact_promise(referral: Referral) -> ContactPromise:
    channel = _channel(referral) if referral.consent_contact else ""
    return ContactPromise(
        urgency=referral.urgency,
        due_at=referral.due_at,
        channel=channel,
        needs_phone=(
            referral.consent_contact and referral.urgency in PHONE_FIRST and not referral.phone
        ),
        about_safety="safety_assessment" in (referral.flags or []),
        contacted=referral.reached_at is not None,
    )


def screening_referral(screening) -> Referral | None:
    """The referral a screening opened or joined (at the safety step or on submit), if any."""
    return Referral.objects.filter(screening_links__screening=screening).first()
