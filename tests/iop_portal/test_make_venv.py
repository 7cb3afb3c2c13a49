"""`make install` works where Python ships without ensurepip (Debian's python3-venv missing)."""

import subprocess
import sys
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import make_venv


def test_a_venv_with_pip_is_made_where_ensurepip_works(tmp_path):
    target = tmp_path / "env"

    assert make_venv.main(str(target)) == 0

    assert make_venv.has_pip(make_venv.venv_python(target))


def test_without_ensurepip_pip_is_fetched_from_pypi(tmp_path, monkeypatch):
    real_create = venv.create
    fetched = []

    def create_without_ensurepip(root, with_pip=False, clear=False):
        if with_pip:
            raise subprocess.CalledProcessError(1, ["python", "-m", "ensurepip"])
        real_create(root, with_pip=False, clear=clear)

    monkeypatch.setattr(make_venv.venv, "create", create_without_ensurepip)
    monkeypatch.setattr(make_venv, "bootstrap_pip", fetched.append)
    target = tmp_path / "env"

    make_venv.main(str(target))

    assert make_venv.venv_python(target).exists()
    assert fetched == [make_venv.venv_python(target)]


def test_an_existing_venv_with_pip_is_left_alone(tmp_path, monkeypatch):
    target = tmp_path / "env"
    make_venv.main(str(target))
    monkeypatch.setattr(
        make_venv,
        "bootstrap_pip",
        lambda python: (_ for _ in ()).throw(AssertionError("pip was there already")),
    )

    assert make_venv.main(str(target)) == 0
