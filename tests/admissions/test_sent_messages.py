"""Sent messages are readable by staff who may see the referral: the text as it went out,
channel, status and times; each view is audited; a resume link's token is never kept."""

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.models import FollowUp
from admissions.services.followup_delivery import followup_deliver
from admissions.services.followups import followup_request_resume_link, followups_for_new_referral
from audit.models import AuditEvent
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


def _sent_confirmation(**fields):
    referral = make_referral(first_name="Marisol", email="marisol@example.com", **fields)
    followups_for_new_referral(referral=referral)
    confirmation = referral.followups.get(kind="confirmation")
    assert followup_deliver(followup_id=confirmation.pk).status == "sent"
    confirmation.refresh_from_db()
    return referral, confirmation


def test_the_text_that_went_out_is_readable_with_channel_status_and_times(
    signed_in, admissions_user
):
    referral, confirmation = _sent_confirmation()

    response = signed_in(admissions_user).get(
        reverse("admissions:message_detail", args=[confirmation.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Hi Marisol," in page and "We received your request." in page
    assert confirmation.subject in page
    assert "Email" in page and "Sent" in page
    local = timezone.localtime(confirmation.sent_at)
    assert f"{local:%b} {local.day}, {local.year}" in page
    assert AuditEvent.objects.filter(
        action="view", object_type="followup", object_id=str(confirmation.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        action="view", object_type="referral", object_id=str(referral.pk)
    ).exists()


def test_the_referral_page_links_to_the_message(signed_in, admissions_user):
    referral, confirmation = _sent_confirmation()

    page = (
        signed_in(admissions_user)
        .get(reverse("admissions:referral_detail", args=[referral.pk]))
        .content.decode()
    )

    assert f'href="/staff/messages/{confirmation.pk}/">Read the message' in page


def test_a_resume_link_is_kept_without_its_token(db):
    referral = make_referral()
    followup = followup_request_resume_link(screening=referral.latest_screening)
    followup_deliver(followup_id=followup.pk)

    followup.refresh_from_db()
    assert "[single-use resume link]" in followup.body
    assert "/screen/resume/" not in followup.body


def test_people_who_may_not_see_referrals_get_a_404(signed_in, program_admin, no_role_user):
    _, confirmation = _sent_confirmation()
    url = reverse("admissions:message_detail", args=[confirmation.pk])

    for user in (program_admin, no_role_user):
        assert signed_in(user).get(url).status_code == 404
    assert not AuditEvent.objects.filter(object_type="followup").exists()


def test_a_message_not_sent_yet_says_so(signed_in, admissions_user):
    referral = make_referral(email="pat@example.com")
    followups_for_new_referral(referral=referral)
    pending = referral.followups.filter(status=FollowUp.Status.PENDING).first() or (
        referral.followups.first()
    )
    FollowUp.objects.filter(pk=pending.pk).update(status="pending", body="", sent_at=None)

    page = (
        signed_in(admissions_user)
        .get(reverse("admissions:message_detail", args=[pending.pk]))
        .content.decode()
    )

    assert "Not sent, so there is no text to show yet" in page
