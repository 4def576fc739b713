"""Language pairs: what translit knows about translating between two languages.

Each pair is one module here named `SRC_TGT.py` (en_ru.py, en_uk.py) with a `PAIR`; both directions
use it. `rules_for(source, target)` gives the rules of a translation direction, or None when translit
has no glossary rules for it (then it translates without a glossary). The per-language rules (tokens,
matching keys, inflection) are in languages.py, the Slavic inflection in morph.py with one grammar
file per language (morph_ru.py, morph_uk.py).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re

from translit.pairs.base import Pair, PairRules
from translit.pairs.languages import LanguageRules, language

_PAIR_MODULE = re.compile(r"[a-z]{2,3}_[a-z]{2,3}")


@functools.cache
def pairs() -> tuple[Pair, ...]:
    """Every pair translit has rules for, found as the pair modules of this package."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        if _PAIR_MODULE.fullmatch(module.name):
            found.append(importlib.import_module(f"{__name__}.{module.name}").PAIR)
    return tuple(sorted(found, key=lambda pair: pair.code))


def pair_for(source: str, target: str) -> Pair | None:
    return next((pair for pair in pairs() if set(pair.langs) == {source, target} and source != target), None)


def rules_for(source: str, target: str) -> PairRules | None:
    """The rules for translating from `source` into `target`, or None when no pair covers them."""
    pair = pair_for(source, target)
    if pair is None:
        return None
    return PairRules(pair, language(source), language(target))


def glossary_languages() -> frozenset[str]:
    return frozenset(lang for pair in pairs() for lang in pair.langs)


__all__ = ["LanguageRules", "Pair", "PairRules", "glossary_languages", "language", "pair_for", "pairs", "rules_for"]
