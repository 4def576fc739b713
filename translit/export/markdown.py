"""Markdown: a summary plain enough to paste into a messenger."""

from __future__ import annotations

import re

from translit.document import Result, SentencePair
from translit.export.sheet import DEFAULT_OPTIONS, ExportFormat, ExportOptions, Sheet, clean, notices, one_line, prepare

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
    text = _MD_INLINE.sub(lambda m: "\\" + m.group(0), one_line(clean(text)))
    block = _MD_BLOCK_START.match(text)
    if block:
        marker = block.group(0)
        if marker[0].isdigit():
            return marker + "\\" + text[len(marker) :]
        return "\\" + text
    return text


def _md_target(pair: SentencePair, sheet: Sheet) -> str:
    text = markdown_escape(pair.target)
    return f"{text} {sheet.mark_of(pair)}" if sheet.mark_of(pair) else text


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
    blocks += [markdown_escape(note) for note in sheet.footnotes]
    blocks.append("  \n".join(notice for _, notice in notices(sheet)))
    return blocks


def to_markdown(result: Result, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """A Markdown summary plain enough to paste into Telegram or WhatsApp."""
    sheet = prepare(result, options)
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


FORMAT = ExportFormat("md", "md", "text/markdown", lambda result, options: to_markdown(result, options).encode("utf-8"))
