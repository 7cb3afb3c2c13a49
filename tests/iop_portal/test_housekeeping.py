"""Beat clears expired sessions."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from iop_portal.tasks import sessions_clear_expired

pytestmark = pytest.mark.django_db


def test_expired_sessions_are_deleted_and_live_ones_kept(settings):
    live, old = SessionStore(), SessionStore()
    live.create()
    old.create()
    Session.objects.filter(session_key=old.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )

    sessions_clear_expired.apply()

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert "sessions-clear-expired" in settings.CELERY_BEAT_SCHEDULE


def test_records_of_staff_sessions_that_are_gone_are_forgotten(signed_in, clinician):
    from accounts.models import StaffSession

    client = signed_in(clinician)
    live_key = client.session.session_key
    StaffSession.objects.create(user=clinician, session_key="expired-and-cleared")

    sessions_clear_expired.apply()

    assert list(StaffSession.objects.values_list("session_key", flat=True)) == [live_key]
