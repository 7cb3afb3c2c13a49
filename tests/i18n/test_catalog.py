"""The Spanish catalog is complete: every message marked for translation anywhere in the
project (templates, Python) has a Spanish translation that is neither empty nor fuzzy, and the
committed .mo says the same as the .po. The extraction is Django's own makemessages, run on a
copy of the source so the committed catalog is never touched."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s")
LINK = re.compile(r'href="(?:tel|https?):[^"]*"')
SKIP_DIRS = {".venv", ".git", "tests", "bench", "staticfiles", "node_modules", "locale", "docs"}


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def _extract(tmp_path: Path, monkeypatch) -> polib.POFile:
    """makemessages -l es on a copy of the project; the catalog it writes, freshly extracted."""
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is not installed (apt-get install gettext): cannot check catalogs")
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    copy.mkdir()
    for child in root.iterdir():
        if child.name in SKIP_DIRS or child.name.startswith("."):
            continue
        if child.is_dir():
            shutil.copytree(child, copy / child.name, ignore=shutil.ignore_patterns("__pycache__"))
        elif child.suffix in (".py", ".html", ".txt"):
            shutil.copy2(child, copy / child.name)
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["es"], verbosity=0, no_obsolete=True)
    return polib.pofile(str(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))


def test_every_marked_message_has_a_spanish_translation(tmp_path, monkeypatch):
    committed = polib.pofile(str(CATALOG))
    by_key = {_key(e): e for e in committed if not e.obsolete}

    extracted = _extract(tmp_path, monkeypatch)

    missing = [e.msgid for e in extracted if _key(e) not in by_key]
    assert not missing, f"not in locale/es (run makemessages -l es): {missing}"
    untranslated = [e.msgid for e in committed.untranslated_entries()]
    assert not untranslated, f"no Spanish yet: {untranslated}"
    fuzzy = [e.msgid for e in committed.fuzzy_entries()]
    assert not fuzzy, f"fuzzy (check and unmark): {fuzzy}"
    assert not committed.metadata_is_fuzzy
    plurals = [e.msgid for e in committed if e.msgid_plural and not all(e.msgstr_plural.values())]
    assert not plurals, f"a plural form is missing: {plurals}"


def test_the_compiled_catalog_matches_the_po_file():
    po = polib.pofile(str(CATALOG))
    mo = polib.mofile(str(CATALOG.with_suffix(".mo")))
    compiled = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in mo}

    stale = [
        e.msgid
        for e in po.translated_entries()
        if compiled.get(_key(e)) != (e.msgstr, {int(k): v for k, v in e.msgstr_plural.items()})
    ]
    assert not stale, f"django.mo is out of date (run compilemessages): {stale[:5]}"


def _marks(text: str) -> set[str]:
    """Placeholders and the phone and web links a translation must keep."""
    return set(PLACEHOLDER.findall(text)) | set(LINK.findall(text))


def test_translations_keep_every_placeholder_and_link():
    """A translation that drops %(name)s or an href would break the page or lose a number."""
    for entry in polib.pofile(str(CATALOG)).translated_entries():
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural[0])]
            pairs += [(entry.msgid_plural, t) for n, t in entry.msgstr_plural.items() if n]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            assert _marks(source) <= _marks(text), (source, text)
