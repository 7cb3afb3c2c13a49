"""Text messages through a small provider interface.

``settings.SMS_BACKEND`` picks one: ``console`` (development: logs the message, its text
at DEBUG only),
``locmem`` (tests: appends to :data:`outbox`), ``http`` (a Twilio-style REST provider,
:mod:`admissions.messaging.sms_http`) or a dotted path to a class with ``send()``."""

import threading
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from .console import console_sms


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str
    idempotency_key: str


class BaseSmsBackend:
    def send(self, message: SmsMessage) -> str:
        """Hand the message to the provider; return the provider's id for it. Raise
        :class:`~admissions.messaging.errors.SendError` on failure."""
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Development only: logs the message (see :mod:`admissions.messaging.console`)."""

    def send(self, message: SmsMessage) -> str:
        return console_sms(message.to, message.body, message.idempotency_key)


outbox: list[SmsMessage] = []
_outbox_lock = threading.Lock()


class LocmemSmsBackend(BaseSmsBackend):
    """Tests: keeps every message in :data:`outbox`, like ``django.core.mail.outbox``."""

    def send(self, message: SmsMessage) -> str:
        with _outbox_lock:
            outbox.append(message)
            return f"locmem-{len(outbox)}"


BACKENDS = {
    "console": "admissions.messaging.sms.ConsoleSmsBackend",
    "locmem": "admissions.messaging.sms.LocmemSmsBackend",
    "http": "admissions.messaging.sms_http.HttpSmsBackend",
}


def sms_backend() -> BaseSmsBackend:
    name = settings.SMS_BACKEND
    return import_string(BACKENDS.get(name, name))()


def sms_send(
    *, to: str, body: str, idempotency_key: str, backend: BaseSmsBackend | None = None
) -> str:
    """Send one text; through ``backend`` when given (one provider session for a batch)."""
    backend = backend or sms_backend()
    return backend.send(SmsMessage(to=to, body=body, idempotency_key=idempotency_key))
