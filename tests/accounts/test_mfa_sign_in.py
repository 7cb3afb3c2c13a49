"""Staff sign in with a password and a second factor: enrolment is forced at the first
sign-in, a verified session is needed for every staff page, a recovery code works once."""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo_totp import current_code
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import STAFF_PASSWORD, make_staff, totp_code

pytestmark = pytest.mark.django_db


def _password_only(user) -> Client:
    client = Client()
    response = client.post("/staff/login/", {"username": user.username, "password": STAFF_PASSWORD})
    assert response.status_code == 302
    return client


def test_a_password_alone_reaches_no_staff_page(clinician):
    client = _password_only(clinician)

    for path in ("/staff/referrals/", "/staff/password/", "/staff/", "/staff/audit/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/mfa/verify/?next=")
    background = client.get("/staff/referrals/updates.json", headers={"x-background-refresh": "1"})
    assert background.status_code == 401
    assert client.get("/staff/mfa/verify/").status_code == 200
    assert client.post("/staff/logout/").status_code == 302


def test_with_the_second_factor_the_page_asked_for_opens(clinician):
    client = _password_only(clinician)

    response = client.post(
        "/staff/mfa/verify/", {"code": totp_code(clinician), "next": "/staff/referrals/"}
    )

    assert response["Location"] == "/staff/referrals/"
    assert client.get("/staff/referrals/").status_code == 200


def test_a_wrong_code_is_refused_and_audited(clinician):
    client = _password_only(clinician)

    response = client.post("/staff/mfa/verify/", {"code": "000000"})

    assert response.status_code == 200
    assert "did not work" in response.content.decode()
    assert client.get("/staff/referrals/").status_code == 302
    event = AuditEvent.objects.get(action="mfa_failed")
    assert event.object_id == str(clinician.pk) and "000000" not in str(event.__dict__)


def test_a_code_works_once(clinician):
    code = totp_code(clinician)
    first = _password_only(clinician)
    assert first.post("/staff/mfa/verify/", {"code": code}).status_code == 302
    second = _password_only(clinician)
    assert second.post("/staff/mfa/verify/", {"code": code}).status_code == 200


def test_too_many_wrong_codes_end_the_half_finished_sign_in(clinician):
    client = _password_only(clinician)
    for _ in range(10):
        client.post("/staff/mfa/verify/", {"code": "111111"})

    last = client.post("/staff/mfa/verify/", {"code": "111111"})

    assert last["Location"] == "/staff/login/"
    assert "_auth_user_id" not in client.session


def _enrol(client, user) -> list[str]:
    page = client.get("/staff/mfa/enrol/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    shown = client.post("/staff/mfa/enrol/", {"code": current_code(device)})
    assert shown.status_code == 200
    return re.findall(
        r'<li class="col"><code class="fs-6">([a-z2-7]+)</code>', shown.content.decode()
    )


def test_the_first_sign_in_enrols_and_shows_recovery_codes_once(settings):
    newcomer = make_staff(roles.ADMISSIONS, mfa=False)
    client = _password_only(newcomer)
    assert client.get("/staff/referrals/")["Location"].startswith("/staff/mfa/enrol/")

    codes = _enrol(client, newcomer)

    assert len(codes) == settings.STAFF_RECOVERY_CODES == len(set(codes))
    assert client.get("/staff/referrals/").status_code == 200
    assert client.get("/staff/mfa/enrol/")["Location"] == "/staff/"  # shown once, never again
    event = AuditEvent.objects.get(action="mfa_enrolled")
    assert event.object_id == str(newcomer.pk)
    assert not any(code in str(event.__dict__) for code in codes)


def test_a_wrong_first_code_confirms_nothing():
    newcomer = make_staff(roles.ADMISSIONS, mfa=False)
    client = _password_only(newcomer)
    client.get("/staff/mfa/enrol/")

    response = client.post("/staff/mfa/enrol/", {"code": "123456"})

    assert "did not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()
    assert client.get("/staff/referrals/")["Location"].startswith("/staff/mfa/enrol/")
    assert not AuditEvent.objects.filter(action="mfa_enrolled").exists()


def test_a_recovery_code_signs_in_once(settings):
    person = make_staff(roles.ADMISSIONS, mfa=False)
    codes = _enrol(_password_only(person), person)

    phone_lost = _password_only(person)
    used = phone_lost.post(
        "/staff/mfa/verify/", {"code": codes[0].upper()[:4] + "-" + codes[0][4:]}
    )
    assert used.status_code == 302
    assert phone_lost.get("/staff/referrals/").status_code == 200
    assert StaticToken.objects.filter(device__user=person).count() == len(codes) - 1

    again = _password_only(person)
    assert again.post("/staff/mfa/verify/", {"code": codes[0]}).status_code == 200
    assert again.get("/staff/referrals/").status_code == 302


def test_without_enforcement_a_password_is_enough(settings, clinician):
    settings.STAFF_MFA_REQUIRED = False
    assert _password_only(clinician).get("/staff/referrals/").status_code == 200
