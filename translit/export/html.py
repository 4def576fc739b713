"""HTML: a standalone printable page, source and translation side by side, every text escaped."""

from __future__ import annotations

import html

from translit.document import Result, SentencePair
from translit.export.sheet import DEFAULT_OPTIONS, ExportFormat, ExportOptions, Sheet, clean, notices, prepare

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

_RIGHT_TO_LEFT = frozenset({"ar", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})


def _lang_attrs(code: str) -> str:
    if not code:
        return ""
    direction = ' dir="rtl"' if code in _RIGHT_TO_LEFT else ""
    return f' lang="{html.escape(code, quote=True)}"{direction}'


def _html_source_cell(pair: SentencePair, sheet: Sheet) -> str:
    from translit.render import highlight, source_marks

    body = highlight(clean(pair.source.text), source_marks(pair, sheet.ui_lang))
    return f"<td{_lang_attrs(sheet.source_lang)}>{body}</td>"


def _html_target_cell(pair: SentencePair, sheet: Sheet) -> str:
    from translit.render import highlight, target_marks

    body = highlight(clean(pair.target), target_marks(pair, sheet.ui_lang))
    if not sheet.mark_of(pair):
        return f"<td{_lang_attrs(sheet.target_lang)}>{body}</td>"
    mark = f' <span class="edited-mark">{html.escape(sheet.mark_of(pair))}</span>'
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
            f"<dt><span{_lang_attrs(sheet.source_lang)}>{html.escape(clean(term.source_text))}</span> → "
            f"<span{_lang_attrs(sheet.target_lang)}>{html.escape(clean(term.target_term))}</span></dt>"
        )
        for code, note in term.notes:
            if note:
                items.append(f'<dd lang="{code}">{code.upper()}: {html.escape(clean(note))}</dd>')
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
            f"<li>{n}. {html.escape(clean(what))}: {html.escape(clean(why))}</li>" for n, what, why in sheet.flags
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
    lines += [f"<p>{html.escape(note)}</p>" for note in sheet.footnotes]
    lines += [f'<p lang="{code}">{html.escape(notice)}</p>' for code, notice in notices(sheet)]
    return "<footer>\n" + "\n".join(lines) + "\n</footer>"


def to_html(result: Result, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """A standalone printable page: source and translation side by side, every text escaped."""
    sheet = prepare(result, options)
    title_html = html.escape(clean(sheet.title))
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


FORMAT = ExportFormat("html", "html", "text/html", lambda result, options: to_html(result, options).encode("utf-8"))
