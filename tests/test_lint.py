"""The code base stays ruff-clean (the settings are in pyproject.toml)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (it comes with requirements-dev.txt)")
    done = subprocess.run([ruff, "check", "--no-cache", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing():
    """Types are checked (settings in pyproject.toml); in CI a missing mypy is a failure, not a skip."""
    mypy = Path(sys.executable).parent / "mypy"
    if not mypy.exists():
        if os.environ.get("CI"):
            pytest.fail("mypy is missing: requirements-dev.txt installs it")
        pytest.skip("mypy is not installed (it comes with requirements-dev.txt)")
    done = subprocess.run([str(mypy), "--no-incremental"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
