"""Escaped HTML fragments for the app: sentences with highlighted terms, aligned tables.

Every piece of article or user text goes through html.escape here; nothing else builds HTML.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from translit.document import Result, SentencePair, TermStatus

STYLE = """
<style>
.tl-table {width: 100%; border-collapse: collapse; margin-bottom: 0.8em;}
.tl-table td {vertical-align: top; width: 50%; padding: 0.25em 0.6em; border-bottom: 1px solid #e6e6e6;}
.tl-term {background: #fff2b3; border-bottom: 2px solid #d4a900; cursor: help;}
.tl-edited {border-left: 3px solid #2e7d32; padding-left: 0.4em;}
.tl-badge {font-size: 0.75em; color: #2e7d32; margin-left: 0.3em;}
.tl-suggestion {border-bottom: 1px dashed #888; cursor: help;}
.tl-flag {display: block; font-size: 0.8em; color: #b00020; margin-top: 0.2em;}
</style>
"""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    title: str
    css: str = "tl-term"


def highlight(text: str, marks: Sequence[Mark]) -> str:
    """text as escaped HTML, with non-overlapping marks wrapped in <span title=...>."""
    out: list[str] = []
    position = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start < position or mark.end > len(text) or mark.start >= mark.end:
            continue
        out.append(html.escape(text[position : mark.start]))
        out.append(
            f'<span class="{mark.css}" title="{html.escape(mark.title, quote=True)}">'
            f"{html.escape(text[mark.start : mark.end])}</span>"
        )
        position = mark.end
    out.append(html.escape(text[position:]))
    return "".join(out)


def _note(pair_term, ui_lang: str) -> str:
    hit = pair_term.hit
    note = hit.note_ru if ui_lang == "ru" else hit.note_en
    return f"{hit.source_text} → {hit.target_term}" + (f": {note}" if note else "")


def source_marks(pair: SentencePair, ui_lang: str = "en") -> list[Mark]:
    from translit import i18n

    marks = []
    for use in pair.terms:
        if use.status == TermStatus.SUGGESTION:
            title = f"{i18n.text('status_suggestion', ui_lang)}. {_note(use, ui_lang)}"
            marks.append(Mark(use.hit.start, use.hit.end, title, "tl-suggestion"))
        else:
            marks.append(Mark(use.hit.start, use.hit.end, _note(use, ui_lang)))
    return marks


def target_marks(pair: SentencePair, ui_lang: str = "en") -> list[Mark]:
    marks = []
    lowered = pair.target.lower()
    for use in pair.terms:
        if use.status in (TermStatus.SUGGESTION, TermStatus.FLAGGED):
            continue
        needle = (use.target_text or use.hit.target_term).lower()
        start = lowered.find(needle) if needle else -1
        if start >= 0:
            marks.append(Mark(start, start + len(needle), _note(use, ui_lang)))
    return marks


def flag_lines(pair: SentencePair, ui_lang: str = "en") -> str:
    """What a person should check in this sentence, one line per flag (escaped)."""
    from translit import i18n

    if pair.edited:
        return ""
    flagged = [u for u in (*pair.terms, *pair.protected) if u.flagged]
    lines = [f"⚠ {i18n.text('qa_' + code, ui_lang)}" for code in pair.qa]
    lines += [f"⚠ {u.hit.source_text}: {i18n.flag_reason(u, ui_lang)}" for u in flagged]
    return "".join(f'<span class="tl-flag">{html.escape(line)}</span>' for line in lines)


def pair_row(pair: SentencePair, ui_lang: str = "en", edited_label: str = "edited") -> str:
    target = highlight(pair.target, target_marks(pair, ui_lang)) + flag_lines(pair, ui_lang)
    if pair.edited:
        badge = f'<span class="tl-badge">{html.escape(edited_label)}</span>'
        target = f'<div class="tl-edited">{target}{badge}</div>'
    return f"<tr><td>{highlight(pair.source.text, source_marks(pair, ui_lang))}</td><td>{target}</td></tr>"


def aligned_html(result: Result, ui_lang: str = "en", edited_label: str = "edited") -> str:
    """One two-column table per paragraph: source sentence | its translation."""
    tables = [
        '<table class="tl-table">' + "".join(pair_row(p, ui_lang, edited_label) for p in pairs) + "</table>"
        for _, pairs in result.paragraph_pairs()
    ]
    return STYLE + "\n".join(tables)


def summary_html(result: Result, ui_lang: str = "en", edited_label: str = "edited") -> str:
    """The summary sentences with their translations (source only when nothing was translated)."""
    rows = []
    for pair in result.summary_pairs():
        if result.translated:
            rows.append(pair_row(pair, ui_lang, edited_label))
        else:
            rows.append(f"<tr><td>{highlight(pair.source.text, source_marks(pair, ui_lang))}</td></tr>")
    return STYLE + '<table class="tl-table">' + "".join(rows) + "</table>"
