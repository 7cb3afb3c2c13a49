"""What every public page carries: a favicon, the language switcher, tap-to-call numbers,
and no Bootstrap script (only the staff menus use it)."""

import pytest
from django.template import Context, Template

from iop_portal.templatetags.site import tel_href

pytestmark = pytest.mark.django_db

PUBLIC = ("/programs/", "/screen/", "/screen/privacy/", "/screen/too-young/", "/no-such-page/")


def test_every_public_page_has_a_favicon_and_no_bootstrap_script(client):
    for path in PUBLIC:
        html = client.get(path).content.decode()
        assert 'rel="icon" href="/static/favicon.svg"' in html, path
        assert "bootstrap.bundle" not in html, path


def test_staff_pages_still_load_bootstrap_for_their_menus(client):
    assert "bootstrap.bundle.min.js" in client.get("/staff/login/").content.decode()


def test_favicon_ico_is_answered_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
    assert client.head("/favicon.ico").status_code == 301


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("(555) 010-0199", "tel:+15550100199"),
        ("1-555-010-0199", "tel:+15550100199"),
        ("+44 20 7946 0958", "tel:+442079460958"),
        ("988", "tel:988"),
    ],
)
def test_phone_numbers_become_tap_to_call_links(phone, href):
    assert tel_href(phone) == href


def test_the_clinic_number_is_tap_to_call_wherever_it_is_shown(client, settings):
    settings.CLINIC_PHONE = "(555) 010-0199"
    for path in ("/programs/", "/screen/privacy/", "/screen/too-young/"):
        html = client.get(path).content.decode()
        assert '<a href="tel:+15550100199">(555) 010-0199</a>' in html, path
    rendered = Template("{% load site %}{{ p|tel_href }}").render(Context({"p": "(555) 0"}))
    assert rendered == "tel:5550"
