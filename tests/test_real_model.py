"""Checks that need a real Argos en<->ru package; skipped unless one is installed.

Set TRANSLIT_REAL_PACKAGE_DIR to a folder of installed Argos packages (for example
~/.local/share/argos-translate/packages) to run them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from translit.config import Settings
from translit.document import Document
from translit.mt.argos.packages import installed_packages
from translit.pipeline import Options, run


def real_package_dir() -> Path | None:
    folder = os.environ.get("TRANSLIT_REAL_PACKAGE_DIR")
    if not folder:
        return None
    packages = installed_packages(Path(folder).expanduser())
    real = [
        p for p in packages
        if "test_package" not in json.loads((p.path / "metadata.json").read_text(encoding="utf-8"))
    ]
    pairs = {p.pair for p in real}
    return Path(folder).expanduser() if {("en", "ru"), ("ru", "en")} <= pairs else None


pytestmark = [
    pytest.mark.real_model,
    pytest.mark.skipif(real_package_dir() is None, reason="no real en<->ru Argos package installed"),
]


@pytest.fixture(scope="module")
def real_translator():
    from translit.mt.argos import ArgosTranslator

    return ArgosTranslator(Settings(package_dir=real_package_dir()))


def test_credible_fear_interview_gets_the_legal_term(real_translator):
    document = Document.from_text("Two of the men failed their credible fear interviews in Texas.\n")
    result = run(document, Options(source_lang="en", target_lang="ru", summary_sentences=None), real_translator)
    target = result.pairs[0].target.lower()
    assert "на предмет обоснованного страха" in target
    assert "допрос" not in target


def test_russian_calque_comes_back_as_the_english_term(real_translator):
    document = Document.from_text("Двое мужчин не прошли интервью на страх.\n")
    result = run(document, Options(source_lang="ru", target_lang="en", summary_sentences=None), real_translator)
    assert "credible fear interview" in result.pairs[0].target.lower()
