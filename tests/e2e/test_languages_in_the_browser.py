"""In a real browser on a phone: switching to Spanish with the switcher (no script needed),
staying in Spanish from page to page, and the focus ring and contrast a person can see."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from applicant.session import SESSION_KEY
from programs import demo
from screening.services import screening_create

pytestmark = pytest.mark.e2e

CONTRAST = """(el) => {
  const rgb = (c) => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = el, color = getComputedStyle(el).color;
  const clear = (node) => getComputedStyle(node).backgroundColor.startsWith('rgba(0, 0, 0, 0');
  while (bg && clear(bg)) bg = bg.parentElement;
  const [a, b] = [lum(rgb(color)), lum(rgb(getComputedStyle(bg || document.body).backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_the_switcher_turns_the_site_spanish_and_it_stays_spanish(phone_page, transactional_db):
    demo.load()
    page = phone_page
    page.goto(page.base_url + "/programs/")
    assert page.evaluate("document.documentElement.lang") == "en"

    page.get_by_role("button", name="Español").click()

    page.wait_for_url("**/programs/")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == "Nuestros programas de tratamiento"
    page.get_by_role("link", name="Programa Intensivo en Español (IOP)").click()
    assert page.get_by_role("heading", name="¿Es para mí?").is_visible()
    assert page.get_by_role("link", name="(555) 010-0199").first.get_attribute("href") == (
        "tel:+15550100199"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing off-screen

    page.get_by_role("button", name="English").click()
    assert page.evaluate("document.documentElement.lang") == "en"


def test_public_pages_load_no_bootstrap_script(phone_page, transactional_db):
    page = phone_page
    page.goto(page.base_url + "/programs/")
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert not [src for src in scripts if "bootstrap" in src]


def test_a_focused_primary_button_shows_a_ring_you_can_see(phone_page, transactional_db):
    page = phone_page
    page.goto(page.base_url + "/programs/?level=iop")
    page.get_by_role("button", name="Show programs").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies

    style = page.get_by_role("button", name="Show programs").evaluate(
        "el => ['outlineStyle', 'outlineWidth', 'outlineColor'].map(k => getComputedStyle(el)[k])"
    )
    assert style[0] == "solid" and float(style[1].removesuffix("px")) >= 3
    assert style[2] == "rgb(11, 42, 64)"  # dark navy: 14:1 on the white page


def test_a_returning_visitors_start_again_button_has_readable_text(phone_page, transactional_db):
    """The start page of someone with saved answers: the secondary button sits on the grey
    page, where Bootstrap's own grey text reads at 4.4:1 (under the 4.5:1 minimum)."""
    page = phone_page
    screening = screening_create()
    session = SessionStore()
    session[SESSION_KEY] = str(screening.public_id)
    session.create()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": page.base_url}]
    )
    page.goto(page.base_url + "/screen/")
    again = page.get_by_role("button", name="Start again and delete my saved answers")

    assert again.evaluate(CONTRAST) >= 7
