"""Glossary files -> Glossary; finding glossary terms in text of either language of a pair -> TermHit.

The file format is described in glossaries/README.md. Matching is done on word tokens with the keys
of each language (translit.pairs.languages): English by lowercase word with plural and possessive
endings on the last word, Russian and Ukrainian by lemma (pymorphy3), so every case and number of a
term is found. Overlapping terms: the longest wins.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from translit.document import TermHit
from translit.errors import GlossaryError
from translit.files import write_atomically
from translit.pairs import glossary_languages, language
from translit.pairs.languages import is_capitals
from translit.pairs.morph import plain, split_rendering

DEFAULT_LANGS = ("en", "ru")
TIERS = (1, 2, 3)
SHARED_COLUMNS = ("id", "source", "tier")
LANGUAGE_COLUMNS = ("{}", "{}_variants", "{}_wrong", "{}_colloquial", "note_{}", "context_{}")
"""Columns each language of a file may have; `{}` is the language code (ru_variants, note_uk)."""


def required_columns(langs: Sequence[str]) -> tuple[str, ...]:
    return ("id", *langs, *(f"note_{lang}" for lang in langs), "source", "tier")


def columns(langs: Sequence[str] = DEFAULT_LANGS) -> tuple[str, ...]:
    """Every column a glossary of a pair may have, in the order translit writes them."""
    first, second = langs
    return (
        "id", first, second, f"{second}_variants", f"{second}_wrong", f"{first}_wrong", f"note_{first}",
        f"note_{second}", "source", "tier", f"{second}_colloquial", f"context_{first}", f"context_{second}",
        f"{first}_variants", f"{first}_colloquial",
    )


COLUMNS = columns()
"""The columns of an English-Russian glossary."""
BASE_COLUMNS = COLUMNS[:10]
REQUIRED = required_columns(DEFAULT_LANGS)

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_VERSION = re.compile(r"#\s*version\s*:\s*(\S.*?)\s*$", re.IGNORECASE)
_PAIR_IN_NAME = re.compile(r"\.([a-z]{2,3})-([a-z]{2,3})\.tsv$")
_LIST_SEPARATOR = "|"
_HYPHEN_ONLY = re.compile(r"[-‐‑]")
_GAP_NOISE = re.compile(r"[\s\-‐‑]+")
_MAX_PROBLEMS_SHOWN = 15


# --- data --------------------------------------------------------------------------------------


ByLang = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Concept:
    """One glossary entry, in each language of its pair. Renderings keep their inflection brackets.

    terms: per language, the approved term first, then its correct alternatives; colloquial: forms
    recognised in source text but never accepted in a translation; wrong: renderings that must never
    appear; contexts: cue words that confirm the legal sense (`!anti-cues` the ordinary one).
    """

    id: str
    terms: ByLang = field(default_factory=dict, hash=False)
    wrong: ByLang = field(default_factory=dict, hash=False)
    colloquial: ByLang = field(default_factory=dict, hash=False)
    contexts: ByLang = field(default_factory=dict, hash=False)
    notes: Mapping[str, str] = field(default_factory=dict, hash=False)
    source: str = ""
    tier: int = 3

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(self.terms)

    @property
    def ambiguous(self) -> bool:
        """Whether a one-word hit needs its legal sense confirmed: the row names a context, or one of its
        source terms is a single ordinary word (then only the article's topic confirms it)."""
        if any(self.contexts.values()):
            return True
        return any(language(lang).is_ordinary_word(t) for lang in self.langs for t in self.source_terms(lang))

    def context(self, lang: str) -> tuple[str, ...]:
        return self.contexts.get(lang, ())

    def note(self, lang: str) -> str:
        return self.notes.get(lang, "")

    def rendering(self, lang: str) -> str:
        """The approved term in a language with its inflection brackets."""
        return self.terms[lang][0]

    def inflects(self, lang: str) -> bool:
        return lang in self.terms and "[" in self.rendering(lang)

    def approved(self, lang: str) -> str:
        """The approved term in a language, as it reads in the nominative (brackets removed)."""
        return plain(self.rendering(lang))

    def source_terms(self, lang: str) -> tuple[str, ...]:
        """Every surface form recognised in source text of a language (never the wrong ones)."""
        return tuple(plain(term) for term in (*self.terms.get(lang, ()), *self.colloquial.get(lang, ())))

    def accepted_terms(self, lang: str) -> tuple[str, ...]:
        """Renderings a translation into `lang` may use as they are: the approved term and its correct
        alternatives (never the colloquial forms, which are only recognised in source text)."""
        return self.terms.get(lang, ())

    def wrong_terms(self, lang: str) -> tuple[str, ...]:
        """Renderings that must never appear in a translation into `lang`, brackets removed."""
        return tuple(plain(term) for term in self.wrong.get(lang, ()))

    def to_row(self) -> dict[str, str]:
        """The concept as a file row. English keeps its alternatives in its own column (the file format
        always had them there); other languages write the approved term and `_variants`."""
        joined = f" {_LIST_SEPARATOR} ".join
        row = {"id": self.id, "source": self.source, "tier": str(self.tier)}
        for lang in self.langs:
            terms = self.terms[lang]
            if lang == "en":
                row[lang] = joined(terms)
            else:
                row[lang], row[f"{lang}_variants"] = terms[0], joined(terms[1:])
            row[f"{lang}_wrong"] = joined(self.wrong.get(lang, ()))
            row[f"{lang}_colloquial"] = joined(self.colloquial.get(lang, ()))
            row[f"note_{lang}"] = self.notes.get(lang, "")
            row[f"context_{lang}"] = joined(self.contexts.get(lang, ()))
        return row


@dataclass(frozen=True)
class Violation:
    """A wrong rendering of a concept found in a translation; start/end are offsets in that text."""

    concept_id: str
    start: int
    end: int
    found: str
    approved: str


@dataclass(frozen=True)
class Glossary:
    name: str
    version: str
    concepts: tuple[Concept, ...]
    paths: tuple[str, ...] = ()
    langs: tuple[str, str] = DEFAULT_LANGS
    # Compiled matchers, built on first use; not part of the value of the glossary.
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def concept(self, concept_id: str) -> Concept:
        by_id = self._cached("by_id", lambda: {c.id: c for c in self.concepts})
        try:
            return by_id[concept_id]
        except KeyError:
            raise KeyError(f"no concept {concept_id!r} in glossary {self.name}") from None

    def find(self, text: str, lang: str) -> tuple[TermHit, ...]:
        """Glossary terms in a text (usually one sentence), in order; languages outside the pair find none.

        A single word written with a capital inside the sentence is a name first (Mr Bond, a Visa
        card): it is not a hit, unless the entry itself is written that way (ICE, USCIS). Every hit is
        enforced here; `find_in_document` decides the senses.
        """
        if lang not in self.langs:
            return ()
        target = self.other(lang)
        hits = []
        for start, end, index in self._matcher(lang, "source").find(text):
            concept = self.concepts[index]
            written = text[start:end]
            if _inside_link(text, start, end):
                continue
            if _capitalised_word_inside(text, start, written) and not any(
                    t.split()[-1][:1].isupper() for t in concept.source_terms(lang)
                    if len(t.split()) == len(written.split())):
                continue
            hits.append(
                TermHit(
                    concept.id, start, end, written, concept.approved(target),
                    notes=tuple(concept.notes.items()),
                )
            )
        return tuple(hits)

    def find_in_document(self, texts: Sequence[str], lang: str) -> tuple[tuple[TermHit, ...], ...]:
        """Hits of every sentence of one document, each enforced or a suggestion by its sense.

        A hit that needs its context (see _needs_context: bond, appeal, пароль) is enforced when its sentence
        holds a cue of the concept's context, or when the article is about immigration (certain hits —
        needing no context, or confirmed by their own sentence — of at least TOPIC_CONCEPTS concepts).
        It is only a suggestion when the article has fewer certain hits, and no hit at all when it
        has none, or when an anti-cue of the
        concept is in the sentence (bond market, пароль от аккаунта): the ordinary sense.
        """
        rows = [self.find(text, lang) for text in texts]
        cues = [
            self._context_cues(text, lang) if any(self._needs_context(h, lang) for h in row) else (set(), set())
            for text, row in zip(texts, rows)
        ]
        # Evidence of the topic: hits that need no context, and hits their own sentence confirms.
        certain = {
            hit.concept_id for row, (confirmed, blocked) in zip(rows, cues) for hit in row
            if hit.concept_id not in blocked and (not self._needs_context(hit, lang) or hit.concept_id in confirmed)
        }
        on_topic = len(certain) >= TOPIC_CONCEPTS
        marked = []
        for row, (confirmed, blocked) in zip(rows, cues):
            kept = []
            for hit in row:
                if hit.concept_id in blocked:
                    continue
                if not self._needs_context(hit, lang) or on_topic or hit.concept_id in confirmed:
                    kept.append(hit)
                elif certain:
                    kept.append(replace(hit, enforced=False))
            marked.append(tuple(kept))
        return tuple(marked)

    def _needs_context(self, hit: TermHit, lang: str) -> bool:
        """A row that names a context needs it confirmed for every hit ("political opinion" is also
        everyday speech); a concept that is ambiguous only by a single ordinary word, for one-word hits."""
        concept = self.concept(hit.concept_id)
        if any(concept.contexts.values()):
            return True
        # Concept.ambiguous asks the dictionary about every term of the row: once per concept.
        ambiguous = self._cached(("ambiguous", concept.id), lambda: concept.ambiguous)
        return ambiguous and len(language(lang).token.findall(hit.source_text)) == 1

    def _context_cues(self, text: str, lang: str) -> tuple[set[str], set[str]]:
        """Ids of the concepts whose cues, and whose anti-cues, occur in the text."""
        def build() -> tuple[_Matcher, list[tuple[str, bool]]]:
            owners: list[tuple[str, bool]] = []
            terms = []
            for concept in self.concepts:
                for cue in concept.context(lang):
                    anti = cue.startswith("!")
                    owners.append((concept.id, anti))
                    terms.append((len(owners) - 1, cue.lstrip("!").strip()))
            return _Matcher.stored(lang, terms, overlapping=True), owners

        matcher, owners = self._cached(("cues", lang), build)
        confirmed: set[str] = set()
        blocked: set[str] = set()
        for _, _, index in matcher.find(text):
            concept_id, anti = owners[index]
            (blocked if anti else confirmed).add(concept_id)
        return confirmed, blocked

    def accepted_forms(self, concept_id: str, lang: str) -> tuple[str, ...]:
        """Every form a correct translation into `lang` may use: the approved term first, then its
        inflections and the correct alternatives with theirs (never colloquial or wrong forms)."""
        def build() -> tuple[str, ...]:
            forms = list(self.target_forms(concept_id, lang))
            for term in self.concept(concept_id).accepted_terms(lang)[1:]:
                forms += language(lang).forms(term)
            return tuple(dict.fromkeys(forms))

        return self._cached(("accepted", concept_id, lang), build)

    def target_forms(self, concept_id: str, lang: str) -> tuple[str, ...]:
        """Forms of the approved term a translation into `lang` may use, the base form first."""
        return language(lang).forms(self.concept(concept_id).rendering(lang))

    def other(self, lang: str) -> str:
        """The pair's other language."""
        first, second = self.langs
        return second if lang == first else first

    def violations(self, text: str, hits: Iterable[TermHit] | None, lang: str) -> tuple[Violation, ...]:
        """Wrong renderings (any inflected form, for Russian) of the hits' concepts in a translation.

        `lang` is the language of `text`. With hits=None every concept is checked. A wrong rendering
        that is only part of a correct one (судья inside иммиграционный судья) does not count.
        """
        if lang not in self.langs:
            return ()
        wanted = None if hits is None else {hit.concept_id for hit in hits}
        correct = self._matcher(lang, "source").find(text)
        found = []
        for start, end, index in self._matcher(lang, "wrong").find(text):
            concept = self.concepts[index]
            if wanted is not None and concept.id not in wanted:
                continue
            if any(s <= start and end <= e for s, e, _ in correct):
                continue
            found.append(Violation(concept.id, start, end, text[start:end], concept.approved(lang)))
        return tuple(found)

    def terms_in_article(self, hits: Iterable[TermHit]) -> list[tuple[Concept, int]]:
        """Concepts found in an article with how often, in order of first appearance."""
        counts: dict[str, int] = {}
        for hit in hits:
            counts[hit.concept_id] = counts.get(hit.concept_id, 0) + 1
        return [(self.concept(cid), n) for cid, n in counts.items()]

    def _cached(self, key: object, build: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def _matcher(self, lang: str, kind: str) -> _Matcher:
        def build() -> _Matcher:
            terms = []
            for index, concept in enumerate(self.concepts):
                surfaces = concept.source_terms(lang) if kind == "source" else concept.wrong_terms(lang)
                terms += [(index, surface) for surface in surfaces]
            return _Matcher.stored(lang, terms)

        return self._cached((lang, kind), build)


_MATCHER_FORMAT = 1
"""Bump when _Matcher, _Entry, _Word or the tokenisation change: old cache files are then not read."""


TOPIC_CONCEPTS = 3
"""Different concepts found by certain hits (no context needed, or confirmed by a cue) that make an article
about immigration."""


_LINK_LIKE = re.compile(
    r"://|^www\.|@|[\w-]\.(?:gov|com|org|net|edu|us|ru|ua|io|pdf|docx?|html?)\b|/\w[^ ]*/", re.IGNORECASE
)


def _inside_link(text: str, start: int, end: int) -> bool:
    """Whether a match sits inside a URL, an e-mail address, a file name or a path: never a term there."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    token = text[left : right if right >= 0 else len(text)]
    return bool(_LINK_LIKE.search(token))


def _capitalised_word_inside(text: str, start: int, written: str) -> bool:
    """Part of a proper name: one word with a capital first letter (not all capitals) inside the
    sentence (Mr Bond), or capitalised words running on into another capitalised word
    (US National Cancer Institute)."""
    words = written.split()
    if len(words) > 1:
        following = text[start + len(written) :].lstrip()
        return all(w[:1].isupper() for w in words) and following[:1].isupper() and following[:1].isalpha()
    if not written[:1].isupper() or not written[1:].islower():
        return False
    before = text[:start].rstrip()
    return bool(before) and any(c.isalnum() for c in before) and not before.endswith((".", "!", "?", ":", "—"))


def wrong_renderings(concept: Concept, target_lang: str) -> tuple[str, ...]:
    """Renderings of a concept that must never appear in output in `target_lang`."""
    return concept.wrong_terms(target_lang)


def terms_in_article(glossary: Glossary, hits: Iterable[TermHit]) -> list[tuple[Concept, int]]:
    return glossary.terms_in_article(hits)


# --- matching ------------------------------------------------------------------------------------


class _Word(NamedTuple):
    options: frozenset[str]
    cased: bool


class _Entry(NamedTuple):
    concept_index: int
    words: tuple[_Word, ...]
    gaps: tuple[str, ...]
    tail: str = ""  # punctuation that ends the term: the ")" of "287(g)", the "." of "U.S."
    hyphens: tuple[bool, ...] = ()  # gaps that must be a hyphen in the text ("A-number", not "a number")


class _Token(NamedTuple):
    start: int
    end: int
    gap: str  # punctuation between the previous token and this one, spaces and hyphens removed
    glued: bool  # joined to the previous token by a bare hyphen (credible-fear)
    inner: frozenset[str]
    final: frozenset[str]
    inner_cased: frozenset[str]
    final_cased: frozenset[str]


def _tokens(text: str, lang: str) -> list[_Token]:
    rules = language(lang)
    keys = rules.keys
    tokens: list[_Token] = []
    previous_end = 0
    for match in rules.token.finditer(text):
        gap = text[previous_end : match.start()]
        glued = bool(tokens) and bool(_HYPHEN_ONLY.fullmatch(gap))
        gap_key = _GAP_NOISE.sub("", gap)
        tokens.append(_Token(match.start(), match.end(), gap_key, glued, *keys(match.group())))
        previous_end = match.end()
    return tokens


def _entry(lang: str, index: int, term: str) -> _Entry | None:
    tokens = _tokens(term, lang)
    if not tokens:
        return None
    words = []
    letters = [len(term[t.start : t.end]) == 1 and term[t.start].isupper() for t in tokens]
    for position, token in enumerate(tokens):
        surface = term[token.start : token.end]
        # A single capital letter is cased too: "A-number" must not match "a number of".
        cased = is_capitals(surface) or letters[position]
        last = position == len(tokens) - 1
        options = (token.final_cased if cased else token.final) if last else (
            token.inner_cased if cased else token.inner)
        options = options or token.inner  # a lemmatised language keeps no case for one capital letter
        words.append(_Word(options, cased))
    tail = term[tokens[-1].end :].strip()
    hyphens = tuple(t.glued and (letters[i] or letters[i + 1]) for i, t in enumerate(tokens[1:]))
    return _Entry(index, tuple(words), tuple(t.gap for t in tokens[1:]), tail, hyphens)


@dataclass(frozen=True)
class _Matcher:
    lang: str
    index: dict[str, tuple[_Entry, ...]]

    overlapping: bool = False

    @classmethod
    def build(cls, lang: str, terms: list[tuple[int, str]], overlapping: bool = False) -> _Matcher:
        index: dict[str, list[_Entry]] = {}
        for concept_index, term in terms:
            entry = _entry(lang, concept_index, term)
            if entry is None:
                continue
            for key in entry.words[0].options:
                index.setdefault(key, []).append(entry)
        return cls(lang, {key: tuple(entries) for key, entries in index.items()}, overlapping)

    @classmethod
    def stored(cls, lang: str, terms: list[tuple[int, str]], overlapping: bool = False) -> _Matcher:
        """The matcher for these terms, from the on-disk cache when an identical one was built before.

        Building means lemmatising every Russian word of the glossary (about 0.4 s for the built-in
        one); the cache is keyed by the terms themselves, so any edit of a glossary builds anew. A
        damaged or foreign cache file is ignored and replaced; two processes may write at once (the
        last rename wins, both files are whole).
        """
        from translit import cache

        return cache.remembered(
            "matcher", (_MATCHER_FORMAT, lang, overlapping, terms), lambda: cls.build(lang, terms, overlapping),
            lambda found: isinstance(found, cls) and found.lang == lang,
        )

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Non-overlapping (start, end, concept_index), longest first, returned in text order."""
        if not self.index:
            return []
        tokens = _tokens(text, self.lang)
        candidates = []
        for position, token in enumerate(tokens):
            entries: dict[int, _Entry] = {}
            for key in token.inner | token.final | token.inner_cased | token.final_cased:
                for entry in self.index.get(key, ()):
                    entries[id(entry)] = entry
            for entry in entries.values():
                if _fits(entry, tokens, position):
                    last = position + len(entry.words) - 1
                    if entry.tail and not text.startswith(entry.tail, tokens[last].end):
                        continue
                    candidates.append((position, last, entry.concept_index, len(entry.tail)))
        if self.overlapping:
            return sorted({(tokens[f].start, tokens[la].end + t, i) for f, la, i, t in candidates})
        return _longest_first(candidates, tokens)


def _fits(entry: _Entry, tokens: list[_Token], start: int) -> bool:
    end = start + len(entry.words)
    if end > len(tokens) or tokens[start].glued or (end < len(tokens) and tokens[end].glued):
        return False
    for offset, word in enumerate(entry.words):
        token = tokens[start + offset]
        if offset and token.gap != entry.gaps[offset - 1]:
            return False
        if offset and entry.hyphens[offset - 1] and not token.glued:
            return False
        last = offset == len(entry.words) - 1
        if word.cased:
            pool = token.final_cased if last else token.inner_cased
        else:
            pool = token.final if last else token.inner
        if not word.options & pool:
            return False
    return True


_Candidate = tuple[int, int, int, int]  # first token, last token, concept index, tail length


def _longest_first(candidates: list[_Candidate], tokens: list[_Token]) -> list[tuple[int, int, int]]:
    def rank(candidate: _Candidate) -> tuple[int, int, int, int]:
        first, last, concept_index, tail = candidate
        chars = tokens[last].end + tail - tokens[first].start
        return (-(last - first), -chars, first, concept_index)

    taken: set[int] = set()
    chosen = []
    for first, last, concept_index, tail in sorted(set(candidates), key=rank):
        span = range(first, last + 1)
        if taken.isdisjoint(span):
            taken.update(span)
            chosen.append((tokens[first].start, tokens[last].end + tail, concept_index))
    return sorted(chosen)


# --- reading and checking files ---------------------------------------------------------------


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(_LIST_SEPARATOR)) if value.strip() else ()


def _term_key(term: str, lang: str) -> str:
    return language(lang).term_key(term)


class _Parsed(NamedTuple):
    concepts: tuple[Concept, ...]
    problems: tuple[str, ...]
    version: str
    langs: tuple[str, str]


def langs_of_header(header: Sequence[str]) -> tuple[str, ...]:
    """The languages a header names by their own columns (`en`, `ru`), in order."""
    return tuple(name for name in header if name in glossary_languages())


def _parse_text(text: str, where: str, strict: bool = False) -> _Parsed:
    """Concepts and every problem found, each problem as 'FILE, line N: reason'.

    strict: also report single ordinary words without a context (`glossary check`); loading accepts
    them and treats their concept as ambiguous, so they are never enforced without confirmation.
    """
    problems: list[str] = []
    concepts: list[Concept] = []
    header: tuple[str, ...] | None = None
    langs: tuple[str, str] = DEFAULT_LANGS
    version = ""
    id_lines: dict[str, int] = {}
    term_owners: dict[tuple[str, str], tuple[str, int]] = {}

    def problem(line_no: int, reason: str) -> None:
        problems.append(f"{where}, line {line_no}: {reason}")

    for line_no, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if line.lstrip().startswith("#"):
            found = _VERSION.match(line.strip())
            if found and not version:
                version = found.group(1)
            continue
        if not line.strip():
            continue
        if header is None:
            header = tuple(name.strip() for name in line.split("\t"))
            reasons = _header_problems(header)
            problems += [f"{where}, line {line_no}: {reason}" for reason in reasons]
            if problems:
                break
            first, second = langs_of_header(header)
            langs = (first, second)
            continue
        fields = line.split("\t")
        if len(fields) != len(header):
            problem(line_no, f"has {len(fields)} columns but the header has {len(header)}; "
                             "check for a missing or extra tab")
            continue
        row = {name: value.strip() for name, value in zip(header, fields, strict=True)}
        reasons = _row_problems(row, langs)
        if strict:
            reasons += _ordinary_word_problems(row, langs)
        if row["id"] in id_lines:
            reasons.append(f"duplicate id {row['id']!r} (first used on line {id_lines[row['id']]})")
        reasons += _claim_terms(row, langs, line_no, term_owners)
        for reason in reasons:
            problem(line_no, reason)
        if not reasons:
            id_lines[row["id"]] = line_no
            concepts.append(_concept_from_row(row, langs))
    if header is None:
        problems.append(f"{where}: no header line; the first line that is not a comment must name the "
                        f"columns: {' '.join(COLUMNS)}")
    return _Parsed(tuple(concepts), tuple(problems), version, langs)


def _header_problems(header: tuple[str, ...]) -> list[str]:
    langs = langs_of_header(header)
    if len(langs) != 2:
        known = ", ".join(sorted(glossary_languages()))
        return [f"the header names {len(langs)} languages ({', '.join(langs) or 'none'}); a glossary has "
                f"exactly two columns named by language code (translit knows {known}), such as 'en' and 'ru'"]
    allowed = set(columns(langs))
    reasons = [f"unknown column {name!r} in the header" for name in header if name not in allowed]
    reasons += [f"column {name!r} appears twice in the header" for name in sorted(set(header))
                if header.count(name) > 1]
    reasons += [f"required column {name!r} missing from the header" for name in required_columns(langs)
                if name not in header]
    return reasons


def _row_problems(row: Mapping[str, str], langs: Sequence[str]) -> list[str]:
    reasons = [f"missing required field {name!r}" for name in required_columns(langs) if not row.get(name, "")]
    concept_id = row.get("id", "")
    if concept_id and not _ID.fullmatch(concept_id):
        reasons.append(f"bad id {concept_id!r}: use lowercase letters, digits and hyphens")
    tier = row.get("tier", "")
    if tier and tier not in {str(t) for t in TIERS}:
        reasons.append(f"bad tier {tier!r}: use 1 (law/agency), 2 (official translation) or 3 (usage)")
    for lang in langs:
        listed = (lang, f"{lang}_variants", f"{lang}_colloquial", f"{lang}_wrong", f"context_{lang}")
        for column in listed:
            if "" in _split_list(row.get(column, "")):
                reasons.append(f"empty term in column {column!r} (two '|' in a row or a '|' at an end)")
        for column in listed[:4]:
            for term in _split_list(row.get(column, "")):
                try:
                    split_rendering(term)
                except ValueError as error:
                    reasons.append(f"unbalanced brackets in {column} {term!r}: {error}")
        approved = {*_split_list(row.get(lang, "")), *_split_list(row.get(f"{lang}_variants", "")),
                    *_split_list(row.get(f"{lang}_colloquial", ""))}
        keys = {_term_key(t, lang) for t in approved}
        for term in _split_list(row.get(f"{lang}_wrong", "")):
            if _term_key(term, lang) in keys:
                reasons.append(f"{term!r} is listed both as a rendering and in {lang}_wrong")
    return reasons


def is_ordinary_word(term: str, lang: str) -> bool:
    """A single lowercase dictionary word (bond, appeal, залог, пароль): it has senses outside the law.

    English has no dictionary here, so every single lowercase word counts; Russian and Ukrainian ask
    pymorphy3 whether it knows the word, so slang and abbreviations (гринка, ТПС) do not count.
    """
    return language(lang).is_ordinary_word(term)


def _ordinary_word_problems(row: Mapping[str, str], langs: Sequence[str]) -> list[str]:
    """Single ordinary words as variants or wrong renderings need the context that confirms the sense."""
    first, second = langs
    # (language of the words, column, the context that would confirm them, how many leading terms to skip)
    checked = [(first, first, f"context_{first}", 1), (first, f"{first}_wrong", f"context_{second}", 0),
               (second, f"{second}_variants", f"context_{second}", 0),
               (second, f"{second}_colloquial", f"context_{second}", 0),
               (second, f"{second}_wrong", f"context_{first}", 0)]
    reasons = []
    for lang, column, context, skip in checked:
        if row.get(context, "").strip():
            continue
        for term in _split_list(row.get(column, ""))[skip:]:
            if is_ordinary_word(term, lang):
                reasons.append(
                    f"{term!r} in {column} is a single ordinary word: add the context that confirms the legal "
                    f"sense ({context}), or use a longer phrase"
                )
    return reasons


def _claim_terms(
    row: Mapping[str, str], langs: Sequence[str], line_no: int, owners: dict[tuple[str, str], tuple[str, int]]
) -> list[str]:
    """Record the row's terms; report those another concept already claims."""
    concept_id = row.get("id", "")
    claims = [
        (lang, term) for lang in langs
        for column in (lang, f"{lang}_variants", f"{lang}_colloquial") for term in _split_list(row.get(column, ""))
    ]
    reasons = []
    for lang, term in claims:
        key = (lang, _term_key(term, lang))
        owner = owners.setdefault(key, (concept_id, line_no))
        if owner[0] != concept_id:
            reasons.append(f"term {term!r} is also claimed by concept {owner[0]!r} on line {owner[1]}")
    return reasons


def _concept_from_row(row: Mapping[str, str], langs: Sequence[str]) -> Concept:
    def listed(column: str) -> tuple[str, ...]:
        return _split_list(row.get(column, ""))

    return Concept(
        id=row["id"],
        terms={lang: (*listed(lang), *listed(f"{lang}_variants")) for lang in langs},
        wrong={lang: listed(f"{lang}_wrong") for lang in langs if listed(f"{lang}_wrong")},
        colloquial={lang: listed(f"{lang}_colloquial") for lang in langs if listed(f"{lang}_colloquial")},
        contexts={lang: listed(f"context_{lang}") for lang in langs if listed(f"context_{lang}")},
        notes={lang: row[f"note_{lang}"] for lang in langs},
        source=row["source"],
        tier=int(row["tier"]),
    )


def _read(path: Path) -> tuple[str, bytes]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError(f"Glossary file not found: {path}. Check the path.") from None
    except OSError as error:
        raise GlossaryError(f"Cannot read glossary file {path}: {error.strerror}.") from None
    try:
        return data.decode("utf-8-sig"), data
    except UnicodeDecodeError as error:
        line_no = data[: error.start].count(b"\n") + 1
        raise GlossaryError(
            f"{path}, line {line_no}: not UTF-8 text. Save the file as UTF-8 (in a spreadsheet: "
            "'Unicode (UTF-8)', tab-separated)."
        ) from None


def check_glossary(path: str | os.PathLike[str]) -> list[str]:
    """Every problem in a glossary file, as 'FILE, line N: reason'; an empty list means it is valid."""
    try:
        text, _ = _read(Path(path))
    except GlossaryError as error:
        return [str(error)]
    first = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    if "kind" in first.split("\t") and "note_en" not in first.split("\t"):
        return check_places(Path(path))
    return list(_parse_text(text, str(path), strict=True).problems)


PLACE_COLUMNS = ("id", "en", "ru", "kind", "source")
PLACE_KINDS = frozenset({"state", "district", "city", "country", "agency", "territory", "region", "crossing"})


def check_places(path: str | Path) -> list[str]:
    """Every problem of a places file, as 'FILE, line N: reason'; empty when it is valid."""
    problems: list[str] = []
    header: list[str] | None = None
    ids: dict[str, int] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        where = f"{path}, line {number}"
        if header is None:
            header = cells
            problems += [f"{where}: required column {c!r} missing from the header" for c in PLACE_COLUMNS
                         if c not in header]
            if problems:
                return problems
            continue
        if len(cells) != len(header):
            problems.append(f"{where}: has {len(cells)} columns but the header has {len(header)}")
            continue
        row = dict(zip(header, cells))
        problems += [f"{where}: missing required field {c!r}" for c in PLACE_COLUMNS if not row[c]]
        if row["kind"] and row["kind"] not in PLACE_KINDS:
            problems.append(f"{where}: unknown kind {row['kind']!r}; use one of {', '.join(sorted(PLACE_KINDS))}")
        if row["id"] in ids:
            problems.append(f"{where}: duplicate id {row['id']!r} (first used on line {ids[row['id']]})")
        ids.setdefault(row["id"], number)
        for rendering in row["ru"].split("|"):
            try:
                split_rendering(rendering.strip())
            except ValueError as error:
                problems.append(f"{where}: unbalanced brackets in ru {rendering.strip()!r}: {error}")
    return problems


def shipped_files() -> tuple[Path, ...]:
    """Every glossary and places file translit ships."""
    return tuple(sorted(builtin_dir().glob("*.tsv")))


def builtin_dir() -> Path:
    """The folder of the built-in glossaries (inside the installed package, or the checkout's glossaries/)."""
    from translit.resources import glossaries_dir

    return glossaries_dir()


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    path = Path(path)
    text, data = _read(path)
    parsed = _parsed(text, data, str(path))
    if parsed.problems:
        shown = list(parsed.problems[:_MAX_PROBLEMS_SHOWN])
        if len(parsed.problems) > len(shown):
            shown.append(f"... and {len(parsed.problems) - len(shown)} more")
        raise GlossaryError(
            "The glossary has errors; fix these lines (glossaries/README.md explains the format):\n"
            + "\n".join(shown)
        )
    version = parsed.version or "sha256:" + hashlib.sha256(data).hexdigest()[:12]
    name = path.name.removesuffix(".tsv")
    return Glossary(name=name, version=version, concepts=parsed.concepts, paths=(str(path),), langs=parsed.langs)


def _parsed(text: str, data: bytes, where: str) -> _Parsed:
    """The parsed file, kept in translit's cache: checking every row costs more than reading the
    result back. The key holds the file's bytes and the code that parses and checks them."""
    from translit import cache
    from translit.pairs import languages

    key = (hashlib.sha256(data).hexdigest(), where, cache.file_stamp(__file__), cache.file_stamp(languages.__file__))
    return cache.remembered("glossary", key, lambda: _parse_text(text, where),
                            lambda found: isinstance(found, _Parsed))


def builtin_path(name: str = "immigration", pair: tuple[str, str] = ("en", "ru")) -> Path:
    """The built-in glossary file for a domain and language pair (either direction)."""
    source, target = pair
    folder = builtin_dir()
    for candidate in (f"{name}.{source}-{target}.tsv", f"{name}.{target}-{source}.tsv"):
        if (folder / candidate).is_file():
            return folder / candidate
    available = ", ".join(sorted(p.name for p in folder.glob("*.tsv"))) or "none"
    raise GlossaryError(
        f"No built-in glossary {name!r} for {source}-{target} in {folder} (available: {available}). "
        "Load your own file with load_glossary or `glossary check FILE`."
    )


def load_builtin(name: str = "immigration", pair: tuple[str, str] = ("en", "ru")) -> Glossary:
    return load_glossary(builtin_path(name, pair))


def _concept_keys(concept: Concept) -> set[tuple[str, str]]:
    return {
        (lang, _term_key(term, lang)) for lang in concept.langs
        for term in (*concept.terms[lang], *concept.colloquial.get(lang, ()))
    }


def merge(base: Glossary, *user: Glossary) -> Glossary:
    """A glossary where user entries override built-in ones by id and by surface term.

    A base concept whose approved term (in either language) a user concept claims is replaced by it;
    a base concept that only shares a variant keeps its other terms and loses that variant. User
    glossaries of another pair are refused: their columns would mean other languages.
    """
    concepts = list(base.concepts)
    for overlay in user:
        if set(overlay.langs) != set(base.langs):
            raise GlossaryError(
                f"{', '.join(overlay.paths) or overlay.name} is a {'-'.join(overlay.langs)} glossary; it cannot "
                f"be used for {'-'.join(base.langs)}. Use a file whose columns name {' and '.join(base.langs)}."
            )
        ids = {c.id for c in overlay.concepts}
        claimed: set[tuple[str, str]] = set().union(*(_concept_keys(c) for c in overlay.concepts))
        kept = []
        for concept in concepts:
            if concept.id in ids:
                continue
            approved = {(lang, _term_key(concept.approved(lang), lang)) for lang in concept.langs}
            if approved & claimed:
                continue
            kept.append(_without_terms(concept, claimed))
        concepts = kept + list(overlay.concepts)
    return Glossary(
        name=base.name,
        version="+".join([base.version, *(g.version for g in user)]),
        concepts=tuple(concepts),
        paths=base.paths + tuple(p for g in user for p in g.paths),
        langs=base.langs,
    )


def _without_terms(concept: Concept, claimed: set[tuple[str, str]]) -> Concept:
    """The concept without the alternatives and colloquial forms another concept claims (the approved
    terms stay: a concept whose approved term is claimed is replaced whole)."""
    def kept(lang: str, terms: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t for t in terms if (lang, _term_key(t, lang)) not in claimed)

    return replace(
        concept,
        terms={lang: (terms[0], *kept(lang, terms[1:])) for lang, terms in concept.terms.items()},
        colloquial={lang: kept(lang, terms) for lang, terms in concept.colloquial.items()},
    )


# --- saving ----------------------------------------------------------------------------------


def langs_of_path(path: str | os.PathLike[str]) -> tuple[str, str]:
    """The pair a glossary file's name gives (my-glossary.en-uk.tsv: en, uk); English-Russian otherwise."""
    found = _PAIR_IN_NAME.search(Path(path).name)
    if found and set(found.groups()) <= glossary_languages():
        return found.group(1), found.group(2)
    return DEFAULT_LANGS


def _rows(
    glossary_or_rows: Glossary | Iterable[Concept | Mapping[str, str]], langs: tuple[str, str]
) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The header and the rows to write; the optional columns of the first language only when used."""
    items = glossary_or_rows.concepts if isinstance(glossary_or_rows, Glossary) else glossary_or_rows
    header = columns(langs)
    rows = []
    for item in items:
        row = item.to_row() if isinstance(item, Concept) else {k: str(v) for k, v in item.items()}
        rows.append({name: row.get(name, "") for name in header})
    optional = header[-2:]
    header = header[:-2] + tuple(name for name in optional if any(row[name] for row in rows))
    return header, [{name: row[name] for name in header} for row in rows]


def _serialize(header: tuple[str, ...], rows: list[dict[str, str]], where: str) -> str:
    lines = ["# User glossary; the format is described in glossaries/README.md.", "\t".join(header)]
    for number, row in enumerate(rows, start=1):
        for name, value in row.items():
            if "\t" in value or "\n" in value or "\r" in value:
                raise GlossaryError(
                    f"Cannot save {where}: entry {number} ({row.get('id') or 'no id'}), field {name!r} "
                    "contains a tab or a line break; remove it and save again. Nothing was written."
                )
        lines.append("\t".join(row[name] for name in header))
    return "\n".join(lines) + "\n"


def save_user_glossary(
    glossary_or_rows: Glossary | Iterable[Concept | Mapping[str, str]], path: str | os.PathLike[str]
) -> Path:
    """Write a glossary file atomically: the entries are checked first, then a temporary file in the
    same folder replaces the old one, so a failure at any point leaves the saved file as it was."""
    path = Path(path)
    text = _serialize(*_rows(glossary_or_rows, langs_of_path(path)), str(path))
    parsed = _parse_text(text, str(path))
    if parsed.problems:
        raise GlossaryError("Nothing was saved; fix these entries first:\n" + "\n".join(parsed.problems))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"))
    except (OSError, UnicodeError) as error:
        raise GlossaryError(
            f"Could not save the glossary to {path}: {error}. The previous file is unchanged."
        ) from None
    return path


# --- the user's own glossary -------------------------------------------------------------------


def user_entries(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The rows of a user glossary file; none when it does not exist yet."""
    path = Path(path)
    if not path.is_file():
        return []
    return [concept.to_row() for concept in load_glossary(path).concepts]


def add_user_entry(path: str | os.PathLike[str], entry: Mapping[str, str]) -> Path:
    """Add (or replace, by id) one entry in the user glossary; checked first, written atomically."""
    row = {name: str(entry.get(name, "") or "").strip() for name in columns(langs_of_path(path))}
    rows = [r for r in user_entries(path) if r["id"] != row["id"]]
    return save_user_glossary([*rows, row], path)


def import_user_glossary(data: bytes, filename: str, path: str | os.PathLike[str]) -> int:
    """Merge an uploaded glossary file into the user glossary; returns how many entries it brought.

    A file with any problem is refused whole, with every problem listed by line; the saved user
    glossary is then left exactly as it was.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GlossaryError(f"{filename} is not UTF-8 text; save it as UTF-8 (tab-separated) and try again.") from None
    parsed = _parse_text(text, filename)
    if parsed.problems:
        raise GlossaryError("Nothing was imported; fix these lines first:\n" + "\n".join(parsed.problems))
    wanted = langs_of_path(path)
    if set(parsed.langs) != set(wanted):
        raise GlossaryError(
            f"Nothing was imported: {filename} is a {'-'.join(parsed.langs)} glossary and your glossary is "
            f"{'-'.join(wanted)}; import a file whose columns name {' and '.join(wanted)}."
        )
    incoming = {concept.id: concept.to_row() for concept in parsed.concepts}
    rows = [r for r in user_entries(path) if r["id"] not in incoming]
    save_user_glossary([*rows, *incoming.values()], path)
    return len(incoming)
