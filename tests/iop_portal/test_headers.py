"""Every route, as every role and as an anonymous visitor, sends the security headers: a
content security policy with a nonce, Referrer-Policy same-origin, a Permissions-Policy that
turns device features off, and Cache-Control: no-store wherever answers, results or contact
details can appear (staff pages, the Django admin and every screener page). Pages carry no
inline script or style the policy would have to allow."""

import re

import pytest

from tests.applicant.flow import complete
from tests.iop_portal.routes import all_routes
from tests.iop_portal.world import ROLES, build_world

pytestmark = pytest.mark.django_db

NO_STORE_PREFIXES = ("/screen/", "/staff/", "/django-admin/")
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b([^>]*)>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def assert_security_headers(response, path: str) -> None:
    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in policy, (path, policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["Referrer-Policy"] == "same-origin", path
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    if path.startswith(NO_STORE_PREFIXES):
        assert "no-store" in response.get("Cache-Control", ""), (path, response.status_code)


def assert_no_inline_code(response, path: str) -> None:
    if "text/html" not in response.get("Content-Type", "") or path.startswith("/django-admin/"):
        return
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    for attributes in SCRIPT.findall(html) + STYLE_ELEMENT.findall(html):
        if "src=" in attributes:
            continue
        assert nonce and f'nonce="{nonce[1]}"' in attributes, (path, attributes)
    assert not STYLE_ATTRIBUTE.search(html), path
    assert not INLINE_HANDLER.search(html), path
    if SCRIPT.search(html):
        assert nonce, f"{path}: scripts but no nonce in the policy"


def test_every_route_sends_the_security_headers_to_every_role():
    world = build_world()
    seen = 0
    for role in (None, *ROLES):
        client = world.client_for(role)
        for route in all_routes():
            path = route.path(world.values_for(route))
            response = client.get(path)
            assert response.status_code < 500, (role, path, response.status_code)
            assert_security_headers(response, path)
            assert_no_inline_code(response, path)
            seen += 1
    assert seen >= 5 * 90  # ours and the Django admin's, five ways each


def test_the_screener_pages_that_show_answers_and_results_are_never_stored(client):
    response = complete(client)  # through to the result page
    pages = [url for url, _ in response.redirect_chain]
    pages += ["/screen/step/review/", "/screen/save/", "/screen/crisis/"]

    for page in pages:
        shown = client.get(page)
        assert "no-store" in shown["Cache-Control"], page
        assert "private" in shown["Cache-Control"], page
    assert "/screen/result/" in pages


def test_the_public_catalog_may_be_cached_but_still_gets_the_policy(client):
    response = client.get("/programs/")

    assert "no-store" not in response.get("Cache-Control", "")
    assert_security_headers(response, "/programs/")


def test_production_enforces_the_policy_and_upgrades_insecure_requests():
    from importlib import import_module

    from tests.production_env import PRODUCTION_ENV

    with pytest.MonkeyPatch.context() as patch:
        for name, value in PRODUCTION_ENV.items():
            patch.setenv(name, value)
        import importlib

        prod = importlib.reload(import_module("iop_portal.settings.prod"))

    directives = prod.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["upgrade-insecure-requests"] is True
    assert "'self'" in directives["script-src"]
    assert not hasattr(prod, "CONTENT_SECURITY_POLICY_REPORT_ONLY")
