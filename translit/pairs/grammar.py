"""What the inflection rules need to know about one language (morph_ru.py and morph_uk.py fill it in)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


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
    spellings: Mapping[str, str] = field(default_factory=dict)
    """Prepositions written without their diacritics, mapped to the table's spelling."""
