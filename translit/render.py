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
.tl-table {width: 100%; border-collapse: collapse; margin-bottom: 0.8em; table-layout: fixed;}
.tl-table td {vertical-align: top; width: 50%; padding: 0.25em 0.6em; border-bottom: 1px solid #e6e6e6;
              overflow-wrap: anywhere; word-break: break-word;}
.tl-reader p {line-height: 1.6; margin: 0 0 0.9em; overflow-wrap: anywhere;}
.tl-reader details {display: inline;}
.tl-reader summary {display: inline; cursor: pointer; list-style: none;}
.tl-reader summary::-webkit-details-marker {display: none;}
.tl-reader details[open] > summary {background: #eef4ff;}
.tl-reader .tl-source {display: block; margin: 0.3em 0 0.5em; padding: 0.4em 0.6em; font-size: 0.9em;
                       border-left: 3px solid #8aa4d6; background: #f6f8fc; overflow-wrap: anywhere;}
.tl-reader .tl-note {display: block; font-size: 0.85em; color: #444; margin-top: 0.2em;}
.tl-legend {font-size: 0.85em; color: #555; margin-bottom: 0.6em;}
.tl-legend span {margin-right: 1em;}
.tl-flagmark {color: #b00020; font-weight: 600;}
@media (max-width: 640px) {
  .tl-wide-only {display: none;}
  .tl-table td {display: block; width: auto; padding: 0.2em 0.3em;}
  .tl-table td + td {border-bottom: 2px solid #d8d8d8; margin-bottom: 0.4em;}
}
@media (min-width: 641px) {
  .tl-narrow-only {display: none;}
}
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
    note = hit.note(ui_lang)
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


def pair_flags(pair: SentencePair, ui_lang: str = "en") -> list[tuple[str, str]]:
    """(what, why) for everything a person should check in a sentence (qa.flags_of): what is "" for the
    sentence as a whole. An edited sentence is checked as the person wrote it."""
    from translit.qa import flags_of

    return [(flag.what, flag.message) for flag in flags_of(pair, ui_lang)]


def flag_lines(pair: SentencePair, ui_lang: str = "en") -> str:
    """What a person should check in this sentence, one line per flag (escaped)."""
    lines = [f"⚠ {what}: {why}" if what else f"⚠ {why}" for what, why in pair_flags(pair, ui_lang)]
    return "".join(f'<span class="tl-flag">{html.escape(line)}</span>' for line in lines)


def pair_row(pair: SentencePair, ui_lang: str = "en", edited_label: str = "edited", anchor: bool = False) -> str:
    """A table row: source | translation, with its flags and its edited / from-memory badge; `anchor` gives
    the row the id tl-s<number> that the list of flags links to."""
    from translit import i18n

    target = highlight(pair.target, target_marks(pair, ui_lang)) + flag_lines(pair, ui_lang)
    if pair.edited or pair.memory is not None:
        label = edited_label if pair.edited else i18n.text("from_memory", ui_lang)
        badge = f'<span class="tl-badge">{html.escape(label)}</span>'
        target = f'<div class="tl-edited">{target}{badge}</div>'
    row_id = f' id="tl-s{pair.source.index + 1}"' if anchor else ""
    return f"<tr{row_id}><td>{highlight(pair.source.text, source_marks(pair, ui_lang))}</td><td>{target}</td></tr>"


def diff_html(ops: Sequence[tuple[str, str]]) -> str:
    """A word diff (memory.word_diff) as escaped HTML: removed words struck through, added ones underlined."""
    tags = {"delete": "del", "insert": "ins"}
    return " ".join(
        f"<{tags[op]}>{html.escape(words)}</{tags[op]}>" if op in tags else html.escape(words) for op, words in ops
    )


def aligned_html(
    result: Result, ui_lang: str = "en", edited_label: str = "edited", css: str = "", heading: str = ""
) -> str:
    """One two-column table per paragraph: source sentence | its translation (stacked on a phone)."""
    tables = [
        '<table class="tl-table">' + "".join(pair_row(p, ui_lang, edited_label, anchor=True) for p in pairs)
        + "</table>"
        for _, pairs in result.paragraph_pairs()
    ]
    title = f"<h3>{html.escape(heading)}</h3>" if heading else ""
    return STYLE + f'<div class="tl-aligned {css}">{title}' + "\n".join(tables) + "</div>"


def reader_html(
    result: Result, ui_lang: str = "en", labels: dict[str, str] | None = None, css: str = "", heading: str = ""
) -> str:
    """The translation as running text, paragraph by paragraph; a click on a sentence opens its source,
    its terms' notes and its flags. `css` is an extra class for the whole view (tl-narrow-only)."""
    from translit import i18n

    def label(key: str) -> str:
        return (labels or {}).get(key) or i18n.text(key, ui_lang)

    paragraphs = []
    for _, pairs in result.paragraph_pairs():
        sentences = []
        for pair in pairs:
            if not pair.target:
                continue
            target = highlight(pair.target, target_marks(pair, ui_lang))
            mark = ' <span class="tl-flagmark">⚠</span>' if pair_flags(pair, ui_lang) else ""
            notes = "".join(
                f'<span class="tl-note">{html.escape(_note(u, ui_lang))}</span>'
                for u in pair.terms if u.hit.notes
            )
            source = highlight(pair.source.text, source_marks(pair, ui_lang))
            sentences.append(
                f"<details><summary>{target}{mark}</summary>"
                f'<span class="tl-source">{source}{notes}{flag_lines(pair, ui_lang)}</span></details>'
            )
        if sentences:
            paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    legend = (
        f'<div class="tl-legend"><span><span class="tl-term">{html.escape(label("legend_term"))}</span></span>'
        f'<span><span class="tl-suggestion">{html.escape(label("legend_suggestion"))}</span></span>'
        f'<span><span class="tl-flagmark">⚠</span> {html.escape(label("legend_flag"))}</span>'
        f"<span>{html.escape(label('legend_tap'))}</span></div>"
    )
    title = f"<h3>{html.escape(heading)}</h3>" if heading else ""
    return STYLE + f'<div class="tl-reader {css}">{title}{legend}' + "\n".join(paragraphs) + "</div>"


def summary_html(result: Result, ui_lang: str = "en", edited_label: str = "edited") -> str:
    """The summary sentences with their translations (source only when nothing was translated)."""
    rows = []
    for pair in result.summary_pairs():
        if result.translated:
            rows.append(pair_row(pair, ui_lang, edited_label))
        else:
            rows.append(f"<tr><td>{highlight(pair.source.text, source_marks(pair, ui_lang))}</td></tr>")
    return STYLE + '<table class="tl-table">' + "".join(rows) + "</table>"
