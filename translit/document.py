"""Frozen dataclasses that flow through the pipeline.

Document -> DocumentDetection -> Sentence* -> SentencePair* -> Result (+ Summary).
Every stage returns new objects; nothing here reads files, the environment or the network.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum

UNKNOWN = "unknown"

_LINE_BREAKS = re.compile(r"(\r\n|\r|\n)")


@dataclass(frozen=True)
class Detection:
    """A language guess: ISO 639-1 code (or "unknown") with a confidence in [0, 1].

    alternatives: the next likeliest languages, best first, sharing what the confidence leaves; for
    "unknown", its best guesses, if it has any.
    """

    lang: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()
    method: str = "langdetect"

    @property
    def known(self) -> bool:
        return self.lang != UNKNOWN


@dataclass(frozen=True)
class Paragraph:
    """One line of the article, with the exact whitespace that followed it."""

    text: str
    separator: str = "\n"

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Document:
    """An article: its paragraphs (one per line, blank lines kept) and what is known about it."""

    paragraphs: tuple[Paragraph, ...]
    title: str = ""
    byline: str = ""
    date: str = ""
    source: str = ""

    @classmethod
    def from_text(cls, text: str, **meta: str) -> Document:
        """Split text into lines; each line is a paragraph, blank lines included."""
        parts = _LINE_BREAKS.split(text)
        lines, breaks = parts[0::2], parts[1::2] + [""]
        paragraphs = tuple(Paragraph(line, brk) for line, brk in zip(lines, breaks))
        if paragraphs and paragraphs[-1].text == "" and paragraphs[-1].separator == "":
            paragraphs = paragraphs[:-1]
        return cls(paragraphs=paragraphs, **meta)

    @property
    def text(self) -> str:
        return "".join(p.text + p.separator for p in self.paragraphs)

    @property
    def content_paragraphs(self) -> tuple[tuple[int, Paragraph], ...]:
        return tuple((i, p) for i, p in enumerate(self.paragraphs) if not p.blank)


@dataclass(frozen=True)
class DocumentDetection:
    """The language of the whole document and of each paragraph that has text."""

    overall: Detection
    paragraphs: tuple[tuple[int, Detection], ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """Known languages of the paragraphs, most frequent first."""
        counts = Counter(d.lang for _, d in self.paragraphs if d.known)
        return tuple(lang for lang, _ in counts.most_common())

    @property
    def mixed(self) -> bool:
        return len(self.languages) > 1


@dataclass(frozen=True)
class Sentence:
    """A sentence of the source document, located by paragraph and character offsets."""

    text: str
    index: int
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class TermHit:
    """A glossary concept found in a sentence; start/end are offsets in the sentence text.

    enforced: False when the words may have their ordinary sense (a bond market, a password): the
    term is then only a suggestion, shown with its note, and the translation is never changed for it.
    """

    concept_id: str
    start: int
    end: int
    source_text: str
    target_term: str
    notes: tuple[tuple[str, str], ...] = ()
    """The concept's plain-language note in each language of its glossary, as (language code, note)."""
    enforced: bool = True
    source_form: str = ""
    """The source text in its dictionary form, when it differs (a name's nominative: Анна Смит for Анну Смит)."""
    span: str = ""
    """For a protected span (a name, a number, a link) its SpanKind; "" for a glossary concept."""

    def note(self, lang: str) -> str:
        """The note in a language; the English one, then any, when the glossary has none in it."""
        by_lang = dict(self.notes)
        return by_lang.get(lang) or by_lang.get("en") or next(iter(by_lang.values()), "")


class TermStatus(StrEnum):
    """How a term or protected span of the source was carried into the translation."""

    FOUND = "found"  # not translated yet: the source side only
    PRESENT = "present"  # the translation already had it
    FORCED = "forced"  # constrained decoding put it there
    REPAIRED = "repaired"  # a listed wrong rendering was replaced by the approved term, in its form
    FLAGGED = "flagged"  # missing or different: left as it was for a person to check (see reason)
    SUGGESTION = "suggestion"  # the legal sense is not certain: shown, never enforced


class SpanKind(StrEnum):
    """What a protected span is; EXACT kinds must come through character for character."""

    URL = "url"
    EMAIL = "email"
    A_NUMBER = "a_number"
    CASE_NUMBER = "case_number"
    FORM = "form"
    PHONE = "phone"
    DATE = "date"
    TIME = "time"
    AMOUNT = "amount"
    PERCENT = "percent"
    PLACE = "place"
    NAME = "name"
    ACRONYM = "acronym"
    NUMBER = "number"


EXACT_KINDS = frozenset({SpanKind.URL, SpanKind.EMAIL, SpanKind.A_NUMBER, SpanKind.CASE_NUMBER, SpanKind.FORM,
                         SpanKind.PHONE})
VALUE_KINDS = frozenset({SpanKind.DATE, SpanKind.TIME, SpanKind.AMOUNT, SpanKind.PERCENT, SpanKind.NUMBER})


@dataclass(frozen=True)
class ProtectedSpan:
    """A span of a sentence that the translation must render as one of `forms` (preferred first).

    start/end are offsets in the sentence text; kind is a SpanKind value; `note` explains a rendering
    (for a Russian name: its passport spelling); `guessed`: a name recognised by its capital letters
    only, so it is left to the model and not checked.
    """

    start: int
    end: int
    kind: str
    source_text: str
    forms: tuple[str, ...]
    note: str = ""
    guessed: bool = False
    lemma: str = ""
    """The span in its dictionary form (a name in the nominative), when known."""


@dataclass(frozen=True)
class TermUse:
    """How a term found in the source was carried into the translation (see TermStatus).

    reason: why a term was flagged or repaired, in plain words for the reader.
    """

    hit: TermHit
    status: TermStatus
    target_text: str = ""
    reason: str = ""
    flag: str = ""
    """The reason as a code (i18n key "flag_<code>"), so each interface shows it in its language."""
    flag_value: str = ""

    @property
    def flagged(self) -> bool:
        return self.status == TermStatus.FLAGGED


class FlagKind(StrEnum):
    """A quality check of a translated sentence that found something for a person to look at."""

    UNTRANSLATED = "untranslated"  # the sentence was left in the source language
    REPEATED = "repeated"  # words repeated that the source does not repeat (a model stuck in a loop)
    TRUNCATED = "truncated"  # much shorter than its source: something may be missing
    BRACKETS = "brackets"  # a bracket or quotation mark without its pair
    EXTRA_NUMBER = "extra_number"  # a number the source does not have
    NAME_SPELLING = "name_spelling"  # a name written differently from the rest of the article


@dataclass(frozen=True)
class Flag:
    """A sentence-level QA finding; value is what was found (the repeated words, a number, a spelling)."""

    kind: str
    value: str = ""


@dataclass(frozen=True)
class MemoryMatch:
    """A translation from the translation memory: `source` as it was stored, `target` as it applies to
    this sentence, `score` the similarity in percent (100: the same sentence, reused as it is)."""

    source: str
    target: str
    score: int
    article: str = ""
    created: str = ""
    who: str = "human"


@dataclass(frozen=True)
class SentencePair:
    """A source sentence and its translation.

    terms: glossary terms and how each was carried over; protected: names, places, numbers, dates,
    links and codes that had to come through intact, recorded the same way.
    """

    source: Sentence
    target: str
    terms: tuple[TermUse, ...] = ()
    edited: bool = False
    machine_target: str = ""
    protected: tuple[TermUse, ...] = ()
    qa: tuple[str, ...] = ()
    """Sentence-level flags: the decoder looped ("repetition") or hit its length limit ("length_limit")."""
    checks: tuple[Flag, ...] = ()
    """QA findings on the translation as it now reads (qa.py), whoever wrote it."""
    memory: MemoryMatch | None = None
    """Set when the translation was reused from the translation memory (a person's earlier translation)."""

    @property
    def unedited(self) -> str:
        """The translation before this article's human edit: the memory's, else the model's."""
        if self.memory is not None:
            return self.memory.target
        return self.machine_target if self.edited else self.target

    @property
    def model_target(self) -> str:
        """What the model (or the given translation) produced for this sentence."""
        return self.machine_target if (self.edited or self.memory is not None) else self.target


@dataclass(frozen=True)
class ModelInfo:
    """One model (for the built-in backend, an Argos package) used for a translation."""

    from_code: str
    to_code: str
    version: str
    path: str = ""


@dataclass(frozen=True)
class Summary:
    """Sentences chosen from the source, by index, in document order."""

    lang: str
    indices: tuple[int, ...]
    method: str = ""


@dataclass(frozen=True)
class Result:
    """Everything the UI and exports need: one consistent object."""

    document: Document
    detection: DocumentDetection
    source_lang: str
    target_lang: str
    pairs: tuple[SentencePair, ...]
    route: tuple[str, ...] = ()
    models: tuple[ModelInfo, ...] = ()
    glossary_version: str = ""
    summary: Summary | None = None
    warnings: tuple[str, ...] = field(default=())
    given_translation: bool = False
    """The translation was supplied by the user (translate --translation), not made by a model."""

    @property
    def translated(self) -> bool:
        return bool(self.route)

    def paragraph_pairs(self) -> list[tuple[int, tuple[SentencePair, ...]]]:
        """Pairs grouped by paragraph index, in document order (paragraphs with text only)."""
        groups: dict[int, list[SentencePair]] = {}
        for pair in self.pairs:
            groups.setdefault(pair.source.paragraph, []).append(pair)
        return [(i, tuple(g)) for i, g in groups.items()]

    def target_text(self) -> str:
        """The translation laid out like the source: same paragraphs, same blank lines."""
        by_paragraph = dict(self.paragraph_pairs())
        out = []
        for i, para in enumerate(self.document.paragraphs):
            pairs = by_paragraph.get(i, ())
            out.append(" ".join(p.target for p in pairs) if pairs else para.text)
            out.append(para.separator)
        return "".join(out)

    def with_edit(self, index: int, text: str) -> Result:
        """A new Result where sentence `index` carries a human edit."""
        pairs = list(self.pairs)
        old = pairs[index]
        edited = text != old.unedited
        keep_machine = edited or old.memory is not None
        pairs[index] = replace(old, target=text, edited=edited, machine_target=old.model_target if keep_machine else "")
        return replace(self, pairs=tuple(pairs))

    def summary_pairs(self) -> tuple[SentencePair, ...]:
        if self.summary is None:
            return ()
        return tuple(self.pairs[i] for i in self.summary.indices)
