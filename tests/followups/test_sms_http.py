"""The Twilio-style SMS backend against a fake provider on a local port: what it sends, and
how each kind of answer is classified."""

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.utils import timezone

from admissions.messaging.errors import PermanentSendError, TransientSendError
from admissions.messaging.sms import SmsMessage
from admissions.messaging.sms_http import HttpSmsBackend
from admissions.models import FollowUp
from admissions.services.followup_delivery import followup_deliver
from tests.admissions.factories import make_referral


class FakeProvider(ThreadingHTTPServer):
    """Answers each POST with the next (status, delay) in ``script`` and records it."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script: list[tuple[int, float]] = []
        self.requests: list[dict] = []

    def handle_error(self, request, client_address):
        pass  # the timeout test hangs up on purpose

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/2010-04-01"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        server: FakeProvider = self.server
        server.requests.append({"path": self.path, "headers": dict(self.headers), "form": form})
        status, delay = server.script.pop(0) if server.script else (201, 0)
        time.sleep(delay)
        body = json.dumps({"sid": "SM123", "status": "queued"} if status < 300 else {"code": 1})
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def provider(settings):
    server = FakeProvider()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.SMS_BACKEND = "http"
    settings.SMS_API_URL = server.url
    settings.SMS_ACCOUNT_SID = "AC0001"
    settings.SMS_AUTH_TOKEN = "secret-token"
    settings.SMS_FROM_NUMBER = "+15550100199"
    settings.SMS_TIMEOUT = (1, 0.5)
    yield server
    server.shutdown()
    server.server_close()


def _message():
    return SmsMessage(
        to="+15558675309", body="Hi Sam, we will call.", idempotency_key="iop-followup-7-0"
    )


def test_success_posts_the_message_with_auth_and_idempotency_key(provider):
    assert HttpSmsBackend().send(_message()) == "SM123"
    [request] = provider.requests
    assert request["path"] == "/2010-04-01/Accounts/AC0001/Messages.json"
    assert request["form"] == {
        "To": ["+15558675309"],
        "From": ["+15550100199"],
        "Body": ["Hi Sam, we will call."],
    }
    assert request["headers"]["Idempotency-Key"] == "iop-followup-7-0"
    expected = base64.b64encode(b"AC0001:secret-token").decode()
    assert request["headers"]["Authorization"] == f"Basic {expected}"


@pytest.mark.parametrize("status", [500, 503, 429])
def test_server_errors_and_rate_limits_are_transient(provider, status):
    provider.script = [(status, 0)]
    with pytest.raises(TransientSendError) as caught:
        HttpSmsBackend().send(_message())
    assert f"HTTP {status}" in caught.value.summary


@pytest.mark.parametrize("status", [400, 404])
def test_a_refused_number_is_permanent_and_the_error_has_no_number(provider, status):
    provider.script = [(status, 0)]
    with pytest.raises(PermanentSendError) as caught:
        HttpSmsBackend().send(_message())
    assert caught.value.summary == f"HTTP: the SMS provider refused it (HTTP {status})"
    assert "8675309" not in caught.value.summary


def test_a_slow_provider_times_out_as_transient(provider):
    provider.script = [(201, 2.0)]
    started = time.monotonic()
    with pytest.raises(TransientSendError) as caught:
        HttpSmsBackend().send(_message())
    assert time.monotonic() - started < 1.5
    assert caught.value.summary.startswith("ReadTimeout:")


def test_an_unreachable_provider_is_transient(settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_API_URL = "http://127.0.0.1:9/2010-04-01"  # discard port: nothing listens
    settings.SMS_ACCOUNT_SID, settings.SMS_AUTH_TOKEN = "AC1", "t"
    settings.SMS_FROM_NUMBER = "+15550100199"
    with pytest.raises(TransientSendError) as caught:
        HttpSmsBackend().send(_message())
    assert caught.value.summary.startswith("ConnectionError:")


@pytest.mark.django_db
def test_a_follow_up_retries_after_5xx_then_sends_once_with_the_same_key(provider, settings):
    settings.FOLLOWUP_RETRY_BASE_SECONDS = 1
    referral = make_referral(
        first_name="Sam",
        last_name="Okonkwo",
        phone="+15558675309",
        preferred_contact="sms",
        consent_sms=True,
    )
    followup = FollowUp.objects.create(
        referral=referral,
        kind="confirmation",
        channel="sms",
        dedupe_key="confirmation:sms",
        scheduled_for=timezone.now(),
    )
    provider.script = [(503, 0)]
    assert followup_deliver(followup_id=followup.pk).status == "retry"
    FollowUp.objects.filter(pk=followup.pk).update(scheduled_for=timezone.now())
    assert followup_deliver(followup_id=followup.pk).status == "sent"

    keys = [r["headers"]["Idempotency-Key"] for r in provider.requests]
    assert keys == [f"iop-followup-{followup.pk}-0"] * 2
    body = provider.requests[-1]["form"]["Body"][0]
    assert body.startswith("Hi Sam,")
    for secret in ("Okonkwo", referral.level, "crisis", "score"):
        assert secret.lower() not in body.lower()
