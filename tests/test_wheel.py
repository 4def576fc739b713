"""A wheel built from the repository works on its own: installed into a fresh venv outside the checkout.

The fresh venv borrows the dependencies of the test environment through a .pth file (tests run
offline, so nothing can be downloaded); translit itself comes only from the wheel, and every command
runs in a folder outside the checkout, so nothing can be found there by accident.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=300,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh venv with translit installed from a wheel built from this checkout."""
    import shutil

    work = tmp_path_factory.mktemp("wheel")
    # A copy of what git tracks: an in-tree build would reuse a stale build/ folder of the checkout.
    tracked = run("git", "ls-files", "-z", cwd=ROOT).stdout.split("\0")
    source = work / "source"
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    built = run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                "-w", work / "dist", source, cwd=work)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("translit-*.whl")
    venv = work / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work).returncode == 0
    python = venv / "bin" / "python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                       cwd=work).stdout.strip())
    (purelib / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    done = run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index",
               wheel, cwd=work)
    if done.returncode != 0 and "no such option: --python" in done.stderr:
        pytest.skip("this pip cannot install into another environment (--python needs pip 22.3)")
    assert done.returncode == 0, done.stderr
    where = run(python, "-c", "import translit; print(translit.__file__)", cwd=work).stdout
    assert where.startswith(str(venv)), where
    return venv / "bin"


def test_wheel_translates_with_and_without_the_glossary_and_summarizes(installed, package_dir, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "The asylum seeker had a credible fear interview in Texas.\n\n"
        "An immigration judge will hear the case in March.\n", encoding="utf-8",
    )
    env = {"ARGOS_PACKAGES_DIR": str(package_dir), "XDG_DATA_HOME": str(tmp_path / "data")}
    with_glossary = run(installed / "translit", "translate", article, "--to", "ru", "--json", "-q",
                        cwd=tmp_path, env=env)
    assert with_glossary.returncode == 0, with_glossary.stderr
    payload = json.loads(with_glossary.stdout)
    assert payload["glossary_version"].startswith("immigration.en-ru")
    assert {t["id"] for t in payload["terms"]} >= {"asylum-seeker", "credible-fear-interview"}

    plain = run(installed / "translit", "translate", article, "--to", "ru", "--no-glossary", "--json", "-q",
                cwd=tmp_path, env=env)
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout)["terms"] == [] and "Traceback" not in plain.stderr

    summary = run(installed / "translit", "summarize", article, "--sentences", "1", "--json", cwd=tmp_path, env=env)
    assert summary.returncode == 0, summary.stderr
    assert len(json.loads(summary.stdout)["sentences"]) == 1


def test_wheel_ships_the_glossaries_and_samples(installed, tmp_path):
    code = (
        "from translit.resources import glossaries_dir, samples_dir; from translit.ingest import sample_paths; "
        "print(glossaries_dir()); print(len(sample_paths()))"
    )
    done = run(installed / "python", "-c", code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    folder, samples = done.stdout.split()
    assert "site-packages" in folder and int(samples) >= 5
    assert run(installed / "translit", "glossary", "check", cwd=tmp_path).returncode == 0


def test_the_wheel_declares_the_same_dependencies_as_requirements_txt():
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    wanted = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert declared == wanted
    assert not any(d.lower().startswith(("argostranslate", "torch", "stanza", "spacy")) for d in declared)
