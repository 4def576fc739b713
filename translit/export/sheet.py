"""What every export carries, chosen once so that all formats agree (`prepare`), and the options object."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from translit import i18n
from translit.detect import language_name
from translit.document import Result, SentencePair
from translit.errors import LanguageError

NOTICE_EN = i18n.text("notice", "en")
NOTICE_RU = i18n.text("notice", "ru")
NOTICE_UK = "Машинний переклад, а не юридична консультація. Важливі деталі перевірте в юриста."
NOTICES = {"en": NOTICE_EN, "ru": NOTICE_RU, "uk": NOTICE_UK}

_TITLE_LIMIT = 120
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 cannot hold: every character outside tab, line ends, U+0020-U+D7FF, U+E000-U+FFFD and
U+10000 up (the complement, written as a negated class, takes 5 ms to compile at every start)."""


@dataclass(frozen=True)
class ExportOptions:
    """How an export is made: the same for every format."""

    include_full: bool = True
    """The full aligned translation after the summary (JSON always holds everything)."""
    title: str | None = None
    """A title of your own; default the article's, else its first line."""
    ui_lang: str = "en"
    """The language of the labels (English or Russian)."""
    date: str | None = None
    """The date printed on it (ISO); default today."""


DEFAULT_OPTIONS = ExportOptions()


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its key (`--format`), file extension, MIME type and writer."""

    key: str
    extension: str
    mime: str
    write: Callable[[Result, ExportOptions], bytes]


def notices(sheet: Sheet) -> tuple[tuple[str, str], ...]:
    """The machine-translation notice in English and in each other language of the article, as (code, text)."""
    langs = dict.fromkeys(["en", sheet.source_lang, sheet.target_lang or sheet.source_lang])
    return tuple((lang, NOTICES[lang]) for lang in langs if lang in NOTICES)


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

    def mark_of(self, pair: SentencePair) -> str:
        """"(edited)" for a sentence a person changed, "(from memory)" for one reused from the memory."""
        if not self.translated:
            return ""
        if pair.edited:
            return self.edited_mark
        return f"({self.label('from_memory')})" if pair.memory is not None else ""

    def _shown(self) -> list[SentencePair]:
        return [*(self.summary or ()), *(p for group in self.paragraphs for p in group)]

    @property
    def has_edits(self) -> bool:
        return self.translated and any(p.edited for p in self._shown())

    @property
    def has_reused(self) -> bool:
        return self.translated and any(p.memory is not None and not p.edited for p in self._shown())

    @property
    def footnotes(self) -> tuple[str, ...]:
        """What the marks mean, for the marks this export shows."""
        notes = []
        if self.has_edits:
            notes.append(self.label("edited_note").format(mark=self.label("edited")))
        if self.has_reused:
            notes.append(self.label("memory_note").format(mark=self.label("from_memory")))
        return tuple(notes)

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


def concept_json(term: ArticleTerm) -> dict:
    return {
        "id": term.concept_id,
        "source_text": term.source_text,
        "target_term": term.target_term,
        **{f"note_{code}": note for code, note in term.notes},
        "uses": [
            {"sentence": u.sentence, "status": u.status, "target_text": u.target_text} for u in term.uses
        ],
    }


def one_line(text: str) -> str:
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
            return one_line(candidate)
    for _, paragraph in result.document.content_paragraphs:
        return _shorten(one_line(paragraph.text))
    return "translit"


def _check_ui_lang(ui_lang: str) -> str:
    if ui_lang not in i18n.UI_LANGUAGES:
        raise LanguageError(
            f"Exports are labelled in {' or '.join(i18n.UI_LANGUAGES)}, not {ui_lang!r}; "
            "pass ui_lang='en' or 'ru'."
        )
    return ui_lang


def prepare(result: Result, options: ExportOptions = DEFAULT_OPTIONS) -> Sheet:
    """Everything an export shows, chosen once so that all formats agree."""
    summary_pairs = result.summary_pairs()
    return Sheet(
        title=export_title(result, options.title),
        source_lang=result.source_lang,
        target_lang=result.target_lang if result.translated else "",
        date=options.date or datetime.date.today().isoformat(),
        ui_lang=_check_ui_lang(options.ui_lang),
        translated=result.translated,
        summary=summary_pairs if summary_pairs else None,
        terms=terms_in(result),
        paragraphs=tuple(pairs for _, pairs in result.paragraph_pairs()) if options.include_full else (),
        models=tuple(f"{m.from_code}→{m.to_code} {m.version}".strip() for m in result.models),
        glossary_version=result.glossary_version,
        flags=flags_in(result, options.ui_lang),
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


def clean(text: str) -> str:
    """Text without characters XML (and so DOCX) cannot hold, such as NUL and other controls."""
    return _XML_UNSAFE.sub("", text)
