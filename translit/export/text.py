"""Plain text: the translation laid out like the article, for pasting anywhere."""

from __future__ import annotations

from translit.document import Result, SentencePair
from translit.export.sheet import DEFAULT_OPTIONS, ExportFormat, ExportOptions, Sheet, clean, notices, prepare


def result_to_text(result: Result) -> str:
    """The translation laid out like the source, then the summary pairs if any (the CLI's default output)."""
    text = result.target_text()
    if result.summary is not None and result.summary.indices:
        lines = ["", "Summary:"]
        for pair in result.summary_pairs():
            lines.append(f"- {pair.source.text}")
            lines.append(f"  {pair.target}")
        text = text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    return text


def to_text(result: Result, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """Title, the bilingual summary, the glossary terms with their notes, what to check, the translation
    (or the article, untranslated) by paragraph, versions and the notices; labels in the interface language."""
    sheet = prepare(result, options)
    blocks = [sheet.title, f"{sheet.languages_line} · {sheet.date}"]
    if not sheet.translated:
        blocks.append(sheet.label("not_translated"))
    if sheet.summary:
        lines = [sheet.label("summary") + ":"]
        for pair in sheet.summary:
            lines.append(f"- {pair.source.text}")
            if sheet.translated:
                lines.append(f"  {_target(pair, sheet)}")
        blocks.append("\n".join(lines))
    if sheet.terms:
        lines = [sheet.label("terms") + ":"]
        for term in sheet.terms:
            lines.append(f"- {term.source_text} → {term.target_term}")
            lines += [f"  {code.upper()}: {note}" for code, note in term.notes if note]
        blocks.append("\n".join(lines))
    if sheet.flags:
        items = [f"- {n}. {what}: {why}" for n, what, why in sheet.flags]
        blocks.append("\n".join([sheet.label("flags") + ":", *items]))
    if sheet.paragraphs:
        blocks.append(sheet.label("full" if sheet.translated else "full_source") + ":")
        blocks += [" ".join(_target(p, sheet) if sheet.translated else p.source.text for p in group)
                   for group in sheet.paragraphs]
    if sheet.versions_line:
        blocks.append(sheet.versions_line)
    blocks += list(sheet.footnotes)
    blocks.append("\n".join(notice for _, notice in notices(sheet)))
    return "\n\n".join(clean(block) for block in blocks) + "\n"


def _target(pair: SentencePair, sheet: Sheet) -> str:
    return pair.target + (f" {sheet.mark_of(pair)}" if sheet.mark_of(pair) else "")


FORMAT = ExportFormat("txt", "txt", "text/plain", lambda result, options: to_text(result, options).encode("utf-8"))
