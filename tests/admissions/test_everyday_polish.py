"""Everyday polish: "Back to the queue" keeps the filters, the contact actions come first on
the referral page, confirmations float in view, one date format, bulk assignment."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.models import Referral
from audit.models import AuditEvent
from tests.admissions.factories import make_referral, make_staff

pytestmark = pytest.mark.django_db


def _detail(client, referral) -> str:
    return client.get(reverse("admissions:referral_detail", args=[referral.pk])).content.decode()


def test_back_to_the_queue_keeps_the_filters_without_putting_them_in_the_link(
    signed_in, admissions_user
):
    referral = make_referral(first_name="Quinn", level="php")
    client = signed_in(admissions_user)
    client.get("/staff/referrals/", {"urgency": "priority", "q": "Quinn", "page": "1"})

    page = _detail(client, referral)

    assert 'href="/staff/referrals/?urgency=priority&amp;q=Quinn&amp;page=1"' in page
    link = reverse("admissions:referral_detail", args=[referral.pk])
    queue = client.get("/staff/referrals/", {"q": "Quinn"}).content.decode()
    assert f'href="{link}"' in queue  # the row's own link carries no filters


def test_the_contact_actions_come_before_everything_but_the_name(signed_in, admissions_user):
    referral = make_referral(phone="(555) 234-5678")

    page = _detail(signed_in(admissions_user), referral)

    contact = page.index('id="contact"')
    assert page.index('id="referral-heading"') < contact
    for later in ('id="level"', 'id="assessment"', 'id="screenings"', 'id="notes"'):
        assert contact < page.index(later)
    card = page[contact : page.index('class="detail-grid"')]
    assert 'href="tel:5552345678"' in card and "Log attempt" in card


def test_a_confirmation_floats_in_view_after_saving(signed_in, admissions_user):
    referral = make_referral()

    response = signed_in(admissions_user).post(
        reverse("admissions:referral_note", args=[referral.pk]),
        {"body": "Left a note."},
        follow=True,
    )

    page = response.content.decode()
    toasts = page[page.index('class="staff-toasts"') :]
    assert "Note added." in toasts[: toasts.index("</div>\n</div>") + 20]
    assert response.redirect_chain[-1][0].endswith("#notes")


def test_staff_pages_write_dates_one_way(signed_in, admissions_user):
    referral = make_referral()
    page = _detail(signed_in(admissions_user), referral)

    local = timezone.localtime(referral.created_at)
    hour = local.strftime("%I").lstrip("0")
    assert f"{local:%b} {local.day}, {local.year}, {hour}:{local:%M %p}" in page
    assert not re.search(r"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b", page)  # no ISO-ish stamps
    assert not re.search(r"\b\d{1,2}:\d{2} [ap]\.m\.", page)  # no "3:05 p.m." variants


def test_bulk_assign_from_the_queue(signed_in, admissions_user):
    colleague = make_staff(first_name="Bo", last_name="Colleague")
    first, second, untouched = make_referral(), make_referral(), make_referral()
    client = signed_in(admissions_user)
    client.get("/staff/referrals/", {"urgency": "routine"})

    response = client.post(
        reverse("admissions:queue_bulk_assign"),
        {"referrals": [first.pk, second.pk], "assignee": colleague.pk},
    )

    assert response.status_code == 302
    assert response["Location"] == "/staff/referrals/?urgency=routine"  # back to the filters
    assigned = set(Referral.objects.filter(assigned_to=colleague).values_list("pk", flat=True))
    assert assigned == {first.pk, second.pk}
    untouched.refresh_from_db()
    assert untouched.assigned_to is None
    events = AuditEvent.objects.filter(fields=["assigned_to"], actor=admissions_user)
    assert set(events.values_list("object_id", flat=True)) == {str(first.pk), str(second.pk)}
    page = client.get("/staff/referrals/").content.decode()
    assert "2 referrals assigned to Bo Colleague." in page


def test_bulk_assign_with_nothing_ticked_says_so(signed_in, admissions_user):
    response = signed_in(admissions_user).post(
        reverse("admissions:queue_bulk_assign"), {"assignee": admissions_user.pk}, follow=True
    )

    assert "Tick the referrals to assign first." in response.content.decode()


def test_clinicians_cannot_bulk_assign(signed_in, clinician):
    referral = make_referral()

    response = signed_in(clinician).post(
        reverse("admissions:queue_bulk_assign"),
        {"referrals": [referral.pk], "assignee": clinician.pk},
    )

    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.assigned_to is None
