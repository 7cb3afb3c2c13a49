"""One sending session for a batch of messages: a single email connection (one SMTP login,
one provider HTTP session) and a single SMS backend (one ``requests`` session, so its
connection is kept alive), both opened on first use and closed at the end.

A transient failure drops the email connection, so the next message opens a fresh one
instead of writing into a broken socket; the failed message itself is the caller's to
retry."""

from contextlib import suppress

from django.core.mail.backends.base import BaseEmailBackend

from .email import email_connection_open, email_send
from .errors import SendError
from .sms import BaseSmsBackend, sms_backend, sms_send


class SendSession:
    def __init__(self) -> None:
        self._email: BaseEmailBackend | None = None
        self._sms: BaseSmsBackend | None = None

    def __enter__(self) -> "SendSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def email(self, *, to: str, subject: str, body: str, message_id: str) -> None:
        if self._email is None:
            self._email = email_connection_open()
        try:
            email_send(
                to=to, subject=subject, body=body, message_id=message_id, connection=self._email
            )
        except SendError as exc:
            if exc.transient:
                self._close_email()
            raise

    def sms(self, *, to: str, body: str, idempotency_key: str) -> str:
        if self._sms is None:
            self._sms = sms_backend()
        return sms_send(to=to, body=body, idempotency_key=idempotency_key, backend=self._sms)

    def _close_email(self) -> None:
        connection, self._email = self._email, None
        if connection is not None:
            with suppress(Exception):  # closing a broken connection: nothing to do
                connection.close()

    def close(self) -> None:
        self._close_email()
        session = getattr(self._sms, "session", None)
        self._sms = None
        if session is not None:
            session.close()
