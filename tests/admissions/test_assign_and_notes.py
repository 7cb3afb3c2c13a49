"""Assignment (to someone, to oneself, to nobody) and notes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from admissions.models import Note
from admissions.services.referrals import referral_assign, referral_note_add
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import make_referral, make_staff

pytestmark = pytest.mark.django_db


def test_assign_to_a_colleague_then_unassign(admissions_user, clinician):
    referral = make_referral()

    referral_assign(referral=referral, assignee=clinician, actor=admissions_user)
    referral.refresh_from_db()
    assert referral.assigned_to == clinician

    referral_assign(referral=referral, assignee=None, actor=admissions_user)
    referral.refresh_from_db()
    assert referral.assigned_to is None
    details = list(
        AuditEvent.objects.filter(action="change").order_by("id").values_list("detail", flat=True)
    )
    assert details == [
        f"assigned_to user - -> user {clinician.pk}",
        f"assigned_to user {clinician.pk} -> user -",
    ]


@pytest.mark.parametrize("role", [roles.PROGRAM_ADMIN, None])
def test_a_referral_cannot_be_assigned_to_someone_who_cannot_see_it(role, admissions_user):
    referral = make_referral()

    with pytest.raises(ValidationError):
        referral_assign(referral=referral, assignee=make_staff(role), actor=admissions_user)

    referral.refresh_from_db()
    assert referral.assigned_to is None


def test_assign_to_me_from_the_page(signed_in, admissions_user):
    referral = make_referral()

    response = signed_in(admissions_user).post(
        reverse("admissions:referral_assign", args=[referral.pk]),
        {"assignee": admissions_user.pk},
        follow=True,
    )

    referral.refresh_from_db()
    assert referral.assigned_to == admissions_user
    assert "Assignment saved." in response.content.decode()


def test_the_assignee_list_holds_only_staff_who_can_see_referrals(signed_in, admissions_user):
    clinician = make_staff(roles.CLINICIAN)
    program_admin = make_staff(roles.PROGRAM_ADMIN)
    inactive = make_staff(roles.ADMISSIONS, is_active=False)
    referral = make_referral()

    page = signed_in(admissions_user).get(reverse("admissions:referral_detail", args=[referral.pk]))

    choices = set(page.context["assign_form"].fields["assignee"].queryset)
    assert {admissions_user, clinician} <= choices
    assert program_admin not in choices and inactive not in choices


def test_assigning_to_a_disallowed_user_from_the_page_is_refused(signed_in, admissions_user):
    referral = make_referral()
    program_admin = make_staff(roles.PROGRAM_ADMIN)

    response = signed_in(admissions_user).post(
        reverse("admissions:referral_assign", args=[referral.pk]), {"assignee": program_admin.pk}
    )

    assert response.status_code == 400
    assert "assignee" in response.context["assign_form"].errors
    referral.refresh_from_db()
    assert referral.assigned_to is None


def test_notes_are_kept_newest_first_with_their_author(signed_in, clinician, admissions_user):
    referral = make_referral()
    referral_note_add(referral=referral, author=admissions_user, body="Left a voicemail.")
    client = signed_in(clinician)

    client.post(
        reverse("admissions:referral_note", args=[referral.pk]),
        {"body": "Reviewed answers; see override."},
    )

    notes = list(Note.objects.filter(referral=referral))
    assert [n.body for n in notes] == ["Reviewed answers; see override.", "Left a voicemail."]
    assert notes[0].author == clinician
    event = AuditEvent.objects.filter(action="create", fields=["notes"]).latest("id")
    assert event.detail == f"note {notes[0].pk}"
    page = client.get(reverse("admissions:referral_detail", args=[referral.pk])).content.decode()
    assert page.index("Reviewed answers") < page.index("Left a voicemail.")


def test_an_empty_note_is_refused_next_to_the_field(signed_in, admissions_user):
    referral = make_referral()

    response = signed_in(admissions_user).post(
        reverse("admissions:referral_note", args=[referral.pk]), {"body": "   "}
    )

    assert response.status_code == 400
    assert "body" in response.context["note_form"].errors
    assert not Note.objects.exists()
