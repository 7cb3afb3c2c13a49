"""Create .venv with pip, even where Debian/Ubuntu ship Python without `ensurepip`
(the python3-venv package missing). Standard library only; `make install` runs it."""

import json
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path
from urllib.parse import urljoin

PYPI_PIP = "https://pypi.org/pypi/pip/json"


def venv_python(root: Path) -> Path:
    return root / "bin" / "python"


def has_pip(python: Path) -> bool:
    return subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode == 0


def bootstrap_pip(python: Path) -> None:
    """Install pip into the venv from its wheel on PyPI (a wheel runs as a zip application)."""
    with urllib.request.urlopen(PYPI_PIP, timeout=60) as response:
        release = json.load(response)
        base = response.geturl()
    wheel = next(f for f in release["urls"] if f["packagetype"] == "bdist_wheel")
    url = urljoin(base, wheel["url"])  # mirrors may answer with relative links
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / wheel["filename"]
        urllib.request.urlretrieve(url, path)
        subprocess.run([python, f"{path}/pip", "install", "--quiet", str(path)], check=True)


def main(target: str = ".venv") -> int:
    root = Path(target)
    python = venv_python(root)
    if not python.exists():
        try:
            venv.create(root, with_pip=True)
        except (subprocess.CalledProcessError, OSError):
            print("ensurepip is not available; fetching pip from PyPI instead", file=sys.stderr)
            venv.create(root, with_pip=False, clear=True)
    if not has_pip(python):
        bootstrap_pip(python)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
