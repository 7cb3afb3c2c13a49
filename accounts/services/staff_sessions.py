"""Every open session of a person, ended at once: at sign-in the session's key is recorded
(``receivers.py``); ending someone's sessions deletes each of those sessions from the
session store (whatever ``SESSION_ENGINE`` is), so the next request from any of their
browsers is anonymous."""

from importlib import import_module

from django.conf import settings
from django.db import transaction

from audit.models import AuditEvent

from ..models import StaffSession
from .account_audit import audit_account
from .refusals import locked_subject


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_record(*, user_id: int, session_key: str | None) -> None:
    if session_key:
        StaffSession.objects.get_or_create(session_key=session_key, defaults={"user_id": user_id})


def session_forget(*, session_key: str | None) -> None:
    if session_key:
        StaffSession.objects.filter(session_key=session_key).delete()


def open_session_count(user_id: int) -> int:
    store = _store()
    return sum(
        1
        for key in StaffSession.objects.filter(user_id=user_id).values_list(
            "session_key", flat=True
        )
        if store().exists(key)
    )


def sessions_end_all(user_id: int, *, keep: str | None = None) -> int:
    """Delete every recorded session of the user except ``keep``; how many were open."""
    store = _store()
    ended = 0
    records = StaffSession.objects.filter(user_id=user_id).exclude(session_key=keep or "")
    for key in list(records.values_list("session_key", flat=True)):
        session = store(session_key=key)
        if session.exists(key):
            ended += 1
        session.delete(key)
    records.delete()
    return ended


def staff_sessions_end(*, actor, user_id: int, request=None) -> int:
    """An administrator signs someone out everywhere. Returns how many sessions were open."""
    with transaction.atomic():
        subject = locked_subject(actor, user_id)
        keep = request.session.session_key if request is not None and subject == actor else None
        ended = sessions_end_all(subject.pk, keep=keep)
        audit_account(
            subject.pk,
            action=AuditEvent.Action.SESSIONS_ENDED,
            actor=actor,
            request=request,
            detail=f"{ended} session(s) ended" + ("; this one kept" if keep else ""),
        )
    return ended


def session_records_prune() -> int:
    """Forget the records of sessions the store no longer holds (expired, signed out
    elsewhere); run by beat after expired sessions are cleared."""
    store = _store()
    gone = [
        key
        for key in StaffSession.objects.values_list("session_key", flat=True).iterator()
        if not store().exists(key)
    ]
    StaffSession.objects.filter(session_key__in=gone).delete()
    return len(gone)
