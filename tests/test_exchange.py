"""TMX, XLIFF and TBX: read back by an independent reader (translate-toolkit), round trips without loss,
and an XLIFF edited elsewhere comes back as edits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from translit.document import Document
from translit.edits import apply_edits
from translit.errors import InputError
from translit.exchange.tbx import DEPRECATED, PREFERRED, write_tbx
from translit.exchange.tmx import read_tmx, write_tmx
from translit.exchange.xliff import NS, edits_from_xliff, read_xliff, write_xliff
from translit.export import export
from translit.memory import Memory, Unit
from translit.mt.given import GivenTranslation
from translit.pipeline import Options, run

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = Options(source_lang="en", target_lang="ru", summary_sentences=None)
SOURCE = (
    "Two men failed their credible fear interviews.\n"
    "\n"
    "The judge (a former prosecutor) asked about the 3 hearings. The lawyer said \"no\" & left.\n"
)
TARGET = (
    "Двое мужчин не прошли собеседование на предмет обоснованного страха.\n"
    "\n"
    "Судья (бывший прокурор) спросил о 3 слушаниях. Адвокат сказал «нет» и ушёл.\n"
)
X = {"x": NS}


def given_result():
    document = Document.from_text(SOURCE)
    return run(document, OPTIONS, GivenTranslation(document, Document.from_text(TARGET), "ru"))


# --- XLIFF ------------------------------------------------------------------------------------------


def test_xliff_is_read_by_translate_toolkit_without_loss():
    from translate.storage.xliff import xlifffile

    result = apply_edits(given_result(), {1: "Судья (бывший прокурор) спросил о трёх слушаниях."}, OPTIONS)
    data = write_xliff(result)
    store = xlifffile.parsestring(data)
    units = [u for u in store.units if not u.isheader()]
    assert [str(u.source) for u in units] == [p.source.text for p in result.pairs]
    assert [str(u.target) for u in units] == [p.target for p in result.pairs]
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "ru"
    assert units[1].isapproved() and units[1].get_state_n() >= units[1].S_FINAL  # the human edit is final
    assert not units[0].isapproved() and units[0].isfuzzy()  # the machine's awaits a person's review
    assert "credible fear interviews" in units[0].getnotes()
    assert [str(alt.target) for alt in units[1].getalttrans()] == [result.pairs[1].model_target]


def test_xliff_states_say_who_is_behind_each_target():
    result = apply_edits(given_result(), {2: "Адвокат сказал «нет» и вышел."}, OPTIONS)
    document = Document.from_text(SOURCE)
    flagged = run(document, OPTIONS, GivenTranslation(document, Document.from_text(
        TARGET.replace("собеседование на предмет обоснованного страха", "интервью")), "ru"))
    states = [u.state for u in read_xliff(write_xliff(result)).units]
    assert states == ["translated", "translated", "final"]
    assert read_xliff(write_xliff(flagged)).units[0].state == "needs-review-translation"


def test_our_xliff_round_trips():
    result = given_result()
    read = read_xliff(write_xliff(result))
    assert (read.source_lang, read.target_lang) == ("en", "ru")
    assert [(u.id, u.source, u.target) for u in read.units] == [
        (str(p.source.index + 1), p.source.text, p.target) for p in result.pairs]


def test_an_xliff_edited_outside_comes_back_as_edits(tmp_path):
    result = given_result()
    root = etree.fromstring(write_xliff(result))
    edited = "Судья (бывший прокурор) спросил о трёх слушаниях."
    root.xpath("//x:trans-unit[@id='2']/x:target", namespaces=X)[0].text = edited
    root.xpath("//x:trans-unit[@id='2']/x:target", namespaces=X)[0].set("state", "final")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    edits = edits_from_xliff(result, data)
    assert edits == {1: edited}
    with_edit = apply_edits(result, edits, OPTIONS)
    assert with_edit.pairs[1].edited and with_edit.pairs[1].target == edited
    assert edited in export(with_edit, "md").decode()
    # As memory: only the unit a person changed is a human translation.
    human = [u for u in read_xliff(data).units if u.human]
    assert [u.target for u in human] == [edited]


def test_what_a_person_did_in_the_cat_tool_is_told_from_the_machine():
    from translit.exchange.xliff import changes_from_xliff

    result = given_result()
    root = etree.fromstring(write_xliff(result))
    units = root.xpath("//x:trans-unit", namespaces=X)
    units[0].set("approved", "yes")  # approved as it was
    for alt in root.xpath("//x:alt-trans", namespaces=X):
        alt.getparent().remove(alt)  # a tool that drops alt-trans
    for unit in units:
        unit.find(f"{{{NS}}}target").set("state-qualifier", "mt-suggestion")
    data = etree.tostring(root)
    changes = changes_from_xliff(result, data)
    assert changes.edits == {} and changes.approved == (0,)
    assert [u.id for u in read_xliff(data).units if u.human] == ["1"]  # the machine's, unapproved, are not a person's
    assert read_xliff(data).article == read_xliff(write_xliff(result)).article != ""


def test_an_xliff_of_another_article_is_refused():
    result = given_result()
    other = Document.from_text("A different article.\n")
    other_result = run(other, OPTIONS, GivenTranslation(other, Document.from_text("Другая статья.\n"), "ru"))
    with pytest.raises(InputError, match="not sentences of this article"):
        edits_from_xliff(result, write_xliff(other_result))
    with pytest.raises(InputError, match="not XLIFF"):
        edits_from_xliff(result, b"<html><body>hi</body></html>")
    with pytest.raises(InputError, match="not a readable XLIFF"):
        edits_from_xliff(result, b"\x00\x01 not xml")


def test_reading_never_resolves_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    data = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
            f'<xliff version="1.2" xmlns="{NS}"><file source-language="en" target-language="ru"><body>'
            '<trans-unit id="1"><source>Hi</source><target state="final">&e;</target></trans-unit>'
            '</body></file></xliff>').encode()
    assert "TOP SECRET" not in read_xliff(data).units[0].target


def test_translate_edits_and_format_xliff_on_the_command_line(tmp_path, packages_env):
    env = {**os.environ, "TRANSLIT_MEMORY": str(tmp_path / "memory.sqlite")}

    def translit(*args):
        done = subprocess.run([sys.executable, "-m", "translit", *args], capture_output=True, text=True, cwd=ROOT,
                              env=env, timeout=180)
        assert done.returncode == 0, done.stderr
        return done

    article = tmp_path / "article.txt"
    article.write_text(SOURCE, encoding="utf-8")
    xlf = tmp_path / "article.xlf"
    translit("translate", str(article), "--to", "ru", "--format", "xliff", "-o", str(xlf), "-q")
    root = etree.fromstring(xlf.read_bytes())
    root.xpath("//x:trans-unit[@id='1']/x:target", namespaces=X)[0].text = TARGET.splitlines()[0]
    xlf.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    done = translit("translate", str(article), "--to", "ru", "--edits", str(xlf), "--format", "json")
    assert "1 edit taken" in done.stderr
    import json

    first = json.loads(done.stdout)["paragraphs"][0]["sentences"][0]
    assert first["edited"] is True and first["target"] == TARGET.splitlines()[0]
    assert first["flags"] == []  # the approved term is in the edit
    assert Memory(tmp_path / "memory.sqlite").stats().human == 1
    other = tmp_path / "other.txt"
    other.write_text("Two men failed their credible fear interviews.\n", encoding="utf-8")
    done = translit("translate", str(other), "--to", "ru", "--json")
    reused = json.loads(done.stdout)["paragraphs"][0]["sentences"][0]
    assert reused["target"] == TARGET.splitlines()[0] and reused["from_memory"]["score"] == 100
    assert "1 sentence taken from the translation memory" in done.stderr
    # The unedited XLIFF brings no edit back, even over a person's own translation of the article.
    untouched = tmp_path / "untouched.xlf"
    translit("translate", str(article), "--to", "ru", "--no-memory", "-o", str(untouched), "-q")
    assert untouched.read_bytes().startswith(b"<?xml") and b"<xliff" in untouched.read_bytes()  # -o names the format
    mine = tmp_path / "mine.ru.txt"
    mine.write_text(TARGET, encoding="utf-8")
    done = translit("translate", str(article), "--to", "ru", "--translation", str(mine), "--edits", str(untouched),
                    "--json")
    assert "0 edits taken" in done.stderr
    targets = [s["target"] for p in json.loads(done.stdout)["paragraphs"] for s in p["sentences"]]
    assert targets[0] == TARGET.splitlines()[0] and all(not s.get("edited") for p in json.loads(done.stdout)[
        "paragraphs"] for s in p["sentences"])
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"broken" * 100)
    env["TRANSLIT_MEMORY"] = str(broken)
    done = translit("translate", str(article), "--to", "ru", "--format", "md")
    assert "translation memory" in done.stderr and "cannot be read" in done.stderr and done.stdout
    assert broken.read_bytes() == b"broken" * 100


# --- TMX --------------------------------------------------------------------------------------------

UNITS = [
    Unit("Two men failed their credible fear interviews.", TARGET.splitlines()[0], "en", "ru", "a1",
         "2026-11-30T10:00:00+00:00", "human"),
    Unit("The court met & adjourned <quickly>.", "Суд собрался и «быстро» разошёлся.", "en", "ru", "",
         "2026-12-01T09:30:00+00:00", "machine"),
    Unit("Суд собрался.", "The court met.", "ru", "en", "a2", "2026-12-01T09:31:00+00:00", "human"),
]


def test_tmx_round_trips_and_translate_toolkit_reads_it():
    from translate.storage.tmx import tmxfile

    data = write_tmx(UNITS)
    assert read_tmx(data) == UNITS
    store = tmxfile.parsestring(data)
    assert [(str(u.source), str(u.target)) for u in store.units] == [(u.source, u.target) for u in UNITS]


def test_a_tmx_for_every_direction_and_with_inline_codes():
    data = ('<tmx version="1.4"><header srclang="*all*" segtype="sentence" o-tmf="x" adminlang="en" '
            'datatype="plaintext" creationtool="x" creationtoolversion="1"/><body>'
            '<tu><tuv xml:lang="ru"><seg>Срок<ph>&lt;br/&gt;</ph>истёк.</seg></tuv>'
            '<tuv xml:lang="en-GB"><seg>The <bpt i="1">&lt;b&gt;</bpt>term<ept i="1">&lt;/b&gt;</ept> ended.'
            '</seg></tuv>'
            '<tuv xml:lang="uk"><seg>Строк сплив.</seg></tuv></tu></body></tmx>').encode()
    units = {(u.source_lang, u.target_lang): (u.source, u.target) for u in read_tmx(data)}
    assert set(units) == {("ru", "en"), ("ru", "uk"), ("en", "ru"), ("en", "uk"), ("uk", "ru"), ("uk", "en")}
    assert units["en", "ru"] == ("The term ended.", "Срок истёк.")


def test_a_tmx_from_a_cat_tool_is_imported(tmp_path):
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="en-US", targetlanguage="ru-RU")
    store.addtranslation("The hearing was postponed.", "en-US", "Слушание отложили.", "ru-RU")
    store.addtranslation("Parole ended.", "en-US", "Пароль закончился.", "ru-RU")
    units = read_tmx(bytes(store))
    assert [(u.source, u.target, u.source_lang, u.target_lang, u.who) for u in units] == [
        ("The hearing was postponed.", "Слушание отложили.", "en", "ru", "human"),
        ("Parole ended.", "Пароль закончился.", "en", "ru", "human"),
    ]
    memory = Memory(tmp_path / "memory.sqlite")
    assert memory.add(units) == 2 and memory.add(units) == 0


def test_memory_export_and_import_on_the_command_line(tmp_path):
    env = {**os.environ, "TRANSLIT_MEMORY": str(tmp_path / "memory.sqlite")}
    Memory(tmp_path / "memory.sqlite").add(UNITS)

    def translit(*args, memory: Path):
        return subprocess.run([sys.executable, "-m", "translit", *args], capture_output=True, text=True, cwd=ROOT,
                              env={**env, "TRANSLIT_MEMORY": str(memory)}, timeout=120)

    tmx = tmp_path / "memory.tmx"
    done = translit("memory", "export", "-o", str(tmx), "--pair", "en-ru", memory=tmp_path / "memory.sqlite")
    assert done.returncode == 0 and "2 units" in done.stderr
    fresh = tmp_path / "fresh.sqlite"
    done = translit("memory", "import", str(tmx), memory=fresh)
    assert done.returncode == 0 and "2 units added" in done.stderr
    assert Memory(fresh).units() == [u for u in UNITS if u.source_lang == "en"]
    done = translit("memory", "stats", "--json", memory=fresh)
    assert '"human": 1' in done.stdout and '"machine": 1' in done.stdout
    done = translit("memory", "forget", memory=fresh)
    assert done.returncode == 2 and "--all" in done.stderr
    done = translit("memory", "forget", "--before", "yesterday", memory=fresh)
    assert done.returncode == 2 and "not a date" in done.stderr and Memory(fresh).stats().units == 2
    (tmp_path / "broken.sqlite").write_bytes(b"broken" * 100)
    done = translit("memory", "stats", memory=tmp_path / "broken.sqlite")
    assert done.returncode == 2 and "cannot be read" in done.stderr
    article = tmp_path / "a.txt"
    article.write_text("The court met.\n", encoding="utf-8")
    done = translit("translate", str(article), "--to", "ru", "--translation", str(article), "--format", "md",
                    memory=tmp_path / "broken.sqlite")
    assert done.returncode == 0 and "cannot be read" not in done.stderr  # a given translation takes nothing from it


# --- TBX --------------------------------------------------------------------------------------------


def test_tbx_holds_every_concept_with_its_statuses():
    from translate.storage.tbx import tbxfile

    from translit.glossary import builtin_path, load_glossary

    glossary = load_glossary(builtin_path(pair=("en", "ru")))
    data = write_tbx(glossary)
    root = etree.fromstring(data)
    assert root.get("type") == "TBX-Basic"
    entries = root.findall(".//termEntry")
    assert len(entries) == len(glossary.concepts)
    concept = glossary.concept("credible-fear-interview")
    entry = next(e for e in entries if e.get("id") == "credible-fear-interview")
    russian = entry.find("langSet[@{http://www.w3.org/XML/1998/namespace}lang='ru']")
    statuses = {tig.findtext("term"): tig.findtext("termNote") for tig in russian.findall("tig")}
    assert statuses[concept.approved("ru")] == PREFERRED
    for wrong in concept.wrong_terms("ru"):
        assert statuses[wrong] == DEPRECATED
    assert concept.wrong_terms("ru")
    store = tbxfile.parsestring(data)
    assert len(store.units) == len(glossary.concepts)
    assert any(str(u.source) == concept.approved("en") for u in store.units)


def test_glossary_export_on_the_command_line(tmp_path):
    out = tmp_path / "glossary.tbx"
    done = subprocess.run([sys.executable, "-m", "translit", "glossary", "export", "--pair", "en-uk", "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert etree.fromstring(out.read_bytes()).findall(".//langSet[@{http://www.w3.org/XML/1998/namespace}lang='uk']")
