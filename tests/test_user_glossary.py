"""The user's own glossary: added entries, imported files, atomic saves, and overriding built-in terms."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from translit.errors import GlossaryError
from translit.glossary import add_user_entry, import_user_glossary, user_entries

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id\ten\tru\tru_variants\tru_wrong\ten_wrong\tnote_en\tnote_ru\tsource\ttier\n"
ENTRY = {
    "id": "work-permit-card",
    "en": "work permit card",
    "ru": "[карточка] разрешения на работу",
    "note_en": "The card that proves permission to work.",
    "note_ru": "Карточка, подтверждающая право на работу.",
    "source": "volunteer usage",
    "tier": "3",
}


def test_added_entry_is_saved_and_replaced_by_id(tmp_path):
    path = tmp_path / "mine.en-ru.tsv"
    add_user_entry(path, ENTRY)
    add_user_entry(path, {**ENTRY, "note_en": "Updated."})
    rows = user_entries(path)
    assert [(r["id"], r["note_en"]) for r in rows] == [("work-permit-card", "Updated.")]


def test_invalid_entry_changes_nothing(tmp_path):
    path = tmp_path / "mine.en-ru.tsv"
    add_user_entry(path, ENTRY)
    before = path.read_bytes()
    with pytest.raises(GlossaryError, match="Nothing was saved"):
        add_user_entry(path, {**ENTRY, "id": "second", "ru": "[unbalanced", "en": "other term"})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.en-ru.tsv"]


def test_imported_file_is_merged(tmp_path):
    path = tmp_path / "mine.en-ru.tsv"
    add_user_entry(path, ENTRY)
    row = "bond-receipt\tbond receipt\t[квитанция] о залоге\t\t\t\tProof of paid bond.\tКвитанция.\tICE\t3\n"
    assert import_user_glossary((HEADER + row).encode(), "extra.tsv", path) == 1
    assert {r["id"] for r in user_entries(path)} == {"work-permit-card", "bond-receipt"}


def test_broken_import_names_the_line_and_keeps_the_saved_file(tmp_path):
    path = tmp_path / "mine.en-ru.tsv"
    add_user_entry(path, ENTRY)
    before = path.read_bytes()
    with pytest.raises(GlossaryError, match="line 3"):
        import_user_glossary((HEADER + "ok-entry\tok\t[ок]\t\t\t\tA.\tБ.\tS\t3\nbroken\tonly two\n").encode(),
                             "bad.tsv", path)
    assert path.read_bytes() == before


def test_user_entry_overrides_the_built_in_rendering(tmp_path, packages_env):
    path = tmp_path / "mine.en-ru.tsv"
    add_user_entry(path, {**ENTRY, "id": "credible-fear-interview", "en": "credible fear interview",
                          "ru": "[собеседование] о достоверном страхе"})
    article = tmp_path / "a.txt"
    article.write_text("He passed his credible fear interview in March.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "translit", "translate", str(article), "--to", "ru", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "TRANSLIT_USER_GLOSSARY": str(path)},
    )
    assert done.returncode == 0, done.stderr
    term = json.loads(done.stdout)["paragraphs"][0]["sentences"][0]["terms"][0]
    assert term["target_term"] == "собеседование о достоверном страхе"
    assert "о достоверном страхе" in json.loads(done.stdout)["paragraphs"][0]["sentences"][0]["target"]
