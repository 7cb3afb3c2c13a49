"""Static files as production serves them (collectstatic, whitenoise's compressed manifest
storage): a hashed name is cached for a year and marked immutable, and the pages link the
hashed names, with the project's Bootstrap subset instead of Bootstrap's full CSS."""

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
ONE_YEAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=MANIFEST, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def _max_age(header: str) -> int:
    found = re.search(r"max-age=(\d+)", header)
    return int(found.group(1)) if found else 0


@pytest.mark.django_db
def test_hashed_static_files_are_cached_a_year_and_immutable_and_pages_link_them(collected):
    client = Client()  # a new handler, so whitenoise indexes the collected files
    page = client.get("/screen/").content.decode()
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert links and all(re.search(r"\.[0-9a-f]{12}\.\w+$", link) for link in links)
    assert any("css/bootstrap-subset." in link for link in links)
    assert not any("vendor/bootstrap/bootstrap.min" in link for link in links)
    assert not re.search(r"<script", page)  # the start page has no form a script serves

    for link in links:
        response = client.get(link, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, link
        header = response["Cache-Control"]
        assert "immutable" in header and _max_age(header) >= ONE_YEAR, (link, header)
        response.close()


@pytest.mark.django_db
def test_an_unhashed_name_is_not_cached_for_long(collected):
    response = Client().get("/static/css/bootstrap-subset.min.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    assert _max_age(response["Cache-Control"]) <= 60
    response.close()
