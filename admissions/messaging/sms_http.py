"""A Twilio-style REST provider: ``POST {SMS_API_URL}/Accounts/{SID}/Messages.json`` with
form fields To, From and Body, HTTP basic auth (account SID, auth token), and an
``Idempotency-Key`` header so a redelivered send is not texted twice by providers that
honour it."""

import requests
from django.conf import settings

from .errors import PermanentSendError, TransientSendError
from .sms import BaseSmsBackend, SmsMessage

# Connect and read timeouts, seconds. A send is never allowed to hang a worker.
TIMEOUT = (3.05, 10)


class HttpSmsBackend(BaseSmsBackend):
    def __init__(self, session: requests.Session | None = None):
        self.session = session or requests.Session()
        self.base_url = settings.SMS_API_URL.rstrip("/")
        self.account_sid = settings.SMS_ACCOUNT_SID
        self.auth_token = settings.SMS_AUTH_TOKEN
        self.from_number = settings.SMS_FROM_NUMBER
        self.timeout = getattr(settings, "SMS_TIMEOUT", TIMEOUT)

    @property
    def endpoint(self) -> str:
        return f"{self.base_url}/Accounts/{self.account_sid}/Messages.json"

    def send(self, message: SmsMessage) -> str:
        if not (self.base_url and self.account_sid and self.auth_token and self.from_number):
            raise TransientSendError("the SMS provider is not configured", cause="SmsConfig")
        try:
            response = self.session.post(
                self.endpoint,
                data={"To": message.to, "From": self.from_number, "Body": message.body},
                auth=(self.account_sid, self.auth_token),
                headers={"Idempotency-Key": message.idempotency_key},
                timeout=self.timeout,
            )
        except requests.Timeout as exc:
            raise TransientSendError(
                "the SMS provider timed out", cause=type(exc).__name__
            ) from exc
        except requests.RequestException as exc:
            raise TransientSendError(
                "could not reach the SMS provider", cause=type(exc).__name__
            ) from exc
        status = response.status_code
        if status >= 500 or status in (408, 429):
            raise TransientSendError(
                f"the SMS provider is unavailable (HTTP {status})", cause="HTTP"
            )
        if status >= 400:
            # An invalid or unreachable number, or a number that opted out: staff must act.
            raise PermanentSendError(f"the SMS provider refused it (HTTP {status})", cause="HTTP")
        try:
            return str(response.json().get("sid", ""))
        except ValueError:
            return ""
