"""Test setup: a private home for argostranslate, the network blocked, random-weight test packages.

The suite needs no real model and no ../shared data. Sockets are blocked by pytest-socket (see
pyproject.toml); tests that serve something on loopback on purpose say so with
@pytest.mark.enable_socket.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

# argostranslate.settings creates folders under these when imported: keep them out of the real home.
_HOME = Path(tempfile.mkdtemp(prefix="translit-tests-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(_HOME / "no-packages")
os.environ.pop("ARGOS_TRANSLATE_PACKAGE_DIR", None)
# Child processes (CLI, app server) load tests/no_network/sitecustomize.py: no connections off loopback.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT / "tests" / "no_network"), *filter(None, [os.environ.get("PYTHONPATH")])]
)

TEST_PACKAGE_CACHE = ROOT / "build" / "test-packages"

# urllib3 (imported by trafilatura and sumy) opens a socket once at import to test for IPv6 support;
# it connects nowhere. Importing it before the socket guard starts keeps that out of the test reports.
import urllib3  # noqa: E402, F401


@pytest.fixture(scope="session")
def test_package_files() -> list[Path]:
    """en<->ru and en<->uk random-weight .argosmodel files (built once, cached by content)."""
    from build_test_package import build_test_packages

    return build_test_packages(TEST_PACKAGE_CACHE)


@pytest.fixture(scope="session")
def package_dir(test_package_files, tmp_path_factory) -> Path:
    """An Argos package folder with the test packages installed through translit's installer."""
    from translit.mt.argos.packages import install_package

    folder = tmp_path_factory.mktemp("argos-packages")
    for file in test_package_files:
        install_package(file, folder)
    return folder


@pytest.fixture
def packages_env(package_dir, monkeypatch) -> Path:
    """Point translit (and any CLI subprocess) at the installed test packages."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(package_dir))
    return package_dir


@pytest.fixture(scope="session")
def translator(package_dir):
    from translit.config import Settings
    from translit.mt.argos import ArgosTranslator

    return ArgosTranslator(Settings(package_dir=package_dir, threads=1))


@pytest.fixture(autouse=True)
def own_memory(tmp_path, monkeypatch) -> Path:
    """Each test its own translation memory (TRANSLIT_MEMORY), so no test sees another's edits."""
    path = tmp_path / "memory.sqlite"
    monkeypatch.setenv("TRANSLIT_MEMORY", str(path))
    return path
