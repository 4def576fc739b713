"""Inflection and agreement of glossary terms in Slavic languages (pymorphy3, one analyzer per language).

A glossary rendering marks the words that change with square brackets:
`[иммиграционный судья]` -> instrumental «иммиграционным судьёй», `[імміграційний суддя]` ->
«імміграційним суддею»; words outside the brackets never change. What differs between languages
(prepositions and the cases they take, how numerals count, spelling variants) is a `Grammar`;
morph_ru.py and morph_uk.py hold them.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, NamedTuple

from translit.pairs.grammar import Grammar

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
NUMBERS = ("sing", "plur")

_NOUN_LIKE = {"NOUN"}
_AGREEING = {"ADJF", "PRTF", "NUMR"}
# Proper-name readings that the analyzer guesses for unknown hyphenated words (грин-карта as a surname).
_NAME_TAGS = {"Surn", "Name", "Patr"}
_RARE = 0.01
_CASE_ALIASES = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn"}


class Morphology:
    """Analysis and inflection for one language; `morphology(lang)` gives the shared instance."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self.lang = grammar.lang
        self._word = grammar.word
        self.lemmas = functools.lru_cache(maxsize=200_000)(self._lemmas)
        self.is_dictionary_word = functools.lru_cache(maxsize=20_000)(self._is_dictionary_word)
        self.inflect_term = functools.lru_cache(maxsize=8192)(self._inflect_term)
        self._plan = functools.lru_cache(maxsize=4096)(self._plan_uncached)

    @functools.cached_property
    def analyzer(self) -> Any:
        import pymorphy3

        analyzer = pymorphy3.MorphAnalyzer(lang=self.lang)
        _LOADED[self.lang] = analyzer
        _share_grammemes()
        return analyzer

    # --- analysis --------------------------------------------------------------------------------

    def _lemmas(self, word: str) -> tuple[str, ...]:
        """Normal forms of every reading of a word, lowercase and normalised, most likely first."""
        normalize = self.grammar.normalize
        found: list[str] = []
        for parse in self.analyzer.parse(normalize(word)):
            lemma = normalize(parse.normal_form.lower())
            if lemma not in found:
                found.append(lemma)
        return tuple(found) or (normalize(word.lower()),)

    def _is_dictionary_word(self, word: str) -> bool:
        """Whether pymorphy3's dictionary knows the word (not a guess from its ending)."""
        return bool(self.analyzer.word_is_known(self.grammar.normalize(word.lower())))

    def ranked(self, word: str) -> list[Any]:
        """Readings of a word, likeliest first, proper-name guesses last."""
        parses = self.analyzer.parse(self.grammar.normalize(word))
        return sorted(parses, key=lambda p: (bool(_NAME_TAGS & p.tag.grammemes), -p.score))

    def _nominative(self, word: str, pos: set[str]) -> Any | None:
        """The nominative reading of a word with one of the given parts of speech, singular preferred.

        A proper-name reading (Застава the surname) comes last: some Ukrainian dictionary entries
        (застава, особа) give the common noun's dictionary form without a case.
        """
        normalize = self.grammar.normalize
        # Ignore rare readings (the conjunction и is also a one-letter abbreviation noun).
        readings = [p for p in self.ranked(word) if p.tag.POS in pos and p.score >= _RARE]
        named = [p for p in readings if _NAME_TAGS & p.tag.grammemes]
        common = [p for p in readings if p not in named]
        caseless = [p for p in common if p.tag.case is None and normalize(p.word) == normalize(p.normal_form)]
        for group in ([p for p in common if "nomn" in p.tag.grammemes], caseless if pos == _NOUN_LIKE else [],
                      [p for p in named if "nomn" in p.tag.grammemes]):
            if group:
                return sorted(group, key=lambda p: "plur" in p.tag.grammemes)[0]
        return None

    # --- renderings with brackets ----------------------------------------------------------------

    def _plan_uncached(self, rendering: str) -> tuple[tuple[str, tuple[_Slot, ...] | None], ...]:
        """The rendering's pieces; each bracketed piece with the slots of its words.

        The head is chosen over all bracketed pieces together, so `[лицо], [ищущее] убежища` makes the
        participle agree with лицо.
        """
        pieces = split_rendering(rendering)
        matches = [
            (p, m) for p, (text, inflects) in enumerate(pieces) if inflects for m in self._word.finditer(text)
        ]
        parts = [_last_part(m.group()) for _, m in matches]
        words = [(self._nominative(last, _NOUN_LIKE), self._nominative(last, _AGREEING)) for _, last in parts]
        head = _choose_head(words)
        head_noun = words[head][0] if head is not None else None
        head_number = head_noun.tag.number if head_noun is not None else None
        slots: dict[int, list[_Slot]] = {p: [] for p, (_, inflects) in enumerate(pieces) if inflects}
        rows = zip(matches, parts, words, strict=True)
        for i, ((piece, match), (prefix, _), (noun, agreeing)) in enumerate(rows):
            if i == head:
                role, reading = "head", noun
            elif noun is not None and (agreeing is None) and noun.tag.number == head_number:
                role, reading = "apposition", noun
            elif agreeing is not None:
                role, reading = "agree", agreeing
            else:
                role, reading = "keep", None
            slots[piece].append(_Slot(match.start(), match.end(), role, reading, prefix))
        return tuple((text, tuple(slots[p]) if inflects else None) for p, (text, inflects) in enumerate(pieces))

    def _inflect_term(self, rendering: str, case: str, number: str = "sing") -> str:
        """The rendering in a grammatical case and number; words outside brackets are kept as written."""
        _check(case, number)
        plan = self._plan(rendering)
        head = _head_features(plan)
        if head.plural_only:
            number = "plur"
        return "".join(
            text if slots is None else _inflect_piece(text, slots, head, case, number) for text, slots in plan
        )

    def all_forms(self, rendering: str) -> dict[tuple[str, str], str]:
        """All 12 forms, keyed by (case, number); plural-only terms give plural forms for both numbers."""
        return {(case, number): self.inflect_term(rendering, case, number) for number in NUMBERS for case in CASES}

    def is_plural(self, phrase: str) -> bool:
        """Whether a noun phrase is in the plural.

        An agreeing adjective settles it (иммиграционные судьи); otherwise the noun's likeliest reading.
        """
        words = self._word.findall(phrase)
        for word in words:
            adjective = [p for p in self.ranked(word)[:1] if p.tag.POS in _AGREEING]
            if adjective:
                return adjective[0].tag.number == "plur"
        for word in words:
            for parse in self.ranked(word)[:1]:
                if parse.tag.POS == "NOUN":
                    return parse.tag.number == "plur"
        return False

    # --- choosing a form from context ------------------------------------------------------------

    def case_after(self, previous_word: str) -> tuple[str, ...]:
        """Likely cases of a noun phrase right after a word, most likely first.

        Prepositions decide the case; after a verb the phrase is usually its object (or, for a copula
        such as стать/стати, in the instrumental); with nothing to go on it is most likely a subject or
        a direct object.
        """
        grammar = self.grammar
        word = grammar.normalize(previous_word.strip().lower())
        word = grammar.spellings.get(word, word)
        if word in grammar.prepositions:
            return grammar.prepositions[word]
        if not word or not self._word.fullmatch(word):
            return ("nomn", "accs")
        for parse in self.ranked(word)[:2]:
            if parse.tag.POS in ("VERB", "INFN", "PRTS", "GRND"):
                if parse.normal_form in grammar.copulas:
                    return ("ablt", "nomn")
                return grammar.verb_cases(parse)
            if parse.tag.POS == "NUMR" or word in grammar.many_words:
                return ("gent", "nomn")
        return ("nomn", "accs")

    def quantity_form(self, word: str) -> tuple[str, str] | None:
        """(case, number) of a noun counted by a quantity word in the nominative: пять судей, п'ять суддів."""
        word = self.grammar.normalize(word.strip().lower())
        few = self.grammar.few_form
        if word.isdigit():
            last_two = int(word[-2:])
            if 11 <= last_two <= 14 or word[-1] in "056789":
                return "gent", "plur"
            return ("nomn", "sing") if word[-1] == "1" else few
        if word in self.grammar.few_words:
            return few
        if word in self.grammar.many_words:
            return "gent", "plur"
        for parse in self.ranked(word)[:1]:
            if parse.tag.POS == "NUMR":
                # An inflected numeral (двух, пятью) carries the case; the noun follows it in the plural.
                return (parse.tag.case or "gent", "plur") if parse.tag.case not in ("nomn", "accs") else (
                    "gent", "plur")
        return None

    def context_cases(self, text_before: str) -> tuple[tuple[str, str], ...]:
        """(case, number) pairs the words before a slot call for, most likely first."""
        words = self._word.findall(text_before)
        last = words[-1] if words else ""
        counted = self.quantity_form(last) if last else None
        if counted is not None:
            return (counted,)
        return tuple((case, "sing") for case in self.case_after(last))

    def guess_case_number(self, text_before: str, default_number: str = "sing") -> tuple[str, str]:
        """The most likely (case, number) of a term from the words just before it in a sentence."""
        words = self._word.findall(text_before)
        if not words:
            return "nomn", default_number
        counted = self.quantity_form(words[-1])
        if counted is not None:
            return counted
        return self.case_after(words[-1])[0], default_number

    # --- reading the form of a phrase found in a translation -------------------------------------

    def forms_of_found(self, found: str, rendering: str) -> tuple[tuple[str, str], ...]:
        """Every (case, number) the words `found` can be in, read from the word that heads `rendering`.

        `found` is a phrase of a translation matched (by lemma) to the glossary rendering `rendering`,
        so its words stand in the same order. More than one answer means the phrase is ambiguous
        (суда: genitive singular, or nominative/accusative plural); none means it could not be read.
        """
        plan = self._plan(rendering)
        offset, head_at, head_reading = 0, None, None
        for text, slots in plan:
            for slot in slots or ():
                if slot.reading is not None and (head_at is None or slot.role == "head"):
                    head_at, head_reading = offset + slot.start, slot.reading
                    if slot.role == "head":
                        break
            if head_at is not None and any(s.role == "head" for s in slots or ()):
                break
            offset += len(text)
        if head_at is None or head_reading is None:
            return ()
        rendering_words = list(self._word.finditer(plain(rendering)))
        index = next((i for i, m in enumerate(rendering_words) if m.start() <= head_at < m.end()), None)
        found_words = self._word.findall(found)
        if index is None or len(found_words) != len(rendering_words):
            return ()
        _, word = _last_part(found_words[index])
        normalize = self.grammar.normalize
        lemma = normalize(head_reading.normal_form)
        options = []
        for parse in self.analyzer.parse(normalize(word)):
            if normalize(parse.normal_form) != lemma or parse.tag.case is None or parse.score < _RARE:
                continue
            case = _CASE_ALIASES.get(parse.tag.case, parse.tag.case)
            number = parse.tag.number or "sing"
            if case in CASES and (case, number) not in options:
                options.append((case, number))
        return tuple(options)


_MORPHOLOGIES: dict[str, Morphology] = {}
_LOADED: dict[str, Any] = {}


def _share_grammemes() -> None:
    """Let every loaded dictionary's tags know every loaded dictionary's grammemes.

    pymorphy3 gives all its dictionaries one tag class and resets the grammemes that class knows to
    those of the dictionary loaded last, so after loading Ukrainian a Russian tag refuses to be asked
    about Geox, and the other way round. The union (Russian entries first) serves both.
    """
    import json

    merged: dict[str, list[Any]] = {}
    for lang in sorted(_LOADED, key=lambda code: (code != "ru", code)):
        path = Path(_LOADED[lang].dictionary.path) / "grammemes.json"
        for entry in json.loads(path.read_text(encoding="utf-8")):
            merged.setdefault(entry[0], entry)
    tag_class = next(iter(_LOADED.values())).TagClass
    tag_class._init_grammemes(list(merged.values()))


def inflected_languages() -> tuple[str, ...]:
    """Languages with a grammar file here (morph_ru.py, morph_uk.py): their terms decline."""
    import pkgutil

    grammars = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("morph_")]
    return tuple(sorted(name.removeprefix("morph_") for name in grammars))


def morphology(lang: str) -> Morphology:
    """The shared analyzer and inflection rules of a language; pymorphy3 is loaded on first use."""
    if lang not in _MORPHOLOGIES:
        import importlib

        if lang not in inflected_languages():
            raise ValueError(f"no inflection rules for {lang!r}; translit inflects {', '.join(inflected_languages())}")
        _MORPHOLOGIES[lang] = Morphology(importlib.import_module(f"translit.pairs.morph_{lang}").GRAMMAR)
    return _MORPHOLOGIES[lang]


# --- renderings with brackets (language-independent) -------------------------------------------------


def split_rendering(rendering: str) -> tuple[tuple[str, bool], ...]:
    """The rendering as (text, inflects) pieces; raises ValueError for unbalanced or empty brackets."""
    pieces: list[tuple[str, bool]] = []
    buffer, inside = "", False
    for char in rendering:
        if char == "[":
            if inside:
                raise ValueError("brackets inside brackets")
            if buffer:
                pieces.append((buffer, False))
            buffer, inside = "", True
        elif char == "]":
            if not inside:
                raise ValueError("']' without a matching '['")
            if not buffer.strip():
                raise ValueError("empty brackets")
            pieces.append((buffer, True))
            buffer, inside = "", False
        else:
            buffer += char
    if inside:
        raise ValueError("'[' without a matching ']'")
    if buffer:
        pieces.append((buffer, False))
    return tuple(pieces)


def plain(rendering: str) -> str:
    """The rendering as written in the nominative, without brackets."""
    return rendering.replace("[", "").replace("]", "")


def inflects(rendering: str) -> bool:
    return "[" in rendering


def _last_part(word: str) -> tuple[str, str]:
    """Split a hyphenated word into the unchanging prefix and the part that inflects."""
    head, _, last = word.rpartition("-")
    return (head + "-" if head else ""), last


def _restore_case(original: str, new: str) -> str:
    if len(original) > 1 and original.isupper():
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


class _Slot(NamedTuple):
    """One bracketed word: where it is in its piece, how it changes, and its nominative reading."""

    start: int
    end: int
    role: str  # "head", "agree", "apposition" or "keep"
    reading: Any
    prefix: str  # the unchanging part of a hyphenated word (грин- in грин-карта)


class _Head(NamedTuple):
    gender: str | None
    animacy: str
    plural_only: bool


def _choose_head(words: list[tuple[Any, Any]]) -> int | None:
    """Index of the head noun among (noun reading, agreeing reading) pairs of all bracketed words."""
    candidates = [
        ((agreeing is not None), "plur" in noun.tag.grammemes, i) for i, (noun, agreeing) in enumerate(words) if noun
    ]
    if not candidates:
        return None
    _, plural, index = min(candidates)
    singular_agreeing = any(a is not None and "plur" not in a.tag.grammemes and n is None for n, a in words)
    # A plural noun next to singular adjectives is a dependent word put in the brackets by mistake.
    return None if plural and singular_agreeing else index


def _inflect(parse: Any, grammemes: set[str]) -> str | None:
    form = parse.inflect(grammemes)
    if form is None and "sing" in grammemes and parse.tag.number is None:
        # The Ukrainian dictionary marks only the plural: a singular reading carries no number.
        form = parse.inflect(grammemes - {"sing"})
    if form is not None and form.tag.case == "loct" and form.word.endswith(_RARER_LOCATIVES):
        # Ukrainian has two locatives: (в) імміграційному/імміграційнім, (на) статусі/статусові; the
        # first is the usual one in legal prose.
        other = next((f for f in parse.lexeme if f.tag == form.tag and f.word != form.word), None)
        form = other or form
    return form.word if form is not None else None


_RARER_LOCATIVES = ("ім", "ові", "еві", "єві")


def _head_features(plan: tuple[tuple[str, tuple[_Slot, ...] | None], ...]) -> _Head:
    """Gender, animacy and whether the head is plural-only, read from the head noun."""
    for _, slots in plan:
        for slot in slots or ():
            if slot.role == "head":
                tag = slot.reading.tag
                gender = tag.gender if tag.gender in ("masc", "femn", "neut") else None
                plural_only = "Pltm" in tag.grammemes or tag.number == "plur"
                return _Head(gender, "anim" if tag.animacy == "anim" else "inan", plural_only)
    # Without a noun the adjective stands for one (задержанный, несовершеннолетний): in a legal
    # glossary that is nearly always a person, so it declines as animate.
    return _Head(None, "anim", False)


def _inflect_piece(text: str, slots: tuple[_Slot, ...], head: _Head, case: str, number: str) -> str:
    if case == "nomn" and (number == "sing" or head.plural_only):
        return text  # bracketed words are written in this form
    out, cursor = [], 0
    for slot in slots:
        out.append(text[cursor : slot.start])
        original = text[slot.start : slot.end]
        new = None
        if slot.role in ("head", "apposition"):
            new = _inflect(slot.reading, {case, number}) or _inflect(slot.reading, {case})
        elif slot.role == "agree":
            new = _inflect_agreeing(slot.reading, case, number, head.gender, head.animacy)
        out.append(_restore_case(original, slot.prefix + new) if new else original)
        cursor = slot.end
    out.append(text[cursor:])
    return "".join(out)


def _inflect_agreeing(parse: Any, case: str, number: str, gender: str | None, animacy: str) -> str | None:
    wanted = {case, number}
    if number == "sing":
        # A common-gender head (судья) takes the gender the adjective is written in.
        wanted.add(gender if gender else parse.tag.gender or "masc")
    if case == "accs" and (number == "plur" or "masc" in wanted):
        wanted.add(animacy)
    return _inflect(parse, wanted) or _from_lexeme(parse, wanted) or _inflect(parse, {case, number})


def _from_lexeme(parse: Any, wanted: set[str]) -> str | None:
    """The agreeing form chosen from the paradigm, for dictionaries that tag no animacy and no singular on
    adjectives (Ukrainian): of the two accusatives the genitive-like one is animate, the nominative-like
    one inanimate; of the two locatives (імміграційному, імміграційнім) the one shared with the dative."""
    case = next(c for c in CASES if c in wanted)
    features = wanted - {case, "sing", "anim", "inan"}
    lexeme = [f for f in parse.lexeme if f.tag.case == case and features <= f.tag.grammemes
              and (("plur" in f.tag.grammemes) == ("plur" in wanted))]
    if not lexeme:
        return None
    words = list(dict.fromkeys(f.word for f in lexeme))
    if len(words) > 1:
        def same_as(other_case: str) -> str | None:
            return next((f.word for f in parse.lexeme if f.tag.case == other_case and f.word in words
                         and features <= f.tag.grammemes and ("plur" in f.tag.grammemes) == ("plur" in wanted)), None)

        if case == "accs":
            chosen = same_as("gent" if "anim" in wanted else "nomn")
        elif case == "loct":
            chosen = same_as("datv")
        else:
            chosen = None
        return chosen or words[0]
    return words[0]


def _check(case: str, number: str) -> None:
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; use one of {', '.join(CASES)}")
    if number not in NUMBERS:
        raise ValueError(f"unknown number {number!r}; use 'sing' or 'plur'")
