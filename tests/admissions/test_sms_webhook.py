"""Inbound texts from the SMS provider: the signature is checked (a request without a valid
one changes nothing); STOP revokes consent to texts on every referral with that number,
cancels the texts still waiting and stops every later one; HELP is answered. All audited.
Staff can record consent the person gave them, audited too."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.messaging import sms
from admissions.messaging.signature import sign
from admissions.models import FollowUp, Note
from admissions.services.followup_delivery import followup_deliver
from admissions.services.followups import followup_schedule
from audit.models import AuditEvent
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db

URL = "/sms/inbound/"
SECRET = "test-shared-secret"


@pytest.fixture(autouse=True)
def _webhook(settings):
    settings.SMS_WEBHOOK_SECRET = SECRET
    settings.SITE_URL = "https://intake.example.org"
    sms.outbox.clear()


def _post(client, body, *, sender="+1 (555) 867-5309", secret=SECRET):
    params = {"From": sender, "To": "+15550100199", "Body": body, "MessageSid": "SM123"}
    signature = sign(secret=secret, url="https://intake.example.org" + URL, params=params.items())
    return client.post(URL, params, HTTP_X_TWILIO_SIGNATURE=signature)


def _texting(**fields):
    return make_referral(
        phone="(555) 867-5309", consent_sms=True, preferred_contact="sms", **fields
    )


def _pending_text(referral):
    return followup_schedule(
        kind=FollowUp.Kind.NO_RESPONSE_1,
        channel=FollowUp.Channel.SMS,
        referral=referral,
        scheduled_for=timezone.now() + timedelta(hours=24),
        dedupe_key=f"no_response_1:test:{referral.pk}",
    )


def test_stop_with_a_valid_signature_revokes_texts_and_cancels_the_waiting_ones(client):
    referral, earlier = _texting(), _texting(status="closed")
    waiting = _pending_text(referral)

    response = _post(client, " Stop ")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert "no more text messages" in response.content.decode()
    for person in (referral, earlier):
        person.refresh_from_db()
        assert person.consent_sms is False
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"
    revoked = AuditEvent.objects.filter(fields=["consent_sms"], actor_label="sms webhook")
    assert set(revoked.values_list("object_id", flat=True)) >= {str(referral.pk), str(earlier.pk)}
    assert AuditEvent.objects.filter(object_type="inbound_sms", detail__startswith="STOP").exists()


def test_after_stop_no_later_text_goes_out(client):
    referral = _texting()
    _post(client, "STOP")
    later = followup_schedule(
        kind=FollowUp.Kind.NO_RESPONSE_2,
        channel=FollowUp.Channel.SMS,
        referral=referral,
        dedupe_key="no_response_2:test",
    )  # e.g. a row written before STOP arrived, or by a stale page

    assert followup_deliver(followup_id=later.pk).status == "cancelled"
    assert sms.outbox == []


def test_an_invalid_signature_is_refused_and_changes_nothing(client):
    referral = _texting()

    forged = _post(client, "STOP", secret="guessed")
    unsigned = client.post(URL, {"From": "+15558675309", "Body": "STOP"})

    assert (forged.status_code, unsigned.status_code) == (403, 403)
    referral.refresh_from_db()
    assert referral.consent_sms is True
    assert not AuditEvent.objects.filter(object_type="inbound_sms").exists()


def test_without_a_configured_secret_every_inbound_text_is_refused(client, settings):
    settings.SMS_WEBHOOK_SECRET = ""
    referral = _texting()

    assert _post(client, "STOP", secret="").status_code == 403
    referral.refresh_from_db()
    assert referral.consent_sms is True


def test_help_is_answered_in_their_language_and_changes_nothing(client):
    referral = _texting(language="es")

    response = _post(client, "AYUDA")

    text = response.content.decode()
    assert "Admisiones de" in text and "988" in text
    referral.refresh_from_db()
    assert referral.consent_sms is True
    assert AuditEvent.objects.filter(object_type="inbound_sms", detail__startswith="HELP").exists()


def test_the_text_itself_is_never_kept(client):
    _texting()

    _post(client, "my address is 12 Elm St, call me")

    for event in AuditEvent.objects.filter(object_type="inbound_sms"):
        assert "Elm" not in event.detail


def test_staff_record_consent_with_a_note_and_an_audit_event(signed_in, admissions_user):
    referral = make_referral(phone="(555) 867-5309", consent_sms=False)

    response = signed_in(admissions_user).post(
        reverse("admissions:referral_consent", args=[referral.pk]),
        {"consent_contact": "on", "consent_sms": "on", "note": "Said on the phone texts are fine."},
        follow=True,
    )

    assert "Consent recorded." in response.content.decode()
    referral.refresh_from_db()
    assert referral.consent_sms is True
    event = AuditEvent.objects.get(detail="consent recorded by staff")
    assert (event.fields, event.actor) == (["consent_sms"], admissions_user)
    assert "texts OK" in Note.objects.get(referral=referral).body


def test_consent_needs_a_note_saying_how(signed_in, admissions_user):
    referral = make_referral(consent_sms=False)

    response = signed_in(admissions_user).post(
        reverse("admissions:referral_consent", args=[referral.pk]),
        {"consent_contact": "on", "consent_sms": "on", "note": ""},
    )

    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.consent_sms is False
