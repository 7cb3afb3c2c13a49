"""What assistive technology relies on: every input labelled, radio groups as fieldsets with
legends, errors tied to their fields and summarised in an alert; crisis help on every page."""

from html.parser import HTMLParser

import pytest

from tests.applicant.flow import ABOUT, answer_until, post_step, step_url

pytestmark = pytest.mark.django_db


class Inputs(HTMLParser):
    """Collects inputs, label targets, and the legend of every fieldset with radios."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict] = []
        self.labels: set[str] = set()
        self.fieldsets: list[dict] = []
        self._open: list[dict] = []
        self._in_legend = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset":
            self._open.append({"legend": "", "radios": 0, "attrs": attrs})
        elif tag == "legend":
            self._in_legend = True
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.inputs.append(attrs)
            if attrs.get("type") in ("radio", "checkbox") and self._open:
                self._open[-1]["radios"] += 1

    def handle_endtag(self, tag):
        if tag == "legend":
            self._in_legend = False
        elif tag == "fieldset" and self._open:
            self.fieldsets.append(self._open.pop())

    def handle_data(self, data):
        if self._in_legend and self._open:
            self._open[-1]["legend"] += data.strip()


def parse(html: str) -> Inputs:
    parser = Inputs()
    parser.feed(html)
    return parser


PAGES = ["about", "consent", "mood", "anxiety", "safety", "trauma", "substance", "functioning",
         "history", "support", "availability", "goals", "review"]  # fmt: skip


def test_every_page_labels_every_input_and_groups_choices_under_a_legend(client):
    answer_until(client, "details")
    for step in PAGES:
        page = parse(client.get(step_url(step)).content.decode())
        assert page.inputs or step == "review", step
        for attrs in page.inputs:
            assert attrs.get("id") in page.labels, (step, attrs)
        for fieldset in page.fieldsets:
            assert fieldset["legend"], (step, fieldset)


def test_errors_are_tied_to_their_fields_and_summarised_in_an_alert(client):
    answer_until(client, "contact")

    response = post_step(client, "mood", {})
    html = response.content.decode()
    page = parse(html)

    assert '<div class="error-summary" id="error-summary" role="alert" tabindex="-1"' in html
    assert 'href="#id_mood-phq9_1_0"' in html  # the summary links to the first option
    described = [f for f in page.fieldsets if f["attrs"].get("aria-describedby")]
    assert len(described) == 10
    for fieldset in described:
        for target in fieldset["attrs"]["aria-describedby"].split():
            assert f'id="{target}"' in html
    assert response.context["error_list"][0]["message"] == "Please choose an answer."
    assert "<title>Error: " in html


def test_crisis_resources_are_in_the_footer_of_every_screener_page(client):
    answer_until(client, "details")
    urls = ["/screen/", "/screen/privacy/", "/screen/too-young/", "/screen/crisis/",
            "/screen/save/", "/screen/resume/unknown/"] + [step_url(s) for s in PAGES]  # fmt: skip
    for url in urls:
        html = client.get(url).content.decode()
        footer = html[html.index("<footer") :]
        assert 'href="tel:988"' in footer, url
        assert "741741" in footer, url
        assert 'href="tel:911"' in footer, url


def test_the_start_page_shows_crisis_help_before_anything_else(client):
    html = client.get("/screen/").content.decode()
    main = html[html.index('<main id="main"') :]

    crisis = main.index("Need help right now?")
    assert crisis < main.index("<h1")
    assert "10 to 15 minutes" in main
    assert "Not watched in real time" in main
    assert "What happens with your answers" in main
    assert 'href="/screen/step/about/"' in main


def test_birth_date_inputs_have_their_own_labels_and_autocomplete(client):
    html = client.get(step_url("about")).content.decode()

    for part, hint in (("month", "bday-month"), ("day", "bday-day"), ("year", "bday-year")):
        assert f'for="id_about-dob_{part}"' in html
        assert f'autocomplete="{hint}"' in html
    assert 'inputmode="numeric"' in html
    post = post_step(client, "about", {**ABOUT, "dob_day": "31", "dob_month": "2"})
    assert 'aria-describedby="id_about-dob_day_error"' in post.content.decode()
