"""Sign-in throttling holds when the attempts are spread: over many addresses for one
account, or over many accounts from one address. Lockouts are audited once, kindly worded."""

import pytest
from django.test import Client

from audit.models import AuditEvent
from tests.admissions.factories import STAFF_PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def _try(address: str, username: str, password: str = "wrong-password-1"):  # noqa: S107
    return Client(REMOTE_ADDR=address).post(
        "/staff/login/", {"username": username, "password": password}
    )


def test_forty_wrong_passwords_over_ten_addresses_lock_the_account(clinician):
    statuses = [_try(f"198.51.100.{n % 10 + 1}", clinician.username).status_code for n in range(40)]

    assert statuses[:4] == [200] * 4
    assert set(statuses[5:]) == {429}
    locked = sign_in(Client(REMOTE_ADDR="198.51.100.200"), clinician.username, STAFF_PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert (
        AuditEvent.objects.filter(action="locked_out", actor_label=clinician.username).count() == 1
    )
    assert AuditEvent.objects.filter(action="login_failed").count() == 41


def test_sixty_usernames_from_one_address_are_stopped(clinician, settings):
    statuses = [_try("203.0.113.66", f"someone{n}").status_code for n in range(60)]

    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit:]) == {429}
    # Even a real account's right password is refused from that address for now...
    assert _try("203.0.113.66", clinician.username, STAFF_PASSWORD).status_code == 429
    # ...but not from another one.
    assert sign_in(Client(REMOTE_ADDR="203.0.113.67"), clinician.username).status_code == 302
    assert AuditEvent.objects.filter(action="locked_out").count() == 1


def test_signing_in_to_ones_own_account_does_not_wipe_the_address_count(clinician, admissions_user):
    for _ in range(4):
        _try("192.0.2.50", clinician.username)
    assert sign_in(Client(REMOTE_ADDR="192.0.2.50"), admissions_user.username).status_code == 302

    assert _try("192.0.2.50", clinician.username).status_code == 429
