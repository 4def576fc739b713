"""DOCX: a Word document with a two-column table for the summary and one for the full text."""

from __future__ import annotations

import io

from translit.document import Result, SentencePair
from translit.export.sheet import DEFAULT_OPTIONS, ExportFormat, ExportOptions, Sheet, clean, notices, prepare


def _docx_target(cell, pairs: tuple[SentencePair, ...], sheet: Sheet) -> None:
    paragraph = cell.paragraphs[0]
    for i, pair in enumerate(pairs):
        paragraph.add_run(("" if i == 0 else " ") + clean(pair.target))
        if sheet.mark_of(pair):
            paragraph.add_run(" " + sheet.mark_of(pair)).italic = True


def _docx_table(doc, rows: list[tuple[SentencePair, ...]], sheet: Sheet) -> None:
    columns = 2 if sheet.translated else 1
    table = doc.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text = sheet.language(sheet.source_lang)
    if sheet.translated:
        header[1].text = sheet.language(sheet.target_lang)
    for cell in header:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for pairs in rows:
        cells = table.add_row().cells
        cells[0].text = " ".join(clean(p.source.text) for p in pairs)
        if sheet.translated:
            _docx_target(cells[1], pairs, sheet)


def _docx_terms(doc, sheet: Sheet) -> None:
    for term in sheet.terms:
        item = doc.add_paragraph(style="List Bullet")
        item.add_run(f"{clean(term.source_text)} → {clean(term.target_term)}").bold = True
        for code, note in term.notes:
            if note:
                item.add_run().add_break()
                item.add_run(f"{code.upper()}: {clean(note)}")


def to_docx(result: Result, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    """A Word document: headings, a two-column table for the summary and one for the full text."""
    from docx import Document as WordDocument

    sheet = prepare(result, options)
    doc = WordDocument()
    doc.core_properties.title = clean(sheet.title)[:255]
    doc.core_properties.language = sheet.target_lang or sheet.source_lang
    doc.add_heading(clean(sheet.title), level=0)
    doc.add_paragraph(f"{sheet.languages_line} · {sheet.date}")
    if not sheet.translated:
        doc.add_paragraph(sheet.label("not_translated"))
    if sheet.summary:
        doc.add_heading(sheet.label("summary"), level=1)
        _docx_table(doc, [(pair,) for pair in sheet.summary], sheet)
    if sheet.terms:
        doc.add_heading(sheet.label("terms"), level=1)
        _docx_terms(doc, sheet)
    if sheet.flags:
        doc.add_heading(sheet.label("flags"), level=1)
        for number, what, why in sheet.flags:
            doc.add_paragraph(f"{number}. {clean(what)}: {clean(why)}", style="List Bullet")
    if sheet.paragraphs:
        doc.add_heading(sheet.label("full" if sheet.translated else "full_source"), level=1)
        _docx_table(doc, list(sheet.paragraphs), sheet)
    if sheet.versions_line:
        doc.add_paragraph(sheet.versions_line)
    for note in sheet.footnotes:
        doc.add_paragraph(note)
    for _, notice in notices(sheet):
        doc.add_paragraph().add_run(notice).italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


FORMAT = ExportFormat(
    "docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", to_docx,
)
