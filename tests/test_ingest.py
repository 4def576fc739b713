"""Ingestion: text in every common encoding, Markdown, HTML, DOCX, PDF, and a clear error for bad input."""

from __future__ import annotations

import io
import random
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from translit.config import Settings
from translit.errors import InputError
from translit.ingest import (
    decode_text,
    document_from_bytes,
    load_document,
    markdown_to_text,
    reflow_lines,
    sample_paths,
)

DEFAULTS = Settings()
RUSSIAN = (
    "Суд временно заблокировал новое правило о предоставлении убежища.\n"
    "Адвокаты советуют сохранять все документы о въезде в страну."
)


# ---------------------------------------------------------------- fixtures made by the tests


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(pages: list[list[str]], title: str = "", author: str = "") -> bytes:
    """A small valid PDF whose pages show the given lines in Helvetica (ASCII text only)."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        shown = " ".join(f"{_pdf_string(line)} Tj T*" for line in lines)
        stream = f"BT /F1 11 Tf 14 TL 72 760 Td {shown} ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    info = len(objects) + 1
    objects.append(f"<< /Title {_pdf_string(title)} /Author {_pdf_string(author)} >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R /Info {info} 0 R >>"
    out.write(f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypt_pdf(data: bytes, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(title: str = "", heading: str = "", paragraphs: tuple[str, ...] = (), table=None) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- plain text and encodings


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251", "koi8-r"]
)
def test_russian_text_in_every_common_encoding(encoding):
    assert decode_text(RUSSIAN.encode(encoding), "a.txt") == RUSSIAN


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_english_utf16_without_bom(encoding):
    text = "Green card holders can travel abroad for up to six months."
    assert decode_text(text.encode(encoding)) == text


def test_utf8_cut_in_the_middle_of_a_letter_is_still_utf8():
    data = (RUSSIAN * 3).encode("utf-8")[:-1]  # the last Cyrillic letter loses its second byte
    text = decode_text(data)
    assert text.startswith("Суд временно") and "\ufffd" not in text


def test_crlf_line_ends_become_newlines():
    assert decode_text(b"one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_plain_text_document_keeps_lines_and_guesses_the_title():
    data = b"Visa bulletin for March\n\nThe State Department published the bulletin.\n"
    document = document_from_bytes(data, "bulletin.txt", settings=DEFAULTS)
    assert document.title == "Visa bulletin for March"
    assert document.text == data.decode()
    assert document.source == "bulletin.txt"


def test_sample_files_load_as_documents():
    samples = sample_paths()
    assert samples, "the samples folder should hold .txt articles"
    for name, path in samples.items():
        document = load_document(path, settings=DEFAULTS)
        assert document.text == path.read_text(encoding="utf-8")
        assert document.title and document.source == str(path), name


# ---------------------------------------------------------------- Markdown


def test_markdown_markup_is_stripped():
    markdown = (
        "# Work *permits* for parolees\n\n"
        "People paroled in through **U4U** can apply for a\n"
        "[work permit](https://www.uscis.gov/i-765) with form `I-765`.\n\n"
        "- fee: $520 online\n- wait: about _three_ months\n\n"
        "> Keep a copy of \\*every\\* page.\n\n"
        "![chart](chart.png)\n\n---\n\n"
        "Next steps\n----------\n\n"
        "[uscis]: https://www.uscis.gov\n"
    )
    text, title = markdown_to_text(markdown)
    assert title == "Work permits for parolees"
    assert text.split("\n\n") == [
        "Work permits for parolees",
        "People paroled in through U4U can apply for a work permit with form I-765.",
        "fee: $520 online",
        "wait: about three months",
        "Keep a copy of *every* page.",
        "chart",
        "Next steps",
    ]


def test_markdown_document_uses_front_matter_title():
    data = b"---\ntitle: \"TPS extended\"\n---\nUkrainians keep **TPS** until 2025.\n"
    document = document_from_bytes(data, "tps.md", settings=DEFAULTS)
    assert document.title == "TPS extended"
    assert document.text == "Ukrainians keep TPS until 2025."


def test_snake_case_words_and_arithmetic_are_not_emphasis():
    text, _ = markdown_to_text("Set file_name_here and 2 * 3 * 4 stays.")
    assert text == "Set file_name_here and 2 * 3 * 4 stays."


# ---------------------------------------------------------------- HTML

ARTICLE = """<!DOCTYPE html><html lang="ru"><head><meta charset="windows-1251">
<title>Новые правила для беженцев — Новости</title>
<meta name="author" content="Ирина Петрова"><meta name="date" content="2024-02-01"></head>
<body><header><ul class="menu"><li><a href="/">Главная</a></li>
<li><a href="/about">О нас</a></li></ul></header>
<main><article><h1>Новые правила для беженцев</h1>
<p>Министерство внутренней безопасности объявило о новых правилах рассмотрения заявлений на убежище.
Изменения вступят в силу в следующем месяце.</p>
<p>Юристы советуют заявителям заранее собрать все документы и прийти на собеседование вовремя.</p>
<p>Подробности опубликованы на сайте ведомства, а консультации проводят некоммерческие организации.</p>
</article></main>
<div id="comments" class="comments"><p>Комментарий: лучший сайт казино</p></div>
<footer><p>© 2024 Новости. Все права защищены.</p></footer></body></html>"""


def test_html_article_is_extracted_without_menus_or_comments():
    document = document_from_bytes(ARTICLE.encode("cp1251"), "page.html", settings=DEFAULTS)
    assert document.title == "Новые правила для беженцев"
    assert document.byline == "Ирина Петрова"
    assert document.date == "2024-02-01"
    paragraphs = [p.text for _, p in document.content_paragraphs]
    assert paragraphs[0] == "Новые правила для беженцев"
    assert paragraphs[1].startswith("Министерство") and paragraphs[1].endswith("в следующем месяце.")
    for junk in ("Главная", "казино", "права защищены"):
        assert junk not in document.text


def test_html_extraction_never_opens_a_connection(monkeypatch):
    calls = []

    def record(*args, **kwargs):
        calls.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "getaddrinfo", record)
    monkeypatch.setattr(socket, "create_connection", record)
    page = ARTICLE.replace("<title>", '<link rel="canonical" href="https://news.example.org/a"><title>')
    document = document_from_bytes(page.encode("cp1251"), "https://news.example.org/a", settings=DEFAULTS)
    assert "Министерство" in document.text
    assert calls == []


def test_malformed_html_is_still_read():
    broken = b"<html><body><div><p>Unclosed <b>bold <i>text about visas</p></div><p>Second part</td></body"
    document = document_from_bytes(broken, "broken.html", settings=DEFAULTS)
    assert "Unclosed bold text about visas" in document.text
    assert "Second part" in document.text


def test_html_without_article_text_says_what_to_do():
    page = b"<html><head><script>var a = 1;</script></head><body><nav><a href='/'></a></nav></body></html>"
    with pytest.raises(InputError, match="No article text was found in menu.html.*copy the article text"):
        document_from_bytes(page, "menu.html", settings=DEFAULTS)


def test_html_that_is_only_tags_is_refused():
    with pytest.raises(InputError, match="(could not be read as a web page|No article text was found)"):
        document_from_bytes(b"<html></html>", "empty.html", settings=DEFAULTS)


def test_html_is_recognised_without_an_html_extension():
    page = b"<!doctype html><html><body><p>Asylum interviews resume in May.</p></body></html>"
    document = document_from_bytes(page, "download", settings=DEFAULTS)
    assert document.text == "Asylum interviews resume in May."


# ---------------------------------------------------------------- DOCX


def test_docx_paragraphs_tables_and_core_title():
    data = make_docx(
        title="Family petitions",
        heading="How to file I-130",
        paragraphs=("File the form online.", "", "Pay the fee of $675."),
        table=[["Form", "Fee"], ["I-130", "$675"]],
    )
    document = document_from_bytes(data, "petitions.docx", settings=DEFAULTS)
    assert document.title == "Family petitions"
    assert [p.text for _, p in document.content_paragraphs] == [
        "How to file I-130", "File the form online.", "Pay the fee of $675.", "Form | Fee", "I-130 | $675",
    ]


def test_docx_title_falls_back_to_the_first_heading(tmp_path):
    path = tmp_path / "note.docx"
    path.write_bytes(make_docx(heading="Court dates moved", paragraphs=("Check the EOIR portal.",)))
    document = load_document(path, settings=DEFAULTS)
    assert document.title == "Court dates moved"
    assert document.source == str(path)


def test_corrupt_docx_is_refused():
    message = "broken.docx is not a readable Word document.*save it again as .docx"
    with pytest.raises(InputError, match=message):
        document_from_bytes(b"PK\x03\x04 this is not really a zip", "broken.docx", settings=DEFAULTS)


def test_truncated_docx_is_refused():
    data = make_docx(paragraphs=("Some text.",) * 20)
    with pytest.raises(InputError, match="cut.docx is not a readable Word document"):
        document_from_bytes(data[: len(data) // 2], "cut.docx", settings=DEFAULTS)


def test_docx_with_broken_xml_is_refused():
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(make_docx(paragraphs=("Text.",))))
    with source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            broken = item.filename == "word/document.xml"
            out.writestr(item, b"<w:document><w:body><unclosed" if broken else source.read(item))
    with pytest.raises(InputError, match="xml.docx is not a readable Word document"):
        document_from_bytes(buffer.getvalue(), "xml.docx", settings=DEFAULTS)


def test_password_protected_office_file_is_refused():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    with pytest.raises(InputError, match="password-protected.*save it as .docx"):
        document_from_bytes(ole, "locked.docx", settings=DEFAULTS)


# ---------------------------------------------------------------- PDF


def test_pdf_lines_are_reflowed_and_hyphenation_undone():
    data = make_pdf(
        [
            [
                "Court blocks asylum rule",
                "A federal judge on Tuesday blocked a rule that would have limited immi-",
                "gration claims at the border, saying the agency had skipped the notice",
                "and comment process.",
                "The government is expected to appeal the decision within thirty days,",
            ],
            ["and advocates told applicants to keep attending hearings.", "2"],
        ],
        title="Asylum ruling",
        author="Daily Courier",
    )
    document = document_from_bytes(data, "ruling.pdf", settings=DEFAULTS)
    assert document.title == "Asylum ruling"
    assert document.byline == "Daily Courier"
    assert [p.text for _, p in document.content_paragraphs] == [
        "Court blocks asylum rule",
        "A federal judge on Tuesday blocked a rule that would have limited immigration claims at the "
        "border, saying the agency had skipped the notice and comment process.",
        "The government is expected to appeal the decision within thirty days, and advocates told "
        "applicants to keep attending hearings.",
    ]


def test_reflow_keeps_hyphens_before_capitals_and_numbers():
    assert reflow_lines(["Russian-", "American groups and COVID-", "19 rules."]) == [
        "Russian- American groups and COVID- 19 rules."
    ]


def test_encrypted_pdf_is_refused_with_advice():
    data = encrypt_pdf(make_pdf([["Confidential memo about filings."]]), user_password="secret")
    with pytest.raises(InputError, match="locked.pdf is protected by a password.*without one"):
        document_from_bytes(data, "locked.pdf", settings=DEFAULTS)


def test_pdf_encrypted_with_an_empty_password_is_read():
    data = encrypt_pdf(make_pdf([["Printing is restricted, reading is not."]]), user_password="")
    document = document_from_bytes(data, "restricted.pdf", settings=DEFAULTS)
    assert "Printing is restricted, reading is not." in document.text


def test_corrupt_pdf_is_refused():
    junk = b"%PDF-1.7\n" + random.Random(7).randbytes(3000)
    with pytest.raises(InputError, match="junk.pdf (is not a readable PDF|has no text layer)"):
        document_from_bytes(junk, "junk.pdf", settings=DEFAULTS)


def test_pdf_named_file_that_is_not_a_pdf_is_refused():
    with pytest.raises(InputError, match="fake.pdf is not a readable PDF.*does not start like a PDF"):
        document_from_bytes(b"Just some words pretending to be a PDF.", "fake.pdf", settings=DEFAULTS)


def test_pdf_without_text_is_refused():
    with pytest.raises(InputError, match="has no text layer.*OCR"):
        document_from_bytes(make_pdf([[]]), "scan.pdf", settings=DEFAULTS)


# ---------------------------------------------------------------- bad input, one case each


def test_empty_file():
    with pytest.raises(InputError, match="empty.txt has no text .*choose a file with the article"):
        document_from_bytes(b"", "empty.txt", settings=DEFAULTS)


def test_whitespace_only_file():
    with pytest.raises(InputError, match="blank.txt has no text"):
        document_from_bytes(b" \n\t\r\n   \n", "blank.txt", settings=DEFAULTS)


def test_binary_junk():
    junk = random.Random(3).randbytes(4096) + b"\x00\x00"
    with pytest.raises(InputError, match="junk.txt looks like a binary file.*save the article as plain text"):
        document_from_bytes(junk, "junk.txt", settings=DEFAULTS)


def test_five_megabyte_text_is_over_the_article_limit():
    data = ("Asylum case update. " * 250_000).encode()
    assert len(data) == 5_000_000
    with pytest.raises(
        InputError, match=r"The article has 5,000,000 characters; the limit is 500,000\. Split it into parts"
    ):
        document_from_bytes(data, "huge.txt", settings=DEFAULTS)


def test_file_over_the_upload_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)
    with pytest.raises(InputError, match=r"big.txt is 1.5 MB; the limit is 1 MB"):
        load_document(path, settings=Settings(max_upload_bytes=1_000_000))


def test_only_numbers_and_punctuation():
    with pytest.raises(InputError, match="numbers.txt has no words, only numbers, punctuation or symbols"):
        document_from_bytes("2024-05-01 ... 42 % $ 100.00 !!! —".encode(), "numbers.txt", settings=DEFAULTS)


def test_only_emoji():
    with pytest.raises(InputError, match="emoji.txt has no words"):
        document_from_bytes("🇺🇸 ✈️ 🛂 😀😀".encode(), "emoji.txt", settings=DEFAULTS)


def test_emoji_inside_text_are_kept():
    text = "Visa approved 🎉 — виза одобрена 🛂"
    assert document_from_bytes(text.encode(), "e.txt", settings=DEFAULTS).text == text


def test_rtl_text_is_kept_as_written():
    text = "اللجوء في الولايات المتحدة\nמקלט מדיני בארצות הברית"
    document = document_from_bytes(text.encode("utf-8"), "rtl.txt", settings=DEFAULTS)
    assert document.text == text
    page = f'<html dir="rtl"><body><article><p>{text.splitlines()[0]}</p></article></body></html>'
    assert document_from_bytes(page.encode(), "rtl.html", settings=DEFAULTS).text == text.splitlines()[0]


def test_mixed_scripts_are_kept():
    text = "USCIS форма I-485: Green Card — зелена картка, 绿卡, Ελλάδα"
    assert document_from_bytes(text.encode("utf-8"), "mixed.txt", settings=DEFAULTS).text == text


def test_unsupported_file_types_say_what_to_save_as():
    with pytest.raises(InputError, match="old Word .* not supported; save the article as .docx, .pdf"):
        document_from_bytes(b"whatever", "letter.doc", settings=DEFAULTS)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file; check the path"):
        load_document(tmp_path / "nope.txt", settings=DEFAULTS)


def test_load_document_reads_each_type_from_disk(tmp_path):
    files = {
        "a.txt": b"Plain article text.",
        "b.md": b"# Title\n\nMarkdown *article* text.",
        "c.html": b"<html><body><article><p>HTML article text.</p></article></body></html>",
        "d.docx": make_docx(paragraphs=("DOCX article text.",)),
        "e.pdf": make_pdf([["PDF article text."]]),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        document = load_document(Path(tmp_path / name), settings=DEFAULTS)
        assert "article text." in document.text, name


def test_charset_given_by_a_server_is_used():
    """CP866 is not among the guessed encodings: only the declared charset decodes it right."""
    data = RUSSIAN.encode("cp866")
    assert decode_text(data) != RUSSIAN
    document = document_from_bytes(data, "n", content_type="text/plain", charset="cp866", settings=DEFAULTS)
    assert document.text == RUSSIAN


def test_importing_ingestion_loads_no_parser():
    code = (
        "import sys, translit.ingest, translit.fetch, translit.mt.argos.index\n"
        "heavy = {'trafilatura', 'lxml', 'pypdf', 'docx', 'argostranslate', 'urllib3'}\n"
        "print(sorted(heavy & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.strip() == "[]", done.stderr
