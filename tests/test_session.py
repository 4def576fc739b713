"""The seam both front ends share: the session's cache, and translation backends as plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from translit.config import Settings
from translit.document import Document
from translit.errors import TranslitError
from translit.mt.registry import backends, make_translator
from translit.pipeline import Options
from translit.session import Session

ARTICLE = Document.from_text("The asylum seeker had a credible fear interview.\n")
OPTIONS = Options(source_lang="en", target_lang="ru", summary_sentences=None)

PLUGIN = '''
from translit.document import ModelInfo
from translit.mt.base import LanguagePair, TranslatedSentence


class Shouting:
    """A backend from outside translit: it "translates" by writing the sentence in capitals."""

    def __init__(self, settings):
        self.settings = settings

    def pairs(self):
        return (LanguagePair("en", "ru"),)

    def installed(self):
        return (ModelInfo("en", "ru", "1.0"),)

    def refresh(self):
        pass

    def models_for(self, source, target):
        return (ModelInfo(source, target, "1.0"),)

    def translate(self, sentences, source, target, *, constraints=None, progress=None):
        return [TranslatedSentence(s.upper()) for s in sentences]


def make_translator(settings):
    return Shouting(settings)
'''


@pytest.fixture
def plugin_path(tmp_path, monkeypatch) -> Path:
    """A folder holding an installed-looking plugin package that declares a `shouting` backend."""
    (tmp_path / "shouting_backend.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    info = tmp_path / "shouting_backend-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shouting-backend\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[translit.translators]\nshouting = shouting_backend:make_translator\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_a_backend_plugin_is_found_through_its_entry_point(plugin_path):
    assert {"argos", "shouting"} <= set(backends())
    translator = make_translator(Settings(), "shouting")
    result = Session(Settings(), translator).translate(ARTICLE, OPTIONS)
    assert result.pairs[0].target == ARTICLE.paragraphs[0].text.upper()
    assert [m.version for m in result.models] == ["1.0"]


def test_the_cli_translates_with_a_plugin_backend(plugin_path, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Two men were deported.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_path), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "translit", "translate", str(article), "--to", "ru", "--backend", "shouting",
         "--json", "-q"], capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["paragraphs"][0]["sentences"][0]["target"] == "TWO MEN WERE DEPORTED."


def test_the_built_in_backend_is_made_without_reading_every_packages_entry_points(monkeypatch, tmp_path):
    import importlib.metadata

    def no_scan(**kwargs):
        raise AssertionError("entry points were read")

    monkeypatch.setattr(importlib.metadata, "entry_points", no_scan)
    translator = make_translator(Settings(package_dir=tmp_path), "argos")
    assert type(translator).__name__ == "ArgosTranslator"
    with pytest.raises(AssertionError, match="entry points were read"):
        make_translator(Settings(package_dir=tmp_path), "shouting")


def test_an_unknown_backend_is_a_clear_error():
    with pytest.raises(TranslitError, match="No translation backend 'nope'; available: .*argos"):
        make_translator(Settings(), "nope")


def test_the_cache_gives_back_the_same_translation_until_something_changes(plugin_path, tmp_path):
    settings = Settings(user_glossary=tmp_path / "mine.en-ru.tsv")
    session = Session(settings, make_translator(settings, "shouting"))
    options = Options(source_lang="en", target_lang="ru", summary_sentences=None,
                      glossary_paths=session.glossary_paths())
    first = session.translate(ARTICLE, options)
    assert session.translate(ARTICLE, options) is first
    session.add_user_term({
        "id": "my-term", "en": "asylum seeker", "ru": "[проситель] убежища", "note_en": "A person.",
        "note_ru": "Человек.", "source": "usage", "tier": "3",
    })
    options = Options(source_lang="en", target_lang="ru", summary_sentences=None,
                      glossary_paths=session.glossary_paths())
    again = session.translate(ARTICLE, options)
    assert again is not first and "my-term" in {u.hit.concept_id for u in again.pairs[0].terms}


def test_each_pair_has_its_own_user_glossary_and_only_its_own_is_used(plugin_path, tmp_path):
    settings = Settings(user_glossary=tmp_path / "mine.en-ru.tsv")
    session = Session(settings, make_translator(settings, "shouting"))
    assert session.user_glossary("en-ru") == tmp_path / "mine.en-ru.tsv"
    assert session.user_glossary("en-uk") == tmp_path / "my-glossary.en-uk.tsv"
    session.add_user_term({
        "id": "my-term", "en": "asylum seeker", "uk": "[шукач] притулку", "note_en": "A person.",
        "note_uk": "Людина.", "source": "usage", "tier": "3",
    }, "en-uk")
    assert session.glossary_paths() == (str(tmp_path / "my-glossary.en-uk.tsv"),)
    assert [e["id"] for e in session.user_glossary_entries("en-uk")] == ["my-term"]
    assert session.user_glossary_entries("en-ru") == []
    found = {}
    for target in ("uk", "ru"):
        options = Options(source_lang="en", target_lang=target, summary_sentences=None,
                          glossary_paths=session.glossary_paths())
        found[target] = {u.hit.concept_id for u in session.translate(ARTICLE, options).pairs[0].terms}
    assert "my-term" in found["uk"] and "my-term" not in found["ru"]


def test_a_given_translation_is_cached_by_its_text(plugin_path):
    session = Session(Settings(), make_translator(Settings(), "shouting"))
    one = session.translate(ARTICLE, OPTIONS, given="Проситель убежища прошёл собеседование.\n")
    two = session.translate(ARTICLE, OPTIONS, given="Другой перевод.\n")
    assert one.given_translation and two.given_translation and one.pairs[0].target != two.pairs[0].target
