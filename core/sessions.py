"""The session engine (``SESSION_ENGINE = "core.sessions"``): Django's database sessions,
with an existing session saved by its one UPDATE.

Django wraps every session save in a transaction of its own (``BEGIN``, the statement,
``COMMIT``). That is needed to create a session (a clashing key must not break a caller's
transaction) but not to update one: outside a transaction a single UPDATE commits by itself,
exactly as the wrapped one does, with two round trips fewer on every request that changes a
session. A session that no longer exists still raises ``UpdateError``, as Django's does."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError, connections, router


class SessionStore(db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        if self.session_key is None or must_create:
            return super().save(must_create=must_create)
        obj = self.create_model_instance(self._get_session())
        using = router.db_for_write(self.model, instance=obj)
        if connections[using].in_atomic_block:  # inside a caller's transaction: as Django
            return super().save(must_create=False)
        try:
            obj.save(force_update=True, using=using)
        except DatabaseError as exc:
            raise UpdateError from exc
        return None
