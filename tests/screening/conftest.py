"""Clients and staff for the public screener tests."""

import dataclasses
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core import roles
from screening.scoring import DEFAULT_RULE_SET, RULE_SETS
from screening.scoring.rules import Bands


@pytest.fixture
def on_call(db):
    """An on-call clinician: crisis alerts are queued for them."""
    group, _ = Group.objects.get_or_create(name=roles.ON_CALL)
    user = get_user_model().objects.create_user(
        username="oncall1", email="oncall1@staff.example.org", password="x" * 16
    )
    user.groups.add(group)
    return user


TEST_VERSION = "test-loc-0.1"
"""A test-only rule set: the default's rules with a lower iop band (composite 10 and 11 are
iop here, outpatient in the default). Never registered outside these tests."""


@pytest.fixture
def second_rule_set(monkeypatch):
    """Registers ``TEST_VERSION`` alongside the default for one test."""
    rule_set = dataclasses.replace(
        DEFAULT_RULE_SET,
        version=TEST_VERSION,
        composite_bands=Bands(
            ((7, "outpatient"), (10, "iop"), (18, "php"), (23, "inpatient")), maximum=33
        ),
    )
    monkeypatch.setitem(RULE_SETS, TEST_VERSION, rule_set)
    return rule_set


def _staff(role: str | None, username: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@staff.example.org", password="x" * 16
    )
    if Group.objects.filter(name__in=roles.ROLE_PERMISSIONS).count() < len(roles.ROLE_PERMISSIONS):
        roles.ensure_roles()  # a transactional test flushed the groups the migration made
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def staff_user(db):
    """``staff_user(role)`` -> a new user in that role (``None``: no role)."""
    made = itertools.count(1)

    def _make(role: str | None):
        return _staff(role, f"{(role or 'norole').split()[0].lower()}{next(made)}")

    return _make


@pytest.fixture
def administrator(staff_user):
    user = staff_user(roles.ADMINISTRATOR)
    user.first_name, user.last_name = "Ada", "Admin"
    user.save()
    return user
