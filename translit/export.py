"""Result -> JSON, plain text, Markdown, HTML and DOCX: bilingual summaries people can share.

Every writer reads the Result through `prepare`, so all formats carry the same contents: title,
languages, date, the bilingual summary, the glossary terms with explanations in English and Russian,
optionally the full aligned translation, human edits marked, model and glossary versions, and the
notice that this is a machine translation and not legal advice.
"""

from __future__ import annotations

import datetime
import html
import io
import json
import re
from dataclasses import dataclass

from translit import i18n
from translit.detect import language_name
from translit.document import Result, SentencePair
from translit.errors import InputError, LanguageError

NOTICE_EN = i18n.text("notice", "en")
NOTICE_RU = i18n.text("notice", "ru")

# fmt -> (file extension, MIME type)
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "md": ("md", "text/markdown"),
    "html": ("html", "text/html"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "json": ("json", "application/json"),
}


_RIGHT_TO_LEFT = frozenset({"ar", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})
_TITLE_LIMIT = 120
_XML_UNSAFE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# ---------------------------------------------------------------- JSON and plain text (CLI shapes)


def _term_json(pair: SentencePair) -> list[dict]:
    return [
        {
            "id": use.hit.concept_id,
            "source_text": use.hit.source_text,
            "start": use.hit.start,
            "end": use.hit.end,
            "target_term": use.hit.target_term,
            "target_text": use.target_text,
            "status": str(use.status),
            "enforced": use.hit.enforced,
            **({"reason": use.reason} if use.reason else {}),
        }
        for use in pair.terms
    ]


def _span_json(pair: SentencePair) -> list[dict]:
    return [
        {
            "kind": use.hit.span,
            "source_text": use.hit.source_text,
            "start": use.hit.start,
            "end": use.hit.end,
            "target_text": use.target_text,
            "status": str(use.status),
            **({"reason": use.reason} if use.reason else {}),
        }
        for use in pair.protected
    ]


def _pair_json(pair: SentencePair) -> dict:
    payload = {"index": pair.source.index, "source": pair.source.text, "target": pair.target}
    if pair.terms:
        payload["terms"] = _term_json(pair)
    if pair.protected:
        payload["spans"] = _span_json(pair)
    flags = [i18n.text("qa_" + code, "en") for code in pair.qa]
    flags += [use.reason for use in (*pair.terms, *pair.protected) if use.flagged]
    if pair.qa:
        payload["qa"] = list(pair.qa)
    if flags:
        payload["flags"] = flags
    if pair.edited:
        payload["edited"] = True
        payload["machine_target"] = pair.machine_target
    return payload


def result_to_json(result: Result) -> dict:
    """The whole Result as JSON-ready data (the CLI's `translate --json` shape, plus extras).

    Besides the per-sentence data: "terms" lists each glossary concept once with every use and how
    it was enforced, and "edits" lists the sentences a person changed.
    """
    detection = result.detection
    payload: dict = {
        "source_lang": result.source_lang,
        "target_lang": result.target_lang,
        "detection": {
            "lang": detection.overall.lang,
            "confidence": round(detection.overall.confidence, 4),
            "mixed": detection.mixed,
            "languages": list(detection.languages),
        },
        "route": list(result.route),
        "given_translation": result.given_translation,
        "models": [{"from": m.from_code, "to": m.to_code, "version": m.version} for m in result.models],
        "glossary_version": result.glossary_version,
        "paragraphs": [
            {"index": index, "sentences": [_pair_json(p) for p in pairs]}
            for index, pairs in result.paragraph_pairs()
        ],
        "terms": [_concept_json(term) for term in terms_in(result)],
        "edits": [
            {
                "index": p.source.index,
                "source": p.source.text,
                "machine_target": p.machine_target,
                "target": p.target,
            }
            for p in result.pairs
            if p.edited
        ],
        "warnings": list(result.warnings),
        "notice": NOTICE_EN,
        "notice_ru": NOTICE_RU,
    }
    if result.document.title:
        payload["title"] = result.document.title
    if result.summary is not None:
        payload["summary"] = {
            "lang": result.summary.lang,
            "method": result.summary.method,
            "indices": list(result.summary.indices),
            "sentences": [_pair_json(p) for p in result.summary_pairs()],
        }
    return payload


def result_to_text(result: Result) -> str:
    """The translation laid out like the source, then the summary pairs if any."""
    text = result.target_text()
    if result.summary is not None and result.summary.indices:
        lines = ["", "Summary:"]
        for pair in result.summary_pairs():
            lines.append(f"- {pair.source.text}")
            lines.append(f"  {pair.target}")
        text = text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    return text


# ---------------------------------------------------------------- what every export carries


@dataclass(frozen=True)
class TermUseAt:
    sentence: int
    status: str
    target_text: str = ""


@dataclass(frozen=True)
class ArticleTerm:
    """One glossary concept of the article, however many times it occurs."""

    concept_id: str
    source_text: str
    target_term: str
    notes: tuple[tuple[str, str], ...]
    """(language code, plain-language note) in each language of the glossary."""
    uses: tuple[TermUseAt, ...]


@dataclass(frozen=True)
class Sheet:
    """The contents shared by every export format, already chosen and labelled."""

    title: str
    source_lang: str
    target_lang: str
    date: str
    ui_lang: str
    translated: bool
    summary: tuple[SentencePair, ...] | None
    terms: tuple[ArticleTerm, ...]
    paragraphs: tuple[tuple[SentencePair, ...], ...]
    models: tuple[str, ...]
    glossary_version: str
    flags: tuple[tuple[int, str, str], ...] = ()
    """(sentence number from 1, what to check, why): what a person should look at before relying on it."""
    given_translation: bool = False

    def label(self, key: str) -> str:
        return i18n.text(key, self.ui_lang)

    def language(self, code: str) -> str:
        return language_name(code, self.ui_lang)

    @property
    def edited_mark(self) -> str:
        return f"({self.label('edited')})"

    @property
    def has_edits(self) -> bool:
        shown = [*(self.summary or ()), *(p for group in self.paragraphs for p in group)]
        return self.translated and any(p.edited for p in shown)

    @property
    def languages_line(self) -> str:
        if not self.translated:
            return self.language(self.source_lang)
        return f"{self.language(self.source_lang)} → {self.language(self.target_lang)}"

    @property
    def versions_line(self) -> str:
        parts = []
        if self.given_translation:
            parts.append(self.label("given"))
        if self.models:
            parts.append(f"{self.label('models')}: {', '.join(self.models)}")
        if self.glossary_version:
            parts.append(f"{self.label('glossary')}: {self.glossary_version}")
        return " · ".join(parts)


def terms_in(result: Result) -> tuple[ArticleTerm, ...]:
    """Glossary concepts found in the article, once each, in order of first appearance."""
    first: dict[str, ArticleTerm] = {}
    uses: dict[str, list[TermUseAt]] = {}
    for pair in result.pairs:
        for use in sorted(pair.terms, key=lambda u: u.hit.start):
            hit = use.hit
            if hit.concept_id not in first:
                first[hit.concept_id] = ArticleTerm(
                    hit.concept_id, hit.source_text, hit.target_term, hit.notes, ()
                )
                uses[hit.concept_id] = []
            uses[hit.concept_id].append(TermUseAt(pair.source.index, use.status, use.target_text))
    return tuple(
        ArticleTerm(t.concept_id, t.source_text, t.target_term, t.notes, tuple(uses[key]))
        for key, t in first.items()
    )


def _concept_json(term: ArticleTerm) -> dict:
    return {
        "id": term.concept_id,
        "source_text": term.source_text,
        "target_term": term.target_term,
        **{f"note_{code}": note for code, note in term.notes},
        "uses": [
            {"sentence": u.sentence, "status": u.status, "target_text": u.target_text} for u in term.uses
        ],
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = _TITLE_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:—-") + "…"


def export_title(result: Result, title: str | None = None) -> str:
    """The `title` argument, else the document's title, else its first line (shortened)."""
    for candidate in (title, result.document.title):
        if candidate and candidate.strip():
            return _one_line(candidate)
    for _, paragraph in result.document.content_paragraphs:
        return _shorten(_one_line(paragraph.text))
    return "translit"


def _check_ui_lang(ui_lang: str) -> str:
    if ui_lang not in i18n.UI_LANGUAGES:
        raise LanguageError(
            f"Exports are labelled in {' or '.join(i18n.UI_LANGUAGES)}, not {ui_lang!r}; "
            "pass ui_lang='en' or 'ru'."
        )
    return ui_lang


def prepare(
    result: Result,
    *,
    include_full: bool = True,
    title: str | None = None,
    ui_lang: str = "en",
    date: str | None = None,
) -> Sheet:
    """Everything an export shows, chosen once so that all formats agree."""
    summary_pairs = result.summary_pairs()
    return Sheet(
        title=export_title(result, title),
        source_lang=result.source_lang,
        target_lang=result.target_lang if result.translated else "",
        date=date or datetime.date.today().isoformat(),
        ui_lang=_check_ui_lang(ui_lang),
        translated=result.translated,
        summary=summary_pairs if summary_pairs else None,
        terms=terms_in(result),
        paragraphs=tuple(pairs for _, pairs in result.paragraph_pairs()) if include_full else (),
        models=tuple(f"{m.from_code}→{m.to_code} {m.version}".strip() for m in result.models),
        glossary_version=result.glossary_version,
        flags=flags_in(result, ui_lang),
        given_translation=result.given_translation,
    )


def flags_in(result: Result, ui_lang: str = "en") -> tuple[tuple[int, str, str], ...]:
    """Every flag of the translation, in sentence order; a sentence a person edited has none left."""
    from translit.render import pair_flags

    return tuple(
        (pair.source.index + 1, what or _shorten(pair.source.text, 60), why)
        for pair in result.pairs
        for what, why in pair_flags(pair, ui_lang)
    )


def _clean(text: str) -> str:
    """Text without characters XML (and so DOCX) cannot hold, such as NUL and other controls."""
    return _XML_UNSAFE.sub("", text)


# ---------------------------------------------------------------- Markdown

_MD_PUNCTUATION = r"!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"
_MD_INLINE = re.compile(
    r"\\(?=[" + _MD_PUNCTUATION + r"])"  # a backslash that would escape what follows
    r"|[*`\[<~]"  # emphasis, code, links and images, HTML and autolinks, strikethrough
    r"|(?<![^\W_])_|_(?![^\W_])"  # an underscore at a word edge (inside a word it is plain text)
    r"|&(?=#?\w+;)"  # an entity reference such as &amp;
)
# what starts a heading, quote, list or rule at the start of a line
_MD_BLOCK_START = re.compile(r"^(?:>|#{1,6}(?=\s|$)|[-+=](?=[\s=-]|$)|\d{1,9}(?=[.)](?:\s|$)))")


def markdown_escape(text: str) -> str:
    """Article text as Markdown that shows it literally, escaping only what would change meaning."""
    text = _MD_INLINE.sub(lambda m: "\\" + m.group(0), _one_line(_clean(text)))
    block = _MD_BLOCK_START.match(text)
    if block:
        marker = block.group(0)
        if marker[0].isdigit():
            return marker + "\\" + text[len(marker) :]
        return "\\" + text
    return text


def _md_target(pair: SentencePair, sheet: Sheet) -> str:
    text = markdown_escape(pair.target)
    return f"{text} {sheet.edited_mark}" if pair.edited else text


def _md_summary(sheet: Sheet) -> list[str]:
    items = []
    for number, pair in enumerate(sheet.summary or (), start=1):
        marker = f"{number}. "
        item = marker + markdown_escape(pair.source.text)
        if sheet.translated:
            # two trailing spaces: a line break in Markdown, invisible when pasted into a messenger
            item += "  \n" + " " * len(marker) + "→ " + _md_target(pair, sheet)
        items.append(item)
    return [f"## {sheet.label('summary')}", "\n".join(items)]


def _md_terms(sheet: Sheet) -> list[str]:
    items = []
    for term in sheet.terms:
        lines = [f"- {markdown_escape(term.source_text)} → {markdown_escape(term.target_term)}"]
        lines += [f"  {code.upper()}: {markdown_escape(note)}" for code, note in term.notes if note]
        items.append("  \n".join(lines))
    return [f"## {sheet.label('terms')}", "\n".join(items)]


def _md_full(sheet: Sheet) -> list[str]:
    blocks = [f"## {sheet.label('full' if sheet.translated else 'full_source')}"]
    for pairs in sheet.paragraphs:
        block = " ".join(markdown_escape(p.source.text) for p in pairs)
        if sheet.translated:
            block += "  \n→ " + " ".join(_md_target(p, sheet) for p in pairs)
        blocks.append(block)
    return blocks


def _md_footer(sheet: Sheet) -> list[str]:
    blocks = ["---"]
    if sheet.versions_line:
        blocks.append(markdown_escape(sheet.versions_line))
    if sheet.has_edits:
        blocks.append(markdown_escape(sheet.label("edited_note").format(mark=sheet.label("edited"))))
    blocks.append(f"{NOTICE_EN}  \n{NOTICE_RU}")
    return blocks


def to_markdown(
    result: Result,
    *,
    include_full: bool = True,
    title: str | None = None,
    ui_lang: str = "en",
    date: str | None = None,
) -> str:
    """A Markdown summary plain enough to paste into Telegram or WhatsApp."""
    sheet = prepare(result, include_full=include_full, title=title, ui_lang=ui_lang, date=date)
    blocks = [f"# {markdown_escape(sheet.title)}", markdown_escape(f"{sheet.languages_line} · {sheet.date}")]
    if not sheet.translated:
        blocks.append(markdown_escape(sheet.label("not_translated")))
    if sheet.summary:
        blocks += _md_summary(sheet)
    if sheet.terms:
        blocks += _md_terms(sheet)
    if sheet.flags:
        items = [f"- {n}. {markdown_escape(what)}: {markdown_escape(why)}" for n, what, why in sheet.flags]
        blocks += [f"## {sheet.label('flags')}", "\n".join(items)]
    if sheet.paragraphs:
        blocks += _md_full(sheet)
    blocks += _md_footer(sheet)
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- HTML

_CSS = """
body {font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.45;
      color: #1a1a1a; max-width: 62rem; margin: 2rem auto; padding: 0 1rem;}
h1 {font-size: 1.6rem; margin-bottom: 0.2rem;}
h2 {font-size: 1.2rem; margin-top: 1.6rem;}
.meta {color: #555; margin-top: 0;}
table.aligned {width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.4rem 0 1rem;}
table.aligned th, table.aligned td {vertical-align: top; text-align: start; padding: 0.35rem 0.6rem;
      border-bottom: 1px solid #ddd;}
table.aligned th {border-bottom: 2px solid #999;}
table.aligned tr.paragraph-start td {border-top: 2px solid #bbb;}
.tl-term {background: #fff2b3; border-bottom: 1px solid #d4a900;}
td.edited {border-left: 3px solid #2e7d32;}
.edited-mark {font-size: 0.8em; color: #2e7d32; white-space: nowrap;}
dl.terms dt {font-weight: 600; margin-top: 0.7rem;}
dl.terms dd {margin: 0.1rem 0 0 1.2rem;}
footer {border-top: 1px solid #999; margin-top: 2rem; padding-top: 0.5rem; font-size: 0.9em; color: #333;}
@media print {
  body {margin: 0; max-width: none; font-size: 11pt; color: #000;}
  table.aligned tr {break-inside: avoid;}
  h1, h2 {break-after: avoid;}
  .tl-term {background: none; border-bottom: none; text-decoration: underline;}
  td.edited {border-left: 2px solid #000;}
  .edited-mark {color: #000;}
}
"""


def _lang_attrs(code: str) -> str:
    if not code:
        return ""
    direction = ' dir="rtl"' if code in _RIGHT_TO_LEFT else ""
    return f' lang="{html.escape(code, quote=True)}"{direction}'


def _html_source_cell(pair: SentencePair, sheet: Sheet) -> str:
    from translit.render import highlight, source_marks

    body = highlight(_clean(pair.source.text), source_marks(pair, sheet.ui_lang))
    return f"<td{_lang_attrs(sheet.source_lang)}>{body}</td>"


def _html_target_cell(pair: SentencePair, sheet: Sheet) -> str:
    from translit.render import highlight, target_marks

    body = highlight(_clean(pair.target), target_marks(pair, sheet.ui_lang))
    if not pair.edited:
        return f"<td{_lang_attrs(sheet.target_lang)}>{body}</td>"
    mark = f' <span class="edited-mark">{html.escape(sheet.edited_mark)}</span>'
    return f'<td class="edited"{_lang_attrs(sheet.target_lang)}>{body}{mark}</td>'


def _html_row(pair: SentencePair, sheet: Sheet, css_class: str = "") -> str:
    cells = _html_source_cell(pair, sheet)
    if sheet.translated:
        cells += _html_target_cell(pair, sheet)
    row_class = f' class="{css_class}"' if css_class else ""
    return f"<tr{row_class}>{cells}</tr>"


def _html_table(rows: list[str], sheet: Sheet) -> str:
    head = f"<th{_lang_attrs(sheet.ui_lang)}>{html.escape(sheet.language(sheet.source_lang))}</th>"
    if sheet.translated:
        head += f"<th{_lang_attrs(sheet.ui_lang)}>{html.escape(sheet.language(sheet.target_lang))}</th>"
    body = "\n".join(rows)
    return f'<table class="aligned"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'


def _html_terms(sheet: Sheet) -> str:
    items = []
    for term in sheet.terms:
        items.append(
            f"<dt><span{_lang_attrs(sheet.source_lang)}>{html.escape(_clean(term.source_text))}</span> → "
            f"<span{_lang_attrs(sheet.target_lang)}>{html.escape(_clean(term.target_term))}</span></dt>"
        )
        for code, note in term.notes:
            if note:
                items.append(f'<dd lang="{code}">{code.upper()}: {html.escape(_clean(note))}</dd>')
    return '<dl class="terms">\n' + "\n".join(items) + "\n</dl>"


def _html_sections(sheet: Sheet) -> list[str]:
    sections = []
    if sheet.summary:
        rows = [_html_row(pair, sheet) for pair in sheet.summary]
        sections.append(f"<h2>{html.escape(sheet.label('summary'))}</h2>\n{_html_table(rows, sheet)}")
    if sheet.terms:
        sections.append(f"<h2>{html.escape(sheet.label('terms'))}</h2>\n{_html_terms(sheet)}")
    if sheet.flags:
        items = "".join(
            f"<li>{n}. {html.escape(_clean(what))}: {html.escape(_clean(why))}</li>" for n, what, why in sheet.flags
        )
        sections.append(f'<h2>{html.escape(sheet.label("flags"))}</h2>\n<ul class="flags">{items}</ul>')
    if sheet.paragraphs:
        rows = [
            _html_row(pair, sheet, "paragraph-start" if i == 0 else "")
            for pairs in sheet.paragraphs
            for i, pair in enumerate(pairs)
        ]
        heading = sheet.label("full" if sheet.translated else "full_source")
        sections.append(f"<h2>{html.escape(heading)}</h2>\n{_html_table(rows, sheet)}")
    return sections


def _html_footer(sheet: Sheet) -> str:
    lines = []
    if sheet.versions_line:
        lines.append(f"<p>{html.escape(sheet.versions_line)}</p>")
    if sheet.has_edits:
        lines.append(f"<p>{html.escape(sheet.label('edited_note').format(mark=sheet.label('edited')))}</p>")
    lines.append(f'<p lang="en">{html.escape(NOTICE_EN)}</p>')
    lines.append(f'<p lang="ru">{html.escape(NOTICE_RU)}</p>')
    return "<footer>\n" + "\n".join(lines) + "\n</footer>"


def to_html(
    result: Result,
    *,
    include_full: bool = True,
    title: str | None = None,
    ui_lang: str = "en",
    date: str | None = None,
) -> str:
    """A standalone printable page: source and translation side by side, every text escaped."""
    sheet = prepare(result, include_full=include_full, title=title, ui_lang=ui_lang, date=date)
    title_html = html.escape(_clean(sheet.title))
    meta = html.escape(f"{sheet.languages_line} · {sheet.date}")
    header = [f"<h1>{title_html}</h1>", f'<p class="meta">{meta}</p>']
    if not sheet.translated:
        header.append(f"<p>{html.escape(sheet.label('not_translated'))}</p>")
    body = "\n".join([*header, *_html_sections(sheet), _html_footer(sheet)])
    return (
        f'<!DOCTYPE html>\n<html lang="{sheet.ui_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="translit">\n'
        f"<title>{title_html}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- DOCX


def _docx_target(cell, pairs: tuple[SentencePair, ...], sheet: Sheet) -> None:
    paragraph = cell.paragraphs[0]
    for i, pair in enumerate(pairs):
        paragraph.add_run(("" if i == 0 else " ") + _clean(pair.target))
        if pair.edited:
            paragraph.add_run(" " + sheet.edited_mark).italic = True


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
        cells[0].text = " ".join(_clean(p.source.text) for p in pairs)
        if sheet.translated:
            _docx_target(cells[1], pairs, sheet)


def _docx_terms(doc, sheet: Sheet) -> None:
    for term in sheet.terms:
        item = doc.add_paragraph(style="List Bullet")
        item.add_run(f"{_clean(term.source_text)} → {_clean(term.target_term)}").bold = True
        for code, note in term.notes:
            if note:
                item.add_run().add_break()
                item.add_run(f"{code.upper()}: {_clean(note)}")


def to_docx(
    result: Result,
    *,
    include_full: bool = True,
    title: str | None = None,
    ui_lang: str = "en",
    date: str | None = None,
) -> bytes:
    """A Word document: headings, a two-column table for the summary and one for the full text."""
    from docx import Document as WordDocument

    sheet = prepare(result, include_full=include_full, title=title, ui_lang=ui_lang, date=date)
    doc = WordDocument()
    doc.core_properties.title = _clean(sheet.title)[:255]
    doc.core_properties.language = sheet.target_lang or sheet.source_lang
    doc.add_heading(_clean(sheet.title), level=0)
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
            doc.add_paragraph(f"{number}. {_clean(what)}: {_clean(why)}", style="List Bullet")
    if sheet.paragraphs:
        doc.add_heading(sheet.label("full" if sheet.translated else "full_source"), level=1)
        _docx_table(doc, list(sheet.paragraphs), sheet)
    if sheet.versions_line:
        doc.add_paragraph(sheet.versions_line)
    if sheet.has_edits:
        doc.add_paragraph(sheet.label("edited_note").format(mark=sheet.label("edited")))
    for notice in (NOTICE_EN, NOTICE_RU):
        doc.add_paragraph().add_run(notice).italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- JSON file and the entry point


def to_json(
    result: Result,
    *,
    include_full: bool = True,
    title: str | None = None,
    ui_lang: str = "en",
    date: str | None = None,
) -> str:
    """result_to_json plus an "export" block (title, date, labels). Always the whole Result:
    JSON is for programs, so include_full only records what the other formats would show."""
    sheet = prepare(result, include_full=include_full, title=title, ui_lang=ui_lang, date=date)
    payload = result_to_json(result)
    payload["export"] = {
        "title": sheet.title,
        "date": sheet.date,
        "ui_lang": sheet.ui_lang,
        "translated": sheet.translated,
        "include_full": include_full,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def check_format(fmt: str) -> str:
    """A known export format key ("md", "html", "docx", "json"), or an InputError listing them."""
    key = (fmt or "").strip().lower().lstrip(".")
    if key not in EXPORT_FORMATS:
        raise InputError(f"Unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}.")
    return key


def export(
    result: Result,
    fmt: str,
    *,
    include_full: bool = True,
    title: str | None = None,
    ui_lang: str = "en",
    date: str | None = None,
) -> bytes:
    """The Result as a file in format `fmt` (see EXPORT_FORMATS); text formats are UTF-8."""
    key = check_format(fmt)
    if key == "docx":
        return to_docx(result, include_full=include_full, title=title, ui_lang=ui_lang, date=date)
    writers = {"md": to_markdown, "html": to_html, "json": to_json}
    return writers[key](result, include_full=include_full, title=title, ui_lang=ui_lang, date=date).encode("utf-8")


def export_filename(result: Result, fmt: str, *, title: str | None = None, date: str | None = None) -> str:
    """A safe ASCII file name such as "ukrainians-in-the-us-get-18-more-months-2025-01-31.md"."""
    extension, _ = EXPORT_FORMATS[check_format(fmt)]
    words = re.findall(r"[a-z0-9]+", export_title(result, title).lower())
    stem = "-".join(words)[:60].rstrip("-") or "translit"
    return f"{stem}-{date or datetime.date.today().isoformat()}.{extension}"
