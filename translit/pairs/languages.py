"""How glossary terms behave in one language: tokens, matching keys, the forms a term takes.

English terms change only by number (judge, judges) and match by lowercase word with plural and
possessive endings; Russian and Ukrainian terms decline (the bracket marks of a rendering, see
glossaries/README.md) and match by lemma. `language(code)` gives the rules of a language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from translit.pairs.morph import CASES, Morphology, inflected_languages, morphology, plain

Keys = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
"""A token's match keys: any position, last position, and the same two for entries written in capitals."""


class LanguageRules(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def token(self) -> re.Pattern[str]:
        """A word of the language (hyphenated compounds included)."""

    @property
    def decimal_comma(self) -> bool:
        """Whether numbers are written 1 500,5 (Russian, Ukrainian) rather than 1,500.5."""

    def keys(self, token: str) -> Keys: ...

    def term_key(self, term: str) -> str: ...

    def is_ordinary_word(self, word: str) -> bool: ...

    def forms(self, rendering: str) -> tuple[str, ...]: ...

    def is_plural(self, phrase: str, approved: str) -> bool: ...

    def forced_candidates(self, rendering: str, plural: bool) -> tuple[str, ...]: ...

    def preferred_forms(self, rendering: str, prefix: str, candidates: tuple[str, ...]) -> tuple[str, ...]: ...

    def form_like(self, found: str, rendering: str, wrong: tuple[str, ...]) -> str | None: ...

    def may_be_written_in(self, text: str) -> bool: ...

    def number_value(self, word: str) -> Decimal | None: ...


_GAP_NOISE = re.compile(r"[\s\-‐‑]+")
_ORDINARY_CANDIDATE = re.compile(r"[^\W\d_]+")


def is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _normal_spacing(text: str) -> str:
    return " ".join(_GAP_NOISE.sub(" ", text).split())


def english_plural(term: str) -> str:
    head, last = term[: -len(term.split()[-1])], term.split()[-1]
    if last.isupper():
        return term + "s"
    if re.search(r"[^aeiou]y$", last):
        return head + last[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", last):
        return head + last + "es"
    return head + last + "s"


def _singulars(word: str) -> frozenset[str]:
    """The word and what it could be the plural or possessive of (judges', judge's, agencies)."""
    forms = {word}
    base = word
    for possessive in ("'s", "’s"):
        if word.endswith(possessive):
            base = word[:-2]
            forms.add(base)
    if base.endswith("ies"):
        forms.add(base[:-3] + "y")
    if base.endswith("es"):
        forms.add(base[:-2])
    if base.endswith("s"):
        forms.add(base[:-1])
    return frozenset(forms)


@functools.lru_cache(maxsize=200_000)
def _english_keys(token: str) -> Keys:
    lower = token.lower()
    return frozenset({lower}), _singulars(lower), frozenset({token}), _singulars(token)


_ENGLISH_NUMBERS = {
    **dict(zip(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
        "million billion".split(),
        map(Decimal, [*range(1, 21), 30, 40, 50, 60, 70, 80, 90, 100, 1000, 10**6, 10**9]), strict=True,
    )),
    "dozen": Decimal(12),
}
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


@dataclass(frozen=True)
class English:
    """English: no dictionary here, so every single lowercase word counts as an ordinary word."""

    code: str = "en"
    token: re.Pattern[str] = re.compile(r"\w+(?:['’]\w+)*")
    decimal_comma: bool = False

    def keys(self, token: str) -> Keys:
        return _english_keys(token)

    def term_key(self, term: str) -> str:
        return _normal_spacing(plain(term).lower())

    def is_ordinary_word(self, word: str) -> bool:
        word = plain(word).strip()
        return bool(_ORDINARY_CANDIDATE.fullmatch(word)) and word.islower()

    def forms(self, rendering: str) -> tuple[str, ...]:
        return (rendering, english_plural(rendering))

    def is_plural(self, phrase: str, approved: str) -> bool:
        written, base = phrase.lower().split(), approved.lower().split()
        if not (written and base):
            return False
        last = written[-1][:-2] if written[-1].endswith(("'s", "’s")) else written[-1]  # judge's: singular
        return last != base[-1] and last.rstrip("'’").endswith("s")

    def forced_candidates(self, rendering: str, plural: bool) -> tuple[str, ...]:
        return (english_plural(rendering),) if plural else (rendering,)

    def preferred_forms(self, rendering: str, prefix: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
        return ()

    def form_like(self, found: str, rendering: str, wrong: tuple[str, ...]) -> str | None:
        singular = {w.lower() for w in wrong}
        plural = found.lower() not in singular and found.lower().rstrip("'’").endswith("s")
        return english_plural(rendering) if plural else rendering

    def may_be_written_in(self, text: str) -> bool:
        return bool(_LATIN.search(text))

    def number_value(self, word: str) -> Decimal | None:
        return _ENGLISH_NUMBERS.get(word.lower())


@dataclass(frozen=True)
class Inflected:
    """A language whose terms decline (Russian, Ukrainian), through its pymorphy3 dictionary."""

    code: str
    decimal_comma: bool = True

    @property
    def morph(self) -> Morphology:
        return morphology(self.code)

    @property
    def token(self) -> re.Pattern[str]:
        return self.morph.grammar.word

    def keys(self, token: str) -> Keys:
        return _inflected_keys(self.code, token)

    def term_key(self, term: str) -> str:
        return _normal_spacing(self.morph.grammar.normalize(plain(term).lower()))

    def is_ordinary_word(self, word: str) -> bool:
        """A single lowercase word the dictionary knows (slang and abbreviations such as гринка, ТПС do not count)."""
        word = plain(word).strip()
        if not _ORDINARY_CANDIDATE.fullmatch(word) or not word.islower():
            return False
        return self.morph.is_dictionary_word(word)

    def forms(self, rendering: str) -> tuple[str, ...]:
        forms = [plain(rendering)]
        if "[" in rendering:
            forms += self.morph.all_forms(rendering).values()
        return tuple(dict.fromkeys(forms))

    def is_plural(self, phrase: str, approved: str) -> bool:
        return self.morph.is_plural(phrase)

    def forced_candidates(self, rendering: str, plural: bool) -> tuple[str, ...]:
        if "[" not in rendering:
            return ()
        number = "plur" if plural else "sing"
        return tuple(dict.fromkeys(self.morph.inflect_term(rendering, case, number) for case in CASES))

    def preferred_forms(self, rendering: str, prefix: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
        """Forms the words before the slot call for (a preposition's case, a numeral's), most likely first."""
        if "[" not in rendering:
            return ()
        wanted = []
        for case, number in self.morph.context_cases(prefix):
            other = "plur" if number == "sing" else "sing"
            for form in (self.morph.inflect_term(rendering, case, number),
                         self.morph.inflect_term(rendering, case, other)):
                if not candidates or form in candidates:
                    wanted.append(form)
                    break
        return tuple(dict.fromkeys(wanted))

    def form_like(self, found: str, rendering: str, wrong: tuple[str, ...]) -> str | None:
        """The rendering in the case and number of the wrong words it replaces; None when that cannot be
        read with certainty."""
        if "[" not in rendering:
            return plain(rendering)
        for wrong_rendering in wrong:
            readings = self.morph.forms_of_found(found, wrong_rendering)
            if readings:
                break
        else:
            return None
        options = {self.morph.inflect_term(rendering, case, number) for case, number in readings}
        return options.pop() if len(options) == 1 else None

    def may_be_written_in(self, text: str) -> bool:
        return bool(self.morph.grammar.letters.search(text))

    def number_value(self, word: str) -> Decimal | None:
        """The value of a numeral in any form (пятью, п'ятьох: 5); None for other words."""
        table = self.morph.grammar.number_words
        word = self.morph.grammar.normalize(word.lower())
        if word in table:
            return table[word]
        if len(word) <= 2:
            return None
        return next((table[lemma] for lemma in self.morph.lemmas(word) if lemma in table), None)


@functools.lru_cache(maxsize=200_000)
def _inflected_keys(lang: str, token: str) -> Keys:
    found = frozenset(morphology(lang).lemmas(token))
    cased = found if is_capitals(token) else frozenset()
    return found, found, cased, cased


def _languages() -> dict[str, LanguageRules]:
    found: dict[str, LanguageRules] = {"en": English()}
    found.update({code: Inflected(code) for code in inflected_languages()})
    return found


_LANGUAGES = _languages()
GLOSSARY_LANGUAGES = frozenset(_LANGUAGES)


def known_languages() -> tuple[LanguageRules, ...]:
    return tuple(_LANGUAGES.values())


def language(code: str) -> LanguageRules:
    """The term rules of a language; a ValueError names the languages translit has rules for."""
    try:
        return _LANGUAGES[code]
    except KeyError:
        raise ValueError(
            f"no glossary rules for language {code!r}; translit has them for {', '.join(sorted(_LANGUAGES))}"
        ) from None
