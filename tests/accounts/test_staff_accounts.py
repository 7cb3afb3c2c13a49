"""/staff/accounts/: administrators invite, give and take roles, deactivate, reset a second
factor and end sessions. Each event writes exactly one audit row; a refused or tampered
request changes nothing; nobody but a superuser hands out superuser, is_staff or raw
permissions."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SetPasswordLink
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import STAFF_PASSWORD, make_staff, sign_in

pytestmark = pytest.mark.django_db
User = get_user_model()


def _snapshot(user):
    user = User.objects.get(pk=user.pk)
    return (
        user.is_active,
        user.is_staff,
        user.is_superuser,
        user.password,
        sorted(user.groups.values_list("name", flat=True)),
        sorted(user.user_permissions.values_list("codename", flat=True)),
    )


def _events(**filters):
    return AuditEvent.objects.filter(object_type="user", **filters)


@pytest.fixture
def admin_client(signed_in, administrator):
    return signed_in(administrator)


def test_only_administrators_open_the_accounts_pages(signed_in, staff_user, administrator):
    for role in (roles.ADMISSIONS, roles.CLINICIAN, roles.PROGRAM_ADMIN, None):
        client = signed_in(staff_user(role))
        assert client.get("/staff/accounts/").status_code == 403
        assert client.get(f"/staff/accounts/{administrator.pk}/").status_code == 403
        assert client.post(f"/staff/accounts/{administrator.pk}/deactivate/").status_code == 403
    administrator.refresh_from_db()
    assert administrator.is_active
    assert Client().get("/staff/accounts/")["Location"].startswith("/staff/login/")


def test_the_list_shows_staff_roles_and_second_factor(admin_client, clinician):
    page = admin_client.get("/staff/accounts/").content.decode()
    assert clinician.username in page and "Clinician" in page and "Set up" in page


def test_an_unknown_account_id_is_404(admin_client):
    assert admin_client.get("/staff/accounts/999999/").status_code == 404
    assert admin_client.post("/staff/accounts/999999/deactivate/").status_code == 404


def _invite(client, **overrides):
    data = {
        "email": "New.Person@Clinic.test",
        "first_name": "Nia",
        "last_name": "Newhire",
        "roles": [roles.ADMISSIONS, roles.ON_CALL],
        **overrides,
    }
    return client.post("/staff/accounts/invite/", data)


def _link_from_mail() -> str:
    body = mail.outbox[-1].body
    return re.search(r"http://[^/]+(/staff/set-password/[^/\s]+/)", body).group(1)


def test_an_invitation_emails_only_a_single_use_link_and_is_audited_once(admin_client):
    response = _invite(admin_client)

    user = User.objects.get(email="new.person@clinic.test")
    assert response.status_code == 302
    assert not user.has_usable_password() and not user.is_staff and not user.is_superuser
    assert sorted(user.groups.values_list("name", flat=True)) == [roles.ADMISSIONS, roles.ON_CALL]
    message = mail.outbox[-1]
    assert message.to == ["new.person@clinic.test"]
    assert "Nia" not in message.body and "Admissions" not in message.body
    events = _events(object_id=str(user.pk))
    assert [e.action for e in events] == ["invited"]
    link = _link_from_mail()
    token = link.rsplit("/", 2)[-2]
    assert token not in str(events[0].__dict__)
    assert not SetPasswordLink.objects.filter(token_digest=token).exists()  # digest only

    newcomer = Client()
    opened = newcomer.get(link)
    assert opened["Location"] == "/staff/set-password/"  # the token leaves the address bar
    new_password = "a-long-and-new-passphrase-7"
    done = newcomer.post(
        "/staff/set-password/", {"new_password1": new_password, "new_password2": new_password}
    )
    assert done["Location"] == "/staff/login/"
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert [e.action for e in _events(object_id=str(user.pk), action="password_set")] == [
        "password_set"
    ]

    # Single use: the same link again changes nothing.
    again = Client()
    again.get(link)
    refused = again.post(
        "/staff/set-password/", {"new_password1": "x" * 20 + "9Q", "new_password2": "x" * 20 + "9Q"}
    )
    assert refused.status_code == 410
    user.refresh_from_db()
    assert user.check_password(new_password)

    # The first sign-in asks for an authenticator before anything else.
    first = Client()
    first.post("/staff/login/", {"username": user.username, "password": new_password})
    assert first.get("/staff/referrals/")["Location"].startswith("/staff/mfa/enrol/")


def test_an_expired_invitation_link_is_refused(admin_client, clock):
    clock.set(timezone.now())
    _invite(admin_client)
    link = _link_from_mail()
    clock.advance(timedelta(hours=73))
    newcomer = Client()
    newcomer.get(link)
    response = newcomer.post(
        "/staff/set-password/",
        {
            "new_password1": "a-long-and-new-passphrase-7",
            "new_password2": "a-long-and-new-passphrase-7",
        },
    )
    assert response.status_code == 410
    assert "no longer works" in response.content.decode()
    assert not User.objects.get(email="new.person@clinic.test").has_usable_password()


def test_a_newer_link_ends_the_older_one(admin_client):
    _invite(admin_client)
    first_link = _link_from_mail()
    user = User.objects.get(email="new.person@clinic.test")
    admin_client.post(f"/staff/accounts/{user.pk}/send-link/")
    newcomer = Client()
    newcomer.get(first_link)
    assert newcomer.get("/staff/set-password/").status_code == 410


def test_inviting_an_existing_address_or_a_non_portal_role_changes_nothing(admin_client, clinician):
    before = User.objects.count()
    assert "already an account" in _invite(admin_client, email=clinician.email).content.decode()
    bad_role = _invite(admin_client, roles=["Superusers"])
    assert "portal" in bad_role.content.decode()
    assert User.objects.count() == before
    assert not mail.outbox
    assert not _events(action="invited")


@pytest.mark.parametrize(
    "extra",
    [
        {"is_superuser": "on"},
        {"is_staff": "on"},
        {"user_permissions": "1"},
        {"groups": "1"},
    ],
)
def test_a_tampered_invitation_is_refused_whole(admin_client, extra):
    response = _invite(admin_client, **extra)
    assert "does not accept" in response.content.decode()
    assert not User.objects.filter(email="new.person@clinic.test").exists()
    assert not AuditEvent.objects.filter(action="invited").exists()


def test_roles_granted_and_removed_write_one_row_each(admin_client, clinician):
    response = admin_client.post(
        f"/staff/accounts/{clinician.pk}/roles/", {"roles": [roles.ADMISSIONS, roles.ON_CALL]}
    )

    assert response.status_code == 302
    assert sorted(clinician.groups.values_list("name", flat=True)) == [
        roles.ADMISSIONS,
        roles.ON_CALL,
    ]
    events = _events(object_id=str(clinician.pk))
    assert sorted((e.action, e.detail) for e in events) == [
        ("role_granted", "granted Admissions"),
        ("role_granted", "granted On call"),
        ("role_removed", "removed Clinician"),
    ]


@pytest.mark.parametrize(
    "data",
    [
        {"roles": [roles.ADMISSIONS, "Superusers"]},
        {"roles": [roles.ADMISSIONS], "is_superuser": "on"},
        {"roles": [roles.ADMISSIONS], "is_staff": "on"},
        {"roles": [roles.ADMISSIONS], "user_permissions": "1"},
        {"roles": [roles.ADMISSIONS], "user": "1"},
    ],
)
def test_a_tampered_roles_form_is_refused_without_partial_writes(admin_client, clinician, data):
    if "user_permissions" in data:
        data["user_permissions"] = str(Permission.objects.get(codename="override_level").pk)
    before = _snapshot(clinician)

    response = admin_client.post(f"/staff/accounts/{clinician.pk}/roles/", data, follow=True)

    assert _snapshot(clinician) == before
    assert not _events(object_id=str(clinician.pk))
    page = response.content.decode()
    assert "does not accept" in page or "portal" in page


def test_an_administrator_cannot_escalate_by_any_portal_route(admin_client, administrator):
    """Posting superuser flags, permissions or another group at one's own account, or
    touching a superuser's account, writes nothing."""
    Group.objects.create(name="Shadow admins")
    superuser = User.objects.create_superuser("root", "root@staff.example.org", "root-pass-123456")
    before_self, before_root = _snapshot(administrator), _snapshot(superuser)

    for data in (
        {"roles": [roles.ADMINISTRATOR, "Shadow admins"]},
        {"roles": [roles.ADMINISTRATOR], "is_superuser": "1"},
        {"roles": [roles.ADMINISTRATOR], "user_permissions": "1"},
        {"roles": [roles.ADMINISTRATOR, roles.CLINICIAN], "id": str(superuser.pk)},
    ):
        admin_client.post(f"/staff/accounts/{administrator.pk}/roles/", data)
    for action in ("roles", "deactivate", "mfa-reset", "end-sessions", "send-link"):
        data = {"roles": [roles.ADMISSIONS]} if action == "roles" else {}
        response = admin_client.post(f"/staff/accounts/{superuser.pk}/{action}/", data)
        assert response.status_code == 403

    assert _snapshot(administrator) == before_self
    assert _snapshot(superuser) == before_root
    assert not AuditEvent.objects.filter(object_type="user").exclude(action="login").exists()


def test_refused_actions_say_why_and_change_nothing(admin_client, administrator, clinician):
    before = _snapshot(administrator)
    removed = admin_client.post(
        f"/staff/accounts/{administrator.pk}/roles/", {"roles": []}, follow=True
    )
    assert "cannot remove your own Administrator role" in removed.content.decode()
    own = admin_client.post(f"/staff/accounts/{administrator.pk}/deactivate/", follow=True)
    assert "cannot deactivate your own account" in own.content.decode()
    same = admin_client.post(
        f"/staff/accounts/{clinician.pk}/roles/", {"roles": [roles.CLINICIAN]}, follow=True
    )
    assert "Nothing changed" in same.content.decode()
    active = admin_client.post(f"/staff/accounts/{clinician.pk}/reactivate/", follow=True)
    assert "already active" in active.content.decode()
    assert _snapshot(administrator) == before
    assert not AuditEvent.objects.filter(object_type="user").exclude(action="login").exists()


def test_deactivation_ends_sessions_and_sign_in_and_reactivation_restores_it(
    admin_client, signed_in, clinician
):
    their_browser = signed_in(clinician)
    assert their_browser.get("/staff/referrals/").status_code == 200

    admin_client.post(f"/staff/accounts/{clinician.pk}/deactivate/")

    assert their_browser.get("/staff/referrals/")["Location"].startswith("/staff/login/")
    refused = sign_in(Client(), clinician.username, STAFF_PASSWORD)
    assert refused.status_code == 200 and "_auth_user_id" not in refused.client.session
    assert [e.action for e in _events(object_id=str(clinician.pk)).exclude(action="login")] == [
        "deactivated"
    ]

    admin_client.post(f"/staff/accounts/{clinician.pk}/reactivate/")
    assert sign_in(Client(), clinician.username, STAFF_PASSWORD).status_code == 302
    assert sorted(
        e.action for e in _events(object_id=str(clinician.pk)).exclude(action="login")
    ) == ["deactivated", "reactivated"]


def test_ended_sessions_really_end(admin_client, clinician):
    laptop, phone = Client(), Client()
    sign_in(laptop, clinician.username)
    sign_in(phone, clinician.username)
    assert laptop.get("/staff/referrals/").status_code == 200

    response = admin_client.post(f"/staff/accounts/{clinician.pk}/end-sessions/", follow=True)

    assert "2 session(s) ended" in response.content.decode()
    for browser in (laptop, phone):
        assert browser.get("/staff/referrals/")["Location"].startswith("/staff/login/")
    events = _events(object_id=str(clinician.pk), action="sessions_ended")
    assert len(events) == 1
    assert events[0].detail == "2 session(s) ended"
    # They can sign in again (with a code from a later 30-second step than the two above).
    TOTPDevice.objects.filter(user=clinician).update(last_t=-1)
    assert sign_in(Client(), clinician.username).status_code == 302


def test_resetting_the_second_factor_signs_out_and_forces_enrolment(admin_client, clinician):
    browser = Client()
    sign_in(browser, clinician.username)

    admin_client.post(f"/staff/accounts/{clinician.pk}/mfa-reset/")

    assert not TOTPDevice.objects.filter(user=clinician).exists()
    assert browser.get("/staff/referrals/")["Location"].startswith("/staff/login/")
    fresh = Client()
    fresh.post("/staff/login/", {"username": clinician.username, "password": STAFF_PASSWORD})
    assert fresh.get("/staff/referrals/")["Location"].startswith("/staff/mfa/enrol/")
    assert [e.action for e in _events(object_id=str(clinician.pk)).exclude(action="login")] == [
        "mfa_reset"
    ]
    again = admin_client.post(f"/staff/accounts/{clinician.pk}/mfa-reset/", follow=True)
    assert "has not set up a second factor" in again.content.decode()


def test_a_password_reset_link_is_audited_and_sets_the_password(admin_client, clinician):
    admin_client.post(f"/staff/accounts/{clinician.pk}/send-link/")
    assert [e.action for e in _events(object_id=str(clinician.pk))] == ["password_reset"]
    browser = Client()
    browser.get(_link_from_mail())
    new_password = "another-long-passphrase-88"
    browser.post(
        "/staff/set-password/", {"new_password1": new_password, "new_password2": new_password}
    )
    clinician.refresh_from_db()
    assert clinician.check_password(new_password)
    assert sorted(e.action for e in _events(object_id=str(clinician.pk))) == [
        "password_reset",
        "password_set",
    ]


def test_changing_ones_own_password_writes_one_row(signed_in, clinician):
    client = signed_in(clinician)
    new_password = "a-new-and-long-passphrase-42"
    client.post(
        "/staff/password/",
        {
            "old_password": STAFF_PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )
    events = _events(object_id=str(clinician.pk), action="password_changed")
    assert len(events) == 1 and events[0].fields == ["password"]
    assert new_password not in str(events[0].__dict__)
    # The changed session is still recorded: ending sessions still reaches it.
    admin = make_staff(roles.ADMINISTRATOR)
    from accounts.services.staff_sessions import staff_sessions_end

    assert staff_sessions_end(actor=admin, user_id=clinician.pk) == 1
    assert client.get("/staff/referrals/")["Location"].startswith("/staff/login/")
