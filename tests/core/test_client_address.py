"""The client address comes from X-Forwarded-For only through the configured number of
trusted proxies, in one place, and the rate limits, the sign-in lockout and the audit trail
all use it. A client cannot choose its own address by sending the header."""

import pytest
from django.test import Client, RequestFactory, override_settings

from audit.models import AuditEvent
from core.client_address import UNKNOWN, client_address
from tests.admissions.factories import STAFF_PASSWORD, make_staff, sign_in
from tests.applicant.flow import post_step

rf = RequestFactory()


def request(remote="10.0.0.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0

    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("hops", "forwarded", "client"),
    [
        (1, "203.0.113.9", "203.0.113.9"),  # the proxy wrote the client's address
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry in front is skipped
        (1, "6.6.6.6,7.7.7.7, 203.0.113.9", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),  # load balancer + nginx
        (2, "203.0.113.9", "203.0.113.9"),  # came in through the inner proxy only
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_address_the_outermost_trusted_proxy_saw(settings, hops, forwarded, client):
    settings.TRUSTED_PROXY_HOPS = hops

    assert client_address(request("10.0.0.1", forwarded)) == client


@pytest.mark.parametrize("forwarded", [None, "", " , ", "not-an-address", "999.1.1.1"])
def test_a_missing_or_malformed_header_falls_back_to_the_peer(settings, forwarded):
    settings.TRUSTED_PROXY_HOPS = 1

    assert client_address(request("10.0.0.1", forwarded)) == "10.0.0.1"


def test_no_peer_address_at_all_is_a_fixed_placeholder():
    assert client_address(rf.get("/", REMOTE_ADDR="")) == UNKNOWN


# --- the three users of the address --------------------------------------------------------


def proxied(address: str, forged: str = "6.6.6.6") -> Client:
    """A browser behind one proxy (REMOTE_ADDR is the proxy) that forges the header too."""
    return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"{forged}, {address}")


@pytest.mark.django_db
@override_settings(SCREENER_RATE="2/m", TRUSTED_PROXY_HOPS=1)
def test_rate_limits_key_on_the_client_behind_the_proxy_not_on_the_proxy():
    one, two = proxied("203.0.113.1"), proxied("203.0.113.2")
    for _ in range(2):
        post_step(one, "about", {})

    assert post_step(one, "about", {}).status_code == 429
    assert post_step(two, "about", {}).status_code == 200  # same proxy, another person


@pytest.mark.django_db
@override_settings(SCREENER_RATE="2/m", TRUSTED_PROXY_HOPS=1)
def test_a_forged_header_does_not_escape_the_rate_limit():
    for n in range(2):
        post_step(proxied("203.0.113.1", forged=f"6.6.6.{n}"), "about", {})

    assert post_step(proxied("203.0.113.1", forged="6.6.6.99"), "about", {}).status_code == 429


@pytest.mark.django_db
@override_settings(SCREENER_RATE="2/m", TRUSTED_PROXY_HOPS=0)
def test_without_trusted_proxies_a_forged_header_changes_nothing():
    for n in range(2):
        post_step(Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}"), "about", {})

    blocked = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="6.6.6.77")
    assert post_step(blocked, "about", {}).status_code == 429


def _login(client, username, password):
    return sign_in(client, username, password)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=1)
def test_sign_in_lockout_is_per_client_behind_the_proxy(settings):
    """The per-address limit counts the client behind the proxy, not the proxy."""
    user = make_staff()
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        _login(proxied("203.0.113.20"), f"guess{n}", "wrong-password")

    assert (
        _login(proxied("203.0.113.20", forged="1.1.1.1"), user.username, STAFF_PASSWORD).status_code
        == 429
    )
    # A colleague behind the same proxy is not locked out by those failures.
    assert _login(proxied("203.0.113.21"), user.username, STAFF_PASSWORD).status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=1)
def test_audit_rows_record_the_client_not_the_proxy_or_the_forgery():
    user = make_staff()

    _login(proxied("203.0.113.30"), user.username, STAFF_PASSWORD)
    _login(proxied("203.0.113.31"), user.username, "wrong-password")

    login = AuditEvent.objects.get(action="login")
    failed = AuditEvent.objects.get(action="login_failed")
    assert (login.ip_address, failed.ip_address) == ("203.0.113.30", "203.0.113.31")
