"""The staff outbox at /staff/outbox/ and the retry button, as staff use them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from admissions.models import FollowUp
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import make_referral, make_staff, sign_in_verified

pytestmark = pytest.mark.django_db
MODEL_BACKEND = "accounts.backends.PortalModelBackend"


@pytest.fixture
def staff_client(client):
    sign_in_verified(client, make_staff(roles.ADMISSIONS), backend=MODEL_BACKEND)
    return client


def _row(referral, kind="confirmation", **fields):
    fields.setdefault("scheduled_for", timezone.now())
    return FollowUp.objects.create(
        referral=referral,
        kind=kind,
        channel="email",
        dedupe_key=f"{kind}:{referral.pk}:{FollowUp.objects.count()}",
        **fields,
    )


def test_outbox_lists_failed_and_late_sends_without_names_or_addresses(staff_client):
    referral = make_referral(first_name="Dana", last_name="Whitfield", email="dana.w@example.com")
    failed = _row(referral, status="failed", attempts=6, last_error="NoAddress: no email on file")
    late = _row(referral, "new_referral_alert", scheduled_for=timezone.now() - timedelta(hours=1))
    _row(referral, "no_response_1", scheduled_for=timezone.now() + timedelta(days=1))
    _row(referral, "crisis_alert", status="sent", sent_at=timezone.now())

    response = staff_client.get(reverse("admissions:outbox"))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-followup="{failed.pk}"' in page and f'data-followup="{late.pk}"' in page
    assert page.count("data-followup=") == 2  # not the future one, not the sent one
    assert "NoAddress: no email on file" in page
    assert f"Referral #{referral.pk}" in page
    for secret in ("Dana", "Whitfield", "dana.w@example.com"):
        assert secret not in page
    assert AuditEvent.objects.filter(object_type="outbox", action="view").exists()


def test_retry_button_resends_a_failed_message(staff_client, django_capture_on_commit_callbacks):
    failed = _row(make_referral(), status="failed", attempts=6, last_error="HTTP: refused")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admissions:followup_retry", args=[failed.pk]), {"next": "/staff/outbox/"}
        )
    assert response.status_code == 302 and response["Location"] == "/staff/outbox/"
    failed.refresh_from_db()
    assert failed.status == "sent" and len(mail.outbox) == 1
    assert AuditEvent.objects.filter(detail__contains=f"followup {failed.pk}").count() == 1


def test_retry_returns_only_to_a_staff_page(staff_client):
    failed = _row(make_referral(), status="failed")
    response = staff_client.post(
        reverse("admissions:followup_retry", args=[failed.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("admissions:outbox")


def test_retry_of_a_message_that_is_not_failed_changes_nothing(staff_client):
    sent = _row(make_referral(), status="sent", sent_at=timezone.now())
    response = staff_client.post(reverse("admissions:followup_retry", args=[sent.pk]), follow=True)
    assert "nothing to retry" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == "sent" and mail.outbox == []


def test_retry_is_post_only_and_guessed_ids_are_404(staff_client):
    failed = _row(make_referral(), status="failed")
    assert (
        staff_client.get(reverse("admissions:followup_retry", args=[failed.pk])).status_code == 405
    )
    assert staff_client.post(reverse("admissions:followup_retry", args=[999999])).status_code == 404


def test_people_without_the_permission_cannot_see_or_retry(client):
    failed = _row(make_referral(), status="failed")
    assert client.get(reverse("admissions:outbox")).status_code == 302  # to the login page

    sign_in_verified(client, make_staff(roles.CLINICIAN), backend=MODEL_BACKEND)
    assert client.get(reverse("admissions:outbox")).status_code == 403
    response = client.post(reverse("admissions:followup_retry", args=[failed.pk]))
    assert response.status_code == 403
    failed.refresh_from_db()
    assert failed.status == "failed"

    sign_in_verified(client, make_staff(roles.PROGRAM_ADMIN), backend=MODEL_BACKEND)
    assert client.post(reverse("admissions:followup_retry", args=[failed.pk])).status_code == 404


def test_referral_page_shows_each_follow_up_state_and_a_retry_for_failed(staff_client):
    referral = make_referral(status="contacting", no_response_proposed_at=timezone.now())
    sent = _row(referral, status="sent", sent_at=timezone.now())
    failed = _row(referral, "no_response_3", status="failed", last_error="HTTP: refused (HTTP 400)")
    _row(referral, "no_response_1", scheduled_for=timezone.now() + timedelta(days=1))

    page = staff_client.get(reverse("admissions:referral_detail", args=[referral.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "✓ Sent" in html and "✗ Failed" in html and "○ Pending" in html
    assert "Scheduled for" in html
    assert "HTTP: refused (HTTP 400)" in html
    retry_url = reverse("admissions:followup_retry", args=[failed.pk])
    assert html.count('action="/staff/outbox/') == 1 and retry_url in html
    assert reverse("admissions:followup_retry", args=[sent.pk]) not in html
    assert 'id="no-response-proposed"' in html
