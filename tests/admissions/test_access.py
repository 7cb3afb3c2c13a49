"""Who may open which staff page and take which action — including the forbidden ones and
guessed ids. A role that cannot see referrals gets a 404 for every referral id; a role that
can see a referral but not act on it gets a 403, and nothing changes."""

import pytest
from django.urls import reverse

from admissions.models import ContactAttempt, Note, Override, Referral
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import make_referral, make_staff

pytestmark = pytest.mark.django_db

ROLE_NAMES = [roles.ADMISSIONS, roles.CLINICIAN, roles.PROGRAM_ADMIN, roles.ADMINISTRATOR, None]
LONG_REASON = "Collateral history shows rapid decline; needs a more structured program now."


def _actions(referral, user):
    """(name, url, POST data) for every action on the review page."""
    pk = referral.pk
    return {
        "assign": (reverse("admissions:referral_assign", args=[pk]), {"assignee": user.pk}),
        "status": (
            reverse("admissions:referral_status", args=[pk]),
            {"to_status": "closed", "reason": "Duplicate of another referral."},
        ),
        "note": (reverse("admissions:referral_note", args=[pk]), {"body": "Called twice."}),
        "contact": (
            reverse("admissions:referral_contact", args=[pk]),
            {"channel": "phone", "outcome": "no_answer", "note": ""},
        ),
        "override": (
            reverse("admissions:referral_override", args=[pk]),
            {"level": "php", "reason": LONG_REASON, "note": ""},
        ),
    }


# Expected status per role: 302 = done (redirect back to the page), 403, 404.
EXPECTED = {
    roles.ADMISSIONS: {"assign": 302, "status": 302, "note": 302, "contact": 302, "override": 403},
    roles.CLINICIAN: {"assign": 403, "status": 403, "note": 302, "contact": 403, "override": 302},
    roles.PROGRAM_ADMIN: dict.fromkeys(("assign", "status", "note", "contact", "override"), 404),
    roles.ADMINISTRATOR: {
        "assign": 302,
        "status": 302,
        "note": 302,
        "contact": 302,
        "override": 403,
    },
    None: dict.fromkeys(("assign", "status", "note", "contact", "override"), 404),
}


def _state(referral):
    referral.refresh_from_db()
    return (
        referral.assigned_to_id,
        referral.status,
        referral.override_level,
        Note.objects.filter(referral=referral).count(),
        ContactAttempt.objects.filter(referral=referral).count(),
        Override.objects.filter(referral=referral).count(),
    )


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize("action", ["assign", "status", "note", "contact", "override"])
def test_each_role_may_take_exactly_its_actions(role, action, signed_in):
    user = make_staff(role)
    referral = make_referral(level="iop")
    before = _state(referral)
    url, data = _actions(referral, user)[action]

    response = signed_in(user).post(url, data)

    expected = EXPECTED[role][action]
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(f"/staff/referrals/{referral.pk}/")
        assert _state(referral) != before
    else:
        assert _state(referral) == before


@pytest.mark.parametrize(
    ("role", "queue", "detail", "export", "audit"),
    [
        (roles.ADMISSIONS, 200, 200, 403, 403),
        (roles.CLINICIAN, 200, 200, 403, 403),
        (roles.PROGRAM_ADMIN, 403, 404, 403, 403),
        (roles.ADMINISTRATOR, 200, 200, 200, 200),
        (None, 403, 404, 403, 403),
    ],
)
def test_each_role_sees_exactly_its_pages(role, queue, detail, export, audit, signed_in):
    referral = make_referral()
    client = signed_in(make_staff(role))

    assert client.get(reverse("admissions:queue")).status_code == queue
    assert client.get(reverse("admissions:referral_detail", args=[referral.pk])).status_code == (
        detail
    )
    assert client.get(reverse("admissions:queue_export")).status_code == export
    assert client.get(reverse("audit:event_list")).status_code == audit


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_a_guessed_referral_id_is_a_404_for_every_role_and_action(role, signed_in):
    user = make_staff(role)
    referral = make_referral()
    missing = Referral.objects.order_by("-pk").first().pk + 1000
    client = signed_in(user)

    assert client.get(reverse("admissions:referral_detail", args=[missing])).status_code == 404
    for url, data in _actions(referral, user).values():
        guessed = url.replace(f"/{referral.pk}/", f"/{missing}/")
        assert client.post(guessed, data).status_code == 404
    assert not AuditEvent.objects.filter(object_id=str(missing)).exists()


def test_a_404_for_a_role_without_access_shows_no_data_of_the_real_referral(signed_in):
    referral = make_referral(first_name="Zebulon", last_name="Quartermaine")
    response = signed_in(make_staff(roles.PROGRAM_ADMIN)).get(
        reverse("admissions:referral_detail", args=[referral.pk])
    )

    assert response.status_code == 404
    assert b"Zebulon" not in response.content
    assert b"Quartermaine" not in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/staff/",
        "/staff/referrals/",
        "/staff/referrals/1/",
        "/staff/referrals/export.csv",
        "/staff/audit/",
        "/staff/password/",
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/?next=")


def test_anonymous_posts_change_nothing_and_are_sent_to_login(client):
    referral = make_referral()
    before = _state(referral)

    response = client.post(
        reverse("admissions:referral_note", args=[referral.pk]), {"body": "sneaky"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")
    assert _state(referral) == before


def test_get_on_an_action_url_is_not_allowed(signed_in, admissions_user):
    referral = make_referral()
    response = signed_in(admissions_user).get(
        reverse("admissions:referral_assign", args=[referral.pk])
    )
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("role", "start"),
    [
        (roles.ADMISSIONS, "/staff/referrals/"),
        (roles.CLINICIAN, "/staff/referrals/"),
        (roles.ADMINISTRATOR, "/staff/referrals/"),
        (roles.PROGRAM_ADMIN, "/staff/programs/"),
    ],
)
def test_staff_home_sends_each_role_to_its_start_page(role, start, signed_in):
    response = signed_in(make_staff(role)).get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == start
