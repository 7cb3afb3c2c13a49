"""Which email failures are worth retrying, and which need a person."""

import smtplib

import pytest
from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused

from admissions.messaging.email import email_error


@pytest.mark.parametrize(
    "exc",
    [
        smtplib.SMTPServerDisconnected("gone"),
        smtplib.SMTPConnectError(421, b"try later"),
        smtplib.SMTPDataError(451, b"local error"),
        smtplib.SMTPAuthenticationError(535, b"bad credentials"),
        smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"mailbox busy")}),
        TimeoutError("timed out"),
        ConnectionRefusedError(111, "refused"),
        AnymailAPIError("provider 503", status_code=503),
        AnymailAPIError("rate limited", status_code=429),
    ],
)
def test_transient(exc):
    assert email_error(exc).transient


@pytest.mark.parametrize(
    "exc",
    [
        smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"no such user")}),
        smtplib.SMTPDataError(554, b"rejected"),
        AnymailRecipientsRefused("refused"),
        AnymailAPIError("bad request", status_code=400),
    ],
)
def test_permanent(exc):
    assert not email_error(exc).transient


def test_the_stored_error_never_repeats_the_servers_text():
    exc = smtplib.SMTPRecipientsRefused({"jane.doe@example.com": (550, b"jane.doe unknown")})
    assert "jane" not in email_error(exc).summary
