"""The session engine (``SESSION_ENGINE = "core.sessions"``): Django's database sessions,
with an existing session saved by its one UPDATE.

Django wraps every session save in a transaction of its own (``BEGIN``, the statement,
``COMMIT``). That is needed to create a session (a clashing key must not break a caller's
transaction) but not to update one: outside a transaction a single UPDATE commits by itself,
exactly as the wrapped one does, with two round trips fewer on every request that changes a
session; inside a caller's transaction it commits with the caller's writes (no savepoint: an
UPDATE that finds no row is not an error the transaction has to be saved from). A session
that no longer exists still raises ``UpdateError``, as Django's does.

Loading a session, Django's own query (key, not expired) is compiled once per process
(``core.compiled``), and the UPDATE is written once: every request with a session cookie
loads it, and every one that changes it saves it."""

from datetime import UTC, datetime
from functools import cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connections, router
from django.utils import timezone

from .compiled import compiled, fetch

KEY_STAND_IN = "session-key-stand-in"
NOW_STAND_IN = datetime(1871, 3, 9, 12, 34, 56, 789000, tzinfo=UTC)

_live_session = compiled(
    lambda: Session.objects.filter(
        session_key=KEY_STAND_IN, expire_date__gt=NOW_STAND_IN
    ).values_list("session_data"),
    KEY_STAND_IN,
    NOW_STAND_IN,
)


@cache
def _update_sql(using: str) -> str:
    """The UPDATE ``save(force_update=True)`` makes, written once (Django built it anew on
    every request that changed a session)."""
    quote = connections[using].ops.quote_name
    meta = Session._meta
    column = {
        name: quote(meta.get_field(name).column)
        for name in ("session_key", "session_data", "expire_date")
    }
    return (
        f"UPDATE {quote(meta.db_table)} SET {column['session_data']} = %s, "  # noqa: S608 - names only
        f"{column['expire_date']} = %s WHERE {column['session_key']} = %s"
    )


class SessionStore(db.SessionStore):
    _saved_as: bytes | None = None
    """The data as this store last wrote it: saving it again unchanged writes nothing."""

    def load(self) -> dict:
        """The session's data, as Django's ``load`` reads it; a missing or expired session
        is no session (its key dropped, so a new one is made if anything is stored)."""
        key = self.session_key
        if self.model is not Session or key is None:
            return super().load()
        rows = fetch(_live_session, key, timezone.now())
        if not rows:
            self._session_key = None
            return {}
        return self.decode(rows[0][0])

    def save(self, must_create: bool = False) -> None:
        """Save the session. An existing one is written by its one UPDATE, inside the
        caller's transaction when there is one (so a view can save it with its own writes,
        in one commit), and not written again while its data stays as saved (the
        middleware's save at the end of that request then writes nothing)."""
        if self.session_key is None or must_create:
            self._saved_as = None
            return super().save(must_create=must_create)
        data = self._get_session()
        saved_as = self.serializer().dumps(data)
        if saved_as == self._saved_as:
            return None
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        if self.model is not Session:
            try:
                obj.save(force_update=True, using=using)
            except DatabaseError as exc:
                raise UpdateError from exc
            return None
        connection = connections[using]
        params = [
            obj.session_data,
            connection.ops.adapt_datetimefield_value(obj.expire_date),
            obj.session_key,
        ]
        try:
            with connection.cursor() as cursor:
                cursor.execute(_update_sql(using), params)
                updated = cursor.rowcount
        except DatabaseError as exc:
            if connection.in_atomic_block:  # the caller's transaction failed: theirs to undo
                raise
            raise UpdateError from exc  # as Django's save: the middleware's UpdateError
        if updated != 1:  # deleted meanwhile: not made again, as in Django
            raise UpdateError
        self._saved_as = saved_as
        return None
