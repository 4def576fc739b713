"""Exports: Markdown, HTML, DOCX and JSON from one Result, without a model."""

from __future__ import annotations

import datetime
import io
import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from translit.document import Document, ModelInfo, Result, Summary, TermHit, TermUse
from translit.errors import InputError, LanguageError
from translit.export import (
    EXPORT_FORMATS,
    NOTICE_EN,
    NOTICE_RU,
    export,
    export_filename,
    markdown_escape,
    result_to_json,
    result_to_text,
)
from translit.pipeline import Options, run

ARTICLE = """Court delays asylum hearings in Texas

Immigration courts in Texas postponed hundreds of asylum hearings this week. Lawyers said the delays \
affect families who entered through humanitarian parole.
A spokesperson said the backlog is *not* a policy change and called it a [temporary](http://x.example) \
measure. Applicants should check their asylum hearing dates online.
The feed also carried a strange line: <script>alert(1)</script> and <img src=x onerror=alert(1)> \
were found in it.
"""
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
EDITED_TEXT = "Представитель сказал, что это временная мера."
DATE = "2025-01-31"

ASYLUM_NOTE_EN = "Protection for people who fear persecution at home <b>if</b> returned."
ASYLUM_NOTE_RU = "Защита для тех, кого преследуют на родине."
PAROLE_NOTE_EN = "Permission to enter the US temporarily; it is not an immigration status."
PAROLE_NOTE_RU = "Разрешение временно въехать в США; это не иммиграционный статус."
TERMS = {
    "asylum": ("убежище", ASYLUM_NOTE_EN, ASYLUM_NOTE_RU),
    "humanitarian parole": ("гуманитарный пароль", PAROLE_NOTE_EN, PAROLE_NOTE_RU),
}
STATUSES = ["present", "forced", "repaired"]


def with_terms(pair, status: str):
    """The pair with a TermUse for every TERMS word in its source sentence."""
    uses = []
    for word, (target, note_en, note_ru) in TERMS.items():
        start = pair.source.text.find(word)
        if start >= 0:
            hit = TermHit(word.replace(" ", "-"), start, start + len(word), word, target,
                          notes=(("en", note_en), ("ru", note_ru)))
            uses.append(TermUse(hit, status, "" if status == "found" else target))
    return replace(pair, terms=tuple(uses))


def source_only(article: str = ARTICLE, summary: tuple[int, ...] = (1, 3, 5)) -> Result:
    result = run(Document.from_text(article), Options(target_lang=None, use_glossary=False))
    pairs = tuple(with_terms(p, "found") for p in result.pairs)
    return replace(result, pairs=pairs, summary=Summary("en", summary, "test"))


def translated(article: str = ARTICLE, summary: tuple[int, ...] = (1, 3, 5), edit: int | None = 3) -> Result:
    result = source_only(article, summary)
    pairs = tuple(
        with_terms(replace(p, target=f"[ru {p.source.index}] {p.source.text}"), STATUSES[p.source.index % 3])
        for p in result.pairs
    )
    result = replace(
        result,
        pairs=pairs,
        target_lang="ru",
        route=("en", "ru"),
        models=(ModelInfo("en", "ru", "1.9"),),
        glossary_version="immigration 2025.1",
    )
    return result.with_edit(edit, EDITED_TEXT) if edit is not None else result


@pytest.fixture
def result() -> Result:
    return translated()


# ------------------------------------------------------------------ reading the outputs back


class PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if not self.in_style:
            self.text.append(data)


def read_html(data: bytes) -> PageReader:
    reader = PageReader()
    reader.feed(data.decode("utf-8"))
    reader.close()
    return reader


def read_docx(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    doc = read_docx(data)
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def markdown_unescape(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def text_of(data: bytes, fmt: str) -> str:
    """What a reader sees: Markdown without escapes, HTML text, DOCX paragraphs and cells, JSON as is."""
    if fmt == "md":
        return markdown_unescape(data.decode("utf-8"))
    if fmt == "html":
        return "".join(read_html(data).text)
    if fmt == "docx":
        return docx_text(data)
    if fmt == "xliff":
        from lxml import etree

        return "\n".join(etree.fromstring(data).itertext())
    return data.decode("utf-8")


# ------------------------------------------------------------------ every format from one Result


def test_formats_table_and_entry_point(result):
    assert set(EXPORT_FORMATS) == {"md", "html", "docx", "json", "txt", "xliff"}
    for fmt, (extension, mime) in EXPORT_FORMATS.items():
        data = export(result, fmt, date=DATE)
        assert isinstance(data, bytes) and data
        assert "/" in mime and extension
    assert export(result, "docx").startswith(b"PK")  # a zip, as every .docx is
    assert export(result, "MD", date=DATE) == export(result, "md", date=DATE)


def test_unknown_format_lists_the_known_ones(result):
    with pytest.raises(InputError, match="md, html, docx, json"):
        export(result, "pdf")


def test_unknown_interface_language_is_refused(result):
    with pytest.raises(LanguageError):
        export(result, "md", ui_lang="xx")


SHARED_FORMATS = [fmt for fmt in EXPORT_FORMATS if fmt != "xliff"]  # XLIFF is for CAT tools: tests/test_exchange.py


@pytest.mark.parametrize("fmt", SHARED_FORMATS)
def test_every_format_carries_the_same_contents(result, fmt):
    seen = text_of(export(result, fmt, date=DATE), fmt)
    assert "Court delays asylum hearings in Texas" in seen
    assert DATE in seen
    for pair in result.summary_pairs():
        assert pair.source.text in seen
        assert pair.target in seen
    for note in (ASYLUM_NOTE_EN, ASYLUM_NOTE_RU, PAROLE_NOTE_EN, PAROLE_NOTE_RU):
        assert note in seen
    assert "гуманитарный пароль" in seen
    assert "1.9" in seen and "immigration 2025.1" in seen
    assert NOTICE_EN in seen and NOTICE_RU in seen
    if fmt != "json":
        assert "English → Russian" in seen
        assert "Terms in this article" in seen


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "txt"])
def test_edited_sentences_are_marked(fmt):
    edited = text_of(export(translated(), fmt, date=DATE), fmt)
    assert f"{EDITED_TEXT} (edited)" in edited
    assert edited.count("(edited)") == 3  # in the summary, in the full translation, in the explanation
    untouched = text_of(export(translated(edit=None), fmt, date=DATE), fmt)
    assert "(edited)" not in untouched


def test_edited_sentences_are_marked_in_json(result):
    data = json.loads(export(result, "json", date=DATE))
    [edit] = data["edits"]
    assert edit["index"] == 3 and edit["target"] == EDITED_TEXT
    assert edit["machine_target"].startswith("[ru 3] ")
    summary = {s["index"]: s for s in data["summary"]["sentences"]}
    assert summary[3]["edited"] is True and "edited" not in summary[1]


def test_interface_language_labels_the_export():
    seen = text_of(export(translated(), "md", ui_lang="ru", date=DATE), "md")
    assert "Краткое изложение" in seen and "Термины в статье" in seen
    assert "английский → русский" in seen
    assert f"{EDITED_TEXT} (правка)" in seen
    assert NOTICE_EN in seen and NOTICE_RU in seen


def test_date_defaults_to_today(result):
    today = datetime.date.today().isoformat()
    assert today in export(result, "md").decode("utf-8")


# ------------------------------------------------------------------ Markdown


def test_markdown_round_trips_summary_and_terms(result):
    text = export(result, "md", date=DATE).decode("utf-8")
    plain = markdown_unescape(text)
    assert plain.startswith("# Court delays asylum hearings in Texas\n")
    summary_section = plain.split("## Summary")[1].split("## ")[0]
    for pair in result.summary_pairs():
        assert pair.source.text in summary_section
        assert f"→ {pair.target}" in summary_section
    assert "- asylum → убежище" in plain
    assert "- humanitarian parole → гуманитарный пароль" in plain
    assert plain.count("- asylum →") == 1  # three occurrences, one entry


def test_markdown_escapes_what_would_change_meaning(result):
    text = export(result, "md", date=DATE).decode("utf-8")
    assert r"\*not\*" in text and "*not*" not in text.replace(r"\*", "")
    assert r"\[temporary](http://x.example)" in text
    assert r"\<script>" in text and r"\<img" in text
    assert "<script>" not in text.replace(r"\<", "")


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("# Not a heading", r"\# Not a heading"),
        ("1. Not a list", r"1\. Not a list"),
        ("- not a bullet", r"\- not a bullet"),
        ("> not a quote", r"\> not a quote"),
        ("snake_case and 3.5 million stay as they are", "snake_case and 3.5 million stay as they are"),
        ("_emphasis_ and **bold** and `code`", r"\_emphasis\_ and \*\*bold\*\* and \`code\`"),
        ("a \\* b & c &amp; d", r"a \\\* b & c \&amp; d"),
        ("line one\nline two", "line one line two"),
    ],
)
def test_markdown_escape(raw, shown):
    assert markdown_escape(raw) == shown


def test_markdown_without_full_translation(result):
    text = export(result, "md", include_full=False, date=DATE).decode("utf-8")
    assert "## Full translation" not in text
    assert "Applicants should check" not in text  # sentence 4 is not in the summary
    assert "## Full translation" in export(result, "md", date=DATE).decode("utf-8")


# ------------------------------------------------------------------ HTML


HOSTILE_TITLE = '<script>alert("title")</script>'


def test_html_is_a_standalone_page_with_escaped_text(result):
    data = export(result, "html", title=HOSTILE_TITLE, date=DATE)
    page = read_html(data)
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags and "img" not in tags and "a" not in tags
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    text = "".join(page.text)
    assert SCRIPT in text and IMG in text and HOSTILE_TITLE in text
    assert "<b>if</b>" in text  # a note is text too
    assert ("meta", {"charset": "utf-8"}) in page.tags
    assert "@media print" in data.decode("utf-8")


def test_html_columns_carry_languages(result):
    page = read_html(export(result, "html", date=DATE))
    cell_langs = {attrs.get("lang") for tag, attrs in page.tags if tag == "td"}
    assert cell_langs == {"en", "ru"}
    html_tag = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html_tag["lang"] == "en"


# ------------------------------------------------------------------ DOCX


def test_docx_has_summary_table_terms_and_notice(result):
    doc = read_docx(export(result, "docx", date=DATE))
    summary, full = doc.tables
    header, *rows = summary.rows
    assert [c.text for c in header.cells] == ["English", "Russian"]
    assert [row.cells[0].text for row in rows] == [p.source.text for p in result.summary_pairs()]
    assert rows[0].cells[1].text == result.pairs[1].target
    assert rows[1].cells[1].text == f"{EDITED_TEXT} (edited)"
    assert len(full.rows) == 1 + len(result.paragraph_pairs())
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "Court delays asylum hearings in Texas"
    assert NOTICE_EN in paragraphs and NOTICE_RU in paragraphs
    terms = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert terms[0] == f"asylum → убежище\nEN: {ASYLUM_NOTE_EN}\nRU: {ASYLUM_NOTE_RU}"
    assert len(terms) == 2
    assert doc.core_properties.title == "Court delays asylum hearings in Texas"


def test_docx_survives_control_characters():
    article = "Bad\x00bytes\x0bin a line about asylum.\n\nAnother line follows here.\n"
    doc = read_docx(export(translated(article, summary=(0,), edit=None), "docx"))
    assert doc.tables[0].rows[1].cells[0].text == "Badbytesin a line about asylum."


# ------------------------------------------------------------------ JSON


def test_json_extends_the_cli_shape(result):
    raw = export(result, "json", date=DATE).decode("utf-8")
    assert "Представитель" in raw  # UTF-8, not \\u escapes
    data = json.loads(raw)
    expected = json.loads(json.dumps(result_to_json(result), ensure_ascii=False))
    assert {k: data[k] for k in expected} == expected
    assert data["summary"]["indices"] == [1, 3, 5]
    assert [s["target"] for s in data["summary"]["sentences"]] == [p.target for p in result.summary_pairs()]
    assert data["export"]["title"] == "Court delays asylum hearings in Texas"
    assert data["export"]["date"] == DATE


def test_json_terms_say_how_each_was_enforced(result):
    data = json.loads(export(result, "json", date=DATE))
    terms = {t["id"]: t for t in data["terms"]}
    assert list(terms) == ["asylum", "humanitarian-parole"]
    asylum = terms["asylum"]
    assert asylum["note_en"] == ASYLUM_NOTE_EN and asylum["note_ru"] == ASYLUM_NOTE_RU
    assert [u["sentence"] for u in asylum["uses"]] == [0, 1, 4]
    assert [u["status"] for u in asylum["uses"]] == ["present", "forced", "forced"]
    assert terms["humanitarian-parole"]["uses"] == [
        {"sentence": 2, "status": "repaired", "target_text": "гуманитарный пароль"}
    ]


def test_result_to_text_still_lays_out_the_translation(result):
    text = result_to_text(result)
    assert text.startswith("[ru 0] Court delays asylum hearings in Texas\n\n")
    assert "Summary:" in text and EDITED_TEXT in text


# ------------------------------------------------------------------ special cases


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_source_only_export(fmt):
    result = source_only()
    seen = text_of(export(result, fmt, date=DATE), fmt)
    assert "[ru" not in seen and "(edited)" not in seen
    for pair in result.summary_pairs():
        assert pair.source.text in seen
    assert ASYLUM_NOTE_EN in seen and NOTICE_EN in seen
    if fmt != "json":
        assert "Not translated" in seen
        assert "→ Russian" not in seen


def test_source_only_tables_have_one_column():
    data = export(source_only(), "docx", date=DATE)
    assert [len(t.columns) for t in read_docx(data).tables] == [1, 1]
    page = read_html(export(source_only(), "html", date=DATE))
    assert {attrs.get("lang") for tag, attrs in page.tags if tag == "td"} == {"en"}


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_no_summary_section_without_a_summary(fmt):
    result = replace(translated(edit=None), summary=None)
    seen = text_of(export(result, fmt, include_full=False, date=DATE), fmt)
    assert "Summary" not in seen
    assert "Terms in this article" in seen and NOTICE_EN in seen


def test_title_comes_from_argument_document_or_first_line():
    result = translated()
    assert text_of(export(result, "md", title="My *own* title"), "md").startswith("# My *own* title\n")
    titled = replace(result, document=replace(result.document, title="From the site"))
    assert text_of(export(titled, "md"), "md").startswith("# From the site\n")
    long_line = "The court postponed the hearing again and again, " * 6 + "and the families waited."
    first = text_of(export(translated(long_line, summary=(0,), edit=None), "md"), "md").splitlines()[0]
    assert first.startswith("# The court postponed") and first.endswith("…") and len(first) < 130


def test_export_filename_is_safe(result):
    assert export_filename(result, "md", date=DATE) == f"court-delays-asylum-hearings-in-texas-{DATE}.md"
    assert export_filename(result, "docx", title="Суд <отложил>", date=DATE) == f"translit-{DATE}.docx"


def test_each_format_is_one_module_of_the_export_package():
    """A new format is a module with a FORMAT: nothing else to register."""
    import pkgutil

    import translit.export as package
    from translit.export import formats

    modules = {m.name for m in pkgutil.iter_modules(package.__path__)} - {"sheet"}
    assert len(formats()) == len(modules) == 6
    assert {f.key for f in formats().values()} == set(EXPORT_FORMATS)


def test_options_object_and_keywords_give_the_same_export(result):
    from translit.export import ExportOptions

    options = ExportOptions(include_full=False, ui_lang="ru", date=DATE)
    assert export(result, "md", options) == export(result, "md", include_full=False, ui_lang="ru", date=DATE)
    with pytest.raises(TypeError):
        export(result, "md", options, date=DATE)


def test_plain_text_export_is_plain_and_a_ukrainian_one_has_its_notice(result):
    from dataclasses import replace as changed

    from translit.export import NOTICES

    text = export(result, "txt", date=DATE).decode("utf-8")
    assert "<script>alert(1)</script>" in text  # the article's own words, as written: plain text escapes nothing
    assert not any(markup in text for markup in ("**", "<p", "<table", "<h2", "\\*"))
    ukrainian = export(changed(result, target_lang="uk"), "txt", date=DATE).decode("utf-8")
    assert NOTICES["uk"] in ukrainian and NOTICES["ru"] not in ukrainian
