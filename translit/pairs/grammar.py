"""What the inflection rules need to know about one language (morph_ru.py and morph_uk.py fill it in)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

_SCALE_VALUES = [*range(1, 21), 30, 40, 50, 60, 70, 80, 90, 100, 1000, 10**6, 10**9]


def number_table(words: str, *extra: tuple[str, Decimal]) -> dict[str, Decimal]:
    """Numerals one to twenty, the tens, hundred, thousand, million, billion (in that order), and extras."""
    table = {word: Decimal(value) for word, value in zip(words.split(), _SCALE_VALUES, strict=True)}
    return {**table, **dict(extra)}


def fold_yo(text: str) -> str:
    """ё and е written the same way, for comparisons: Russian text often omits the dots."""
    return text.replace("ё", "е").replace("Ё", "Е")


@dataclass(frozen=True)
class Grammar:
    """What the inflection rules need to know about one language."""

    lang: str
    word: re.Pattern[str]
    """A word, hyphenated compounds (and, in Ukrainian, apostrophes) included."""
    normalize: Callable[[str], str]
    """Spelling variants folded for dictionary look-ups and comparisons (ё/е; ’/')."""
    prepositions: Mapping[str, tuple[str, ...]]
    """Cases a noun phrase takes after each preposition, most likely first."""
    copulas: frozenset[str]
    """Verbs (dictionary forms) whose complement is in the instrumental: стать судьёй, стати суддею."""
    many_words: frozenset[str]
    """Quantity words followed by the genitive plural: несколько судей, кілька суддів."""
    few_words: frozenset[str]
    """Numerals two to four in the nominative."""
    few_form: tuple[str, str]
    """(case, number) of a noun after two to four: два судьи (gent sing), два судді (nomn plur)."""
    verb_cases: Callable[[Any], tuple[str, ...]]
    """Likely cases of a noun phrase right after a verb reading."""
    number_words: Mapping[str, Decimal] = field(default_factory=dict)
    """Numerals in their dictionary forms and their values (пять: 5), for checking numbers by value."""
    letters: re.Pattern[str] = re.compile(r"[а-яё]", re.IGNORECASE)
    """Letters that show a text may be in the language (Ukrainian і ї є ґ)."""
    spellings: Mapping[str, str] = field(default_factory=dict)
    """Prepositions written without their diacritics, mapped to the table's spelling."""
