"""Staff users by role and signed-in clients for the workspace tests."""

import pytest
from django.test import Client

from core import roles
from tests.admissions.factories import make_staff


@pytest.fixture
def admissions_user(db):
    return make_staff(roles.ADMISSIONS, first_name="Alex", last_name="Intake")


@pytest.fixture
def clinician(db):
    return make_staff(roles.CLINICIAN, first_name="Sam", last_name="Doctor")


@pytest.fixture
def program_admin(db):
    return make_staff(roles.PROGRAM_ADMIN)


@pytest.fixture
def administrator(db):
    return make_staff(roles.ADMINISTRATOR)


@pytest.fixture
def no_role_user(db):
    return make_staff(None)


@pytest.fixture
def signed_in():
    """``signed_in(user)`` -> a test client with that user signed in."""

    def _client(user) -> Client:
        client = Client(REMOTE_ADDR="10.1.2.3")
        client.force_login(user)
        return client

    return _client
