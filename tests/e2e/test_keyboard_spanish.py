"""The whole screener in Spanish with the keyboard only: Tab to move, Space or the arrow keys
to choose, typing into boxes, Enter on the button. No mouse, no clicks."""

import pytest
from django.conf import settings

from screening.models import Screening
from tests.applicant.flow import ABOUT, CALM, CONTACT, DETAILS, TOPIC_ORDER

pytestmark = pytest.mark.e2e

ACTIVE = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, type: e.type || '', name: e.name || '', value: e.value || '',
          checked: !!e.checked, text: (e.textContent || '').trim().slice(0, 60)};
}"""
CHOICE_ORDER = {  # each radio group's values, in page order, from the calm answers' questions
    "preferred_contact": ["phone", "sms", "email"],
    "best_time": ["any", "morning", "afternoon", "evening"],
}


def _answers() -> dict[str, object]:
    wanted: dict[str, object] = {f"about-{k}": v for k, v in ABOUT.items()}
    wanted.update({f"contact-{k}": v for k, v in CONTACT.items()})
    wanted.update({f"details-{k}": v for k, v in DETAILS.items()})
    wanted["details-language"] = "es"
    wanted.update({f"consent-{k}": "on" for k in ("consent_terms", "consent_contact")})
    for topic in TOPIC_ORDER:
        wanted.update({f"{topic}-{k}": v for k, v in CALM[topic].items()})
    return wanted


def _fill_page(page, wanted: dict[str, object], submit_text: str) -> None:
    """Tab through the page once, answering each control as it takes focus."""
    done_groups: set[str] = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        name, kind = active["name"], active["type"]
        if active["tag"] == "BUTTON" and active["text"] == submit_text:
            page.keyboard.press("Enter")
            return
        if name not in wanted:
            continue
        value = wanted[name]
        if kind == "radio" and name not in done_groups:
            done_groups.add(name)
            radios = page.locator(f'input[type=radio][name="{name}"]')
            values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
            steps = values.index(str(value))
            if steps == 0:
                page.keyboard.press("Space")
            for _ in range(steps):
                page.keyboard.press("ArrowDown")
        elif kind == "checkbox":
            chosen = value if isinstance(value, list) else [value]
            if (active["value"] in chosen or chosen == ["on"]) and not active["checked"]:
                page.keyboard.press("Space")
        elif kind == "select-one":
            page.keyboard.type({"MA": "Massachusetts", "es": "Esp"}.get(value, value))
        elif kind in ("text", "tel", "email") and not active["value"]:
            page.keyboard.type(str(value))
    raise AssertionError(f"never reached the {submit_text!r} button on {page.url}")


def test_the_screener_can_be_finished_in_spanish_with_the_keyboard_only(
    phone_page, transactional_db
):
    page = phone_page
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": page.base_url}]
    )
    wanted = _answers()
    page.goto(page.base_url + "/screen/")
    for _ in range(60):  # Tab to the start link and follow it with Enter
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE)["text"] == "Empezar":
            page.keyboard.press("Enter")
            break
    page.wait_for_url("**/screen/step/about/")
    for step in ("about", "consent", "contact", *TOPIC_ORDER, "details", "source"):
        assert f"/screen/step/{step}/" in page.url, (step, page.url)
        assert page.locator("html").get_attribute("lang") == "es"
        _fill_page(page, wanted, "Guardar y continuar")
        try:
            page.wait_for_url(lambda url, step=step: f"/step/{step}/" not in url)
        except Exception:
            page.screenshot(path="/tmp/kb_fail.png", full_page=True)
            raise
    page.wait_for_url("**/screen/step/review/")
    assert page.get_by_role("heading", level=1).inner_text() == "Revise sus respuestas"
    _fill_page(page, {}, "Enviar mis respuestas")
    page.wait_for_url("**/screen/result/")
    assert page.get_by_role("heading", level=1).inner_text() == "Gracias, Robin"

    screening = Screening.objects.get()
    assert screening.status == Screening.Status.SUBMITTED
    assert screening.site_language == "es" and screening.language == "es"
    assert screening.answers["phq9_1"] == 0 and screening.answers["asq_1"] is False
    assert screening.answers["days_available"] == ["mon", "wed"]
