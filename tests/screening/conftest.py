"""Clients and staff for the public screener tests."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from admissions.services.followups import ONCALL_GROUP


@pytest.fixture
def on_call(db):
    """An on-call clinician: crisis alerts are queued for them."""
    group, _ = Group.objects.get_or_create(name=ONCALL_GROUP)
    user = get_user_model().objects.create_user(
        username="oncall1", email="oncall1@staff.example.org", password="x" * 16
    )
    user.groups.add(group)
    return user
