"""axe-core (WCAG 2.2 AA rules) on every public page type, in English and Spanish, on a phone
(390 px) and a laptop (1366 px), including pages showing their errors.

axe is the npm package's own build, committed under tests/e2e/vendor/axe-core (MPL-2.0) and
injected by Playwright; it is never served to users. The site's CSP forbids inline and eval'd
script, so the test contexts bypass CSP to inject it (the pages' own scripts run as usual).
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from programs import demo
from tests.applicant.flow import (
    ABOUT,
    CALM,
    CRISIS_SAFETY,
    DETAILS,
    TOPIC_ORDER,
    answer_until,
    post_step,
)
from tests.fixtures.browser import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return {
    passes: result.passes.length,
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
    })),
  };
}"""


class Audit:
    def __init__(self, browser, base_url: str, lang: str, viewport: dict) -> None:
        self.context = browser.new_context(viewport=viewport, bypass_csp=True)
        self.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": base_url}]
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.base_url = base_url
        self.lang = lang
        self.found: dict[str, list] = {}
        self.checked: list[str] = []

    def use_session_of(self, client: Client) -> None:
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": self.base_url}]
        )

    def check(self, name: str) -> None:
        assert self.page.locator("html").get_attribute("lang") == self.lang, name
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(RUN_AXE, TAGS)
        assert result["passes"] > 10, f"{name}: axe checked almost nothing"
        self.checked.append(name)
        if result["violations"]:
            self.found[name] = result["violations"]

    def visit(self, name: str, path: str, status: int = 200) -> None:
        response = self.page.goto(self.base_url + path)
        assert response.status == status, (name, response.status)
        self.check(name)

    def submit_empty(self, name: str) -> None:
        """Send the page as it is (nothing chosen) and check the page with its errors."""
        self.page.locator("form[data-screener-form] button[type=submit]").click()
        self.page.locator("#error-summary").wait_for()
        self.check(name)


def _client(lang: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_public_page_type_passes_axe(
    chromium_browser, live_server, transactional_db, lang, viewport, on_call
):
    catalog = demo.load()
    audit = Audit(chromium_browser, live_server.url, lang, viewport)

    audit.visit("start", "/screen/")
    audit.visit("privacy", "/screen/privacy/")
    audit.visit("programs", "/programs/")
    audit.visit("program", f"/programs/{catalog[0].slug}/")
    audit.visit("404", "/no-such-page/", 404)
    audit.visit("too young", "/screen/too-young/")
    audit.visit("about", "/screen/step/about/")
    audit.submit_empty("about, errors")

    client = _client(lang)
    answer_until(client, "about")
    audit.use_session_of(client)
    audit.visit("consent", "/screen/step/consent/")
    audit.submit_empty("consent, errors")
    answer_until(client, "consent")
    audit.visit("contact", "/screen/step/contact/")
    audit.submit_empty("contact, errors")
    answer_until(client, "contact")
    for topic in TOPIC_ORDER:
        audit.visit(topic, f"/screen/step/{topic}/")
        if topic != "goals":  # nothing on the goals page is required
            audit.submit_empty(f"{topic}, errors")
        if topic == "trauma":
            assert post_step(client, "trauma", {"pcptsd_trauma": "true"}).status_code == 302
            audit.visit("trauma follow-up", "/screen/step/trauma-more/")
            audit.submit_empty("trauma follow-up, errors")
        assert post_step(client, topic, CALM[topic]).status_code == 302
    audit.visit("details", "/screen/step/details/")
    audit.submit_empty("details, errors")
    assert post_step(client, "details", DETAILS).status_code == 302
    audit.visit("save for later", "/screen/save/")
    audit.visit("review", "/screen/step/review/")
    audit.page.locator("form[data-screener-form] button[type=submit]").click()
    audit.page.wait_for_url("**/screen/result/")
    audit.check("result")

    teen = _client(lang)
    year = str(timezone.localdate().year - 15)
    assert post_step(teen, "about", {**ABOUT, "dob_year": year}).status_code == 302
    audit.use_session_of(teen)
    audit.visit("guardian", "/screen/step/guardian/")
    audit.submit_empty("guardian, errors")

    crisis = _client(lang)
    answer_until(crisis, "mood")
    post_step(crisis, "safety", CRISIS_SAFETY)
    audit.use_session_of(crisis)
    audit.visit("crisis", "/screen/crisis/")

    with override_settings(SCREENER_RATE="1/m"):
        audit.page.goto(live_server.url + "/screen/resume/first-guess/")
        audit.visit("429", "/screen/resume/second-guess/", 429)

    audit.context.close()
    assert len(audit.checked) >= 35  # every page type above, each one checked
    report = "\n".join(
        f"{page}: {v['id']} ({v['impact']}) {v['help']} — {v['nodes']}"
        for page, violations in audit.found.items()
        for v in violations
    )
    assert not audit.found, f"WCAG 2.2 AA violations ({lang}, {viewport['width']} px):\n{report}"
