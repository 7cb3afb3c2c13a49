"""Which language a page is in: the switcher's cookie, else the browser's Accept-Language;
/es/ links and ?lang=es choose Spanish; staff pages stay English whatever was chosen."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def _lang_attr(response) -> str:
    html = response.content.decode()
    return html.split("<html lang=", 1)[1].split(">", 1)[0].strip("\"'")


def test_a_browser_asking_for_spanish_gets_the_page_in_spanish_and_says_so(client):
    response = client.get("/programs/", headers={"accept-language": "es-US,es;q=0.9"})

    assert response["Content-Language"] == "es"
    assert _lang_attr(response) == "es"
    assert "Nuestros programas de tratamiento" in response.content.decode()
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_a_browser_asking_for_a_language_we_do_not_speak_gets_english(client):
    response = client.get("/programs/", headers={"accept-language": "fr-FR,fr;q=0.9"})

    assert response["Content-Language"] == "en"
    assert _lang_attr(response) == "en"
    assert "Our treatment programs" in response.content.decode()


def test_the_switcher_on_every_public_page_posts_the_other_language(client):
    for path in ("/programs/", "/screen/", "/screen/privacy/", "/no-such-page/"):
        page = client.get(path).content.decode()
        assert 'action="/i18n/setlang/"' in page, path
        assert 'name="language" value="es" lang="es"' in page, path


def test_choosing_spanish_keeps_it_in_a_cookie_and_returns_to_the_same_page(client):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/programs/?level=iop"})

    assert response.status_code == 302
    assert response["Location"] == "/programs/?level=iop"
    assert response.cookies[COOKIE].value == "es"
    assert response.cookies[COOKIE]["samesite"] == "Lax"
    page = client.get("/programs/", headers={"accept-language": "en"})
    assert _lang_attr(page) == "es", "the choice beats the browser's language"
    assert 'name="language" value="en" lang="en"' in page.content.decode()


def test_the_switcher_never_sends_the_person_to_another_site(client):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_an_es_link_opens_the_page_in_spanish_and_remembers_it(client):
    response = client.get("/es/programs/?level=iop")

    assert response.status_code == 302
    assert response["Location"] == "/programs/?level=iop"
    assert response.cookies[COOKIE].value == "es"
    assert _lang_attr(client.get("/programs/")) == "es"
    assert client.get("/es/")["Location"] == "/"
    assert client.get("/es")["Location"] in ("/es/", "/")


@pytest.mark.parametrize("path", ["/es//evil.example/", "/es/\\evil.example/", "/es/\\/x"])
def test_an_es_link_only_ever_leads_to_this_site(client, path):
    location = client.get(path)["Location"]

    assert location.startswith("/") and not location.startswith(("//", "/\\"))


def test_lang_in_the_query_string_chooses_spanish_too(client):
    response = client.get("/programs/?lang=es")

    assert _lang_attr(response) == "es"
    assert response.cookies[COOKIE].value == "es"
    assert _lang_attr(client.get("/programs/")) == "es"


def test_staff_pages_stay_english_whatever_the_person_chose(client):
    client.cookies[COOKIE] = "es"

    response = client.get("/staff/login/", headers={"accept-language": "es"})

    assert response["Content-Language"] == "en"
    assert _lang_attr(response) == "en"
    assert "Sign in" in response.content.decode()
    assert 'action="/i18n/setlang/"' not in response.content.decode()


def test_public_pages_answer_head(client):
    for path in ("/programs/", "/screen/", "/screen/privacy/", "/screen/too-young/"):
        assert client.head(path).status_code == 200, path
