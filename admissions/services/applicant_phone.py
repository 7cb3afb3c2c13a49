"""The applicant adds the phone number a promised call needs: on the screening and, when the
safety step or submission has opened one, on the referral, in one transaction. Audited
without the number."""

from django.db import transaction

from audit.models import AuditEvent
from screening.contact import phone_digits
from screening.models import Screening
from screening.services import screening_phone_add

from ..models import Referral, ReferralScreening
from .audit_trail import audit_referral
from .same_person import same_person_flag

ACTOR = "public screener"


@transaction.atomic
def applicant_phone_add(*, screening: Screening, phone: str) -> Referral | None:
    """Store ``phone`` where none was given; returns the screening's referral, if any."""
    screening_phone_add(screening=screening, phone=phone)
    link = ReferralScreening.objects.filter(screening=screening).first()
    if link is None:
        return None
    referral = Referral.objects.select_for_update().get(pk=link.referral_id)
    if not referral.phone:
        referral.phone, referral.phone_key = phone, phone_digits(phone)
        referral.save(update_fields=["phone", "phone_key", "updated_at"])
        audit_referral(
            referral.pk,
            action=AuditEvent.Action.CHANGE,
            actor_label=ACTOR,
            fields=["phone"],
            detail="phone number added by the applicant for a promised call",
        )
        same_person_flag(referral=referral, actor_label=ACTOR)
    return referral
