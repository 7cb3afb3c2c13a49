"""Every public page outside the screener's own steps, read in Spanish: the page says
lang="es", and none of the English it shows in English is left."""

import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.utils import translation

from programs import demo
from programs.models import Program

pytestmark = pytest.mark.django_db

ENGLISH_LEFT_OVER = [
    "Our treatment programs", "Filter programs", "Show programs", "match your filters",
    "matches your filters", "What the levels of care mean", "Who it is for", "How you attend",
    "Is it right for me?", "How to join", "Start the screening", "When it meets", "Each week",
    "Questions?", "If you are in crisis", "Call or text", "Text HOME", "emergency room",
    "Skip to main content", "Page not found", "We couldn't find", "Too many requests",
    "Something went wrong", "didn't go through", "Privacy notice", "Who sees your answers",
    "place open", "places open", "hours a week", "Care around the clock", "Full — waitlist",
    "Self-pay", "Mental health", "Intensive outpatient", "Day treatment", "In person",
    "By video", "Ages ", "and up", "Any level", "Teens", "Insurance", "Language", "am<",
    " pm", "Mon/", "/Thu", "All programs", "Back to the start", "not watched in real time",
]  # fmt: skip


@pytest.fixture
def catalog(db):
    return demo.load()


@pytest.fixture
def spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


def _visible_text(html: str) -> str:
    """The page's words: no tags, no attribute values, no program names or addresses, which
    stay as the clinic wrote them."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<[^>]*\blang="en"[^>]*>.*?</[a-z]+>', " ", html, flags=re.S)
    html = re.sub(r'<[^>]*\btranslate="no"[^>]*>.*?</[a-z]+>', " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _assert_spanish(html: str, where: str, names=()) -> None:
    assert re.search(r'<html lang="es"', html), f"{where}: not lang=es"
    text = _visible_text(html)
    for name in names:
        text = text.replace(name, " ")
    left = [phrase for phrase in ENGLISH_LEFT_OVER if phrase in text]
    assert not left, f"{where}: English left over: {left}"


def test_the_catalog_and_every_program_page_read_in_spanish(spanish, catalog):
    names = [p.name for p in catalog] + ["IOP", "PHP", "DBT"]
    pages = ["/programs/", "/programs/?level=iop&modality=telehealth", "/programs/?age=200"]
    pages += [f"/programs/{p.slug}/" for p in catalog if p.is_active]
    for path in pages:
        response = spanish.get(path)
        assert response.status_code == 200, path
        assert response["Content-Language"] == "es"
        _assert_spanish(response.content.decode(), path, names)


def test_a_spanish_description_is_shown_and_an_english_one_is_marked_as_english(spanish, catalog):
    spanish_one = Program.objects.get(slug="programa-intensivo-en-espanol")
    english_only = Program.objects.get(slug="adult-evening-iop")
    english_only.description_es = ""
    english_only.save(update_fields=["description_es"])

    page = spanish.get(f"/programs/{spanish_one.slug}/").content.decode()
    assert "completamente en español" in page
    assert "held entirely in Spanish" not in page

    page = spanish.get(f"/programs/{english_only.slug}/").content.decode()
    assert '<div class="program-description mb-3" lang="en">' in page
    assert "For working adults" in page


def test_counts_use_the_right_plural_in_both_languages(spanish, catalog):
    client = Client()
    one = "/programs/?focus=trauma"
    assert "1 program matches your filters." in client.get(one).content.decode()
    assert "1 programa cumple sus filtros." in spanish.get(one).content.decode()
    many = "/programs/?level=iop"
    assert "programs match your filters." in client.get(many).content.decode()
    assert "programas cumplen sus filtros." in spanish.get(many).content.decode()


def test_the_privacy_page_and_error_pages_read_in_spanish(spanish):
    for path, status in (("/screen/privacy/", 200), ("/no-such-page/", 404)):
        response = spanish.get(path)
        assert response.status_code == status
        _assert_spanish(response.content.decode(), path)


@override_settings(SCREENER_RATE="1/m")
def test_the_rate_limit_page_reads_in_spanish(spanish):
    spanish.get("/screen/resume/first-guess/")

    response = spanish.get("/screen/resume/second-guess/")

    assert response.status_code == 429
    _assert_spanish(response.content.decode(), "429")


@pytest.mark.parametrize("template", ["400.html", "403.html", "403_csrf.html", "500.html"])
def test_pages_rendered_without_a_request_read_in_spanish(template):
    with translation.override("es"):
        html = render_to_string(template, {"CLINIC_NAME": "Harbor Light", "LANGUAGE_CODE": "es"})
    _assert_spanish(html, template)
    assert 'href="tel:988"' in html
