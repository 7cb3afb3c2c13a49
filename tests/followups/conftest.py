"""Fixtures for the follow-up tests: staff in the groups that receive alerts, a clean SMS
outbox, and a broker assumed up at the start of every test."""

import pytest
from django.contrib.auth.models import Group

from admissions.messaging import sms
from admissions.services import followups
from core import roles
from tests.admissions.factories import make_staff


@pytest.fixture(autouse=True)
def _clean_outboxes(monkeypatch):
    sms.outbox.clear()
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    yield
    sms.outbox.clear()


@pytest.fixture
def admissions_staff(db):
    return make_staff(roles.ADMISSIONS, email="intake-desk@staff.example.org")


@pytest.fixture
def oncall_clinician(db):
    return make_staff(roles.CLINICIAN, groups=[roles.ON_CALL], email="oncall-1@staff.example.org")


@pytest.fixture
def admissions_lead(db):
    user = make_staff(roles.ADMISSIONS, email="lead@staff.example.org")
    user.groups.add(Group.objects.get(name=roles.ADMISSIONS_LEAD))
    return user
