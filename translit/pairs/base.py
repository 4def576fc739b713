"""A language pair and the rules of one translation direction."""

from __future__ import annotations

from dataclasses import dataclass

from translit.pairs.languages import LanguageRules


@dataclass(frozen=True)
class Pair:
    """A language pair as a glossary file names it (immigration.en-ru.tsv), with its optional data."""

    langs: tuple[str, str]
    gazetteer: str = ""
    """File name of the places gazetteer of the pair (glossaries/), or "" when it has none."""

    @property
    def code(self) -> str:
        return "-".join(self.langs)


@dataclass(frozen=True)
class PairRules:
    """The rules of one translation direction."""

    pair: Pair
    source: LanguageRules
    target: LanguageRules

    @property
    def glossary_langs(self) -> tuple[str, str]:
        return self.pair.langs
