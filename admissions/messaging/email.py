"""Email through Django's configured backend (console, SMTP, or an Anymail provider)."""

import smtplib
import ssl

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from .errors import PermanentSendError, SendError, TransientSendError


def email_send(
    *, to: str, subject: str, body: str, message_id: str, connection: BaseEmailBackend | None = None
) -> None:
    """Send one plain-text email or raise a :class:`SendError`; over ``connection`` when
    given (an open backend several messages share, see :mod:`.session`).

    ``message_id`` is stable for one follow-up, so a duplicate that slips through (a worker
    killed between the server accepting the message and the database recording it) carries
    the same Message-ID as the first copy."""
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id},
        connection=connection,
    )
    try:
        message.send(fail_silently=False)
    except Exception as exc:
        raise email_error(exc) from exc


def email_error(exc: Exception) -> SendError:
    """Map an email backend's exception to transient or permanent, without its text."""
    cause = type(exc).__name__
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        if codes and all(500 <= code < 600 for code in codes):
            return PermanentSendError("the mail server refused the recipient", cause=cause)
        return TransientSendError("the mail server deferred the recipient", cause=cause)
    if isinstance(exc, smtplib.SMTPAuthenticationError | smtplib.SMTPSenderRefused):
        # Our configuration, not the message: retry, and let operations fix it.
        return TransientSendError("the mail server rejected our credentials", cause=cause)
    if isinstance(exc, smtplib.SMTPResponseException):
        if 500 <= exc.smtp_code < 600 and not isinstance(exc, smtplib.SMTPConnectError):
            return PermanentSendError(f"the mail server refused it ({exc.smtp_code})", cause=cause)
        return TransientSendError(f"the mail server deferred it ({exc.smtp_code})", cause=cause)
    if isinstance(exc, smtplib.SMTPException | ssl.SSLError | OSError):
        return TransientSendError("could not talk to the mail server", cause=cause)
    status = getattr(exc, "status_code", None)  # Anymail's API errors
    if cause == "AnymailRecipientsRefused" or cause == "AnymailInvalidAddress":
        return PermanentSendError("the email provider refused the recipient", cause=cause)
    if isinstance(status, int) and 400 <= status < 500 and status not in (408, 429):
        return PermanentSendError(f"the email provider refused it (HTTP {status})", cause=cause)
    if cause.startswith("Anymail"):
        detail = f" (HTTP {status})" if isinstance(status, int) else ""
        return TransientSendError(f"the email provider did not accept it{detail}", cause=cause)
    return TransientSendError("unexpected error while sending email", cause=cause)


def email_connection_open() -> BaseEmailBackend:
    """An open connection to the configured email backend (one SMTP session, one provider
    HTTP session), or a :class:`SendError`."""
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:
        raise email_error(exc) from exc
    return connection
