"""The session engine saves an existing session with its one UPDATE (inside a caller's
transaction too, committed with it), writes nothing when saved again unchanged, and otherwise
behaves as Django's database sessions."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.sessions import SessionStore


def test_the_project_uses_it():
    assert settings.SESSION_ENGINE == "core.sessions"


def _stored_key() -> str:
    """A saved session holding ``draft = "one"``; its key."""
    store = SessionStore()
    store["draft"] = "one"
    store.create()
    return store.session_key


@pytest.mark.django_db(transaction=True)
def test_a_changed_session_is_saved_by_one_update():
    key = _stored_key()

    again = SessionStore(session_key=key)
    again["draft"] = "two"
    again.set_expiry(3600)
    with CaptureQueriesContext(connection) as queries:
        again.save()

    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    assert SessionStore(session_key=key)["draft"] == "two"
    assert 3500 < SessionStore(session_key=key).get_expiry_age() <= 3600


@pytest.mark.django_db(transaction=True)
def test_a_session_deleted_meanwhile_is_not_recreated_by_a_save():
    key = _stored_key()
    stale = SessionStore(session_key=key)
    stale["draft"] = "two"
    Session.objects.filter(session_key=key).delete()

    with pytest.raises(UpdateError):
        stale.save()
    assert not Session.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_it_is_one_update_that_commits_with_the_callers_writes():
    key = _stored_key()
    with transaction.atomic():
        again = SessionStore(session_key=key)
        again["draft"] = "two"
        with CaptureQueriesContext(connection) as queries:
            again.save()
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    assert SessionStore(session_key=key)["draft"] == "two"


@pytest.mark.django_db(transaction=True)
def test_a_save_the_callers_transaction_undoes_is_undone_with_it():
    key = _stored_key()
    with pytest.raises(RuntimeError), transaction.atomic():
        again = SessionStore(session_key=key)
        again["draft"] = "two"
        again.save()
        raise RuntimeError("the caller's write failed")
    assert SessionStore(session_key=key)["draft"] == "one"


@pytest.mark.django_db(transaction=True)
def test_saving_it_again_unchanged_writes_nothing_and_a_change_writes_again():
    key = _stored_key()
    again = SessionStore(session_key=key)
    again["draft"] = "two"
    again.save()  # the view's save, say

    with CaptureQueriesContext(connection) as queries:
        again.save()  # the middleware's, the data as saved
    assert queries.captured_queries == []

    again["draft"] = "three"
    with CaptureQueriesContext(connection) as queries:
        again.save()
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    assert SessionStore(session_key=key)["draft"] == "three"


@pytest.mark.django_db
def test_a_session_is_loaded_by_its_key_and_not_once_expired():
    key = _stored_key()

    assert SessionStore(session_key=key)["draft"] == "one"
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(session_key=key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new key is made if anything is stored
    assert SessionStore(session_key="no-such-session-key").load() == {}
