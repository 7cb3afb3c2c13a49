"""Development backends that "send" by logging. At INFO a message is one line naming its id
and size, never its body or address; the whole message is logged at DEBUG only, which
``iop_portal/settings/dev.py`` turns on for this logger so ``make run`` still shows the
emails and texts in the terminal. Production settings refuse these backends
(``check --deploy``)."""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class ConsoleEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            text = message.message().as_string()
            logger.info(
                "email %s written to the log (%d characters; body at DEBUG only)",
                message.extra_headers.get("Message-ID", "without a Message-ID"),
                len(message.body),
            )
            logger.debug("email %s\n%s\n%s", "-" * 40, text, "-" * 40)
        return len(email_messages)


def console_sms(to: str, body: str, idempotency_key: str) -> str:
    logger.info(
        "SMS %s written to the log (%d characters; body at DEBUG only)",
        idempotency_key,
        len(body),
    )
    logger.debug("SMS to %s [%s]\n%s\n%s", to, idempotency_key, body, "-" * 40)
    return f"console-{idempotency_key}"
