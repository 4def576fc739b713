"""Ukrainian grammar for inflecting glossary terms: prepositions and their cases, numerals, spelling.

Facts used (Ukrainian grammar): after два/три/чотири a noun stands in the nominative plural (два
судді, три біженці), from п'ять on in the genitive plural (п'ять суддів); з/із/зі take the
instrumental (з суддею) or the genitive (з України). pymorphy3's Ukrainian dictionary writes the
apostrophe as ', so ’ and ʼ are folded to it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from translit.pairs.grammar import Grammar, number_table

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


def normalize(text: str) -> str:
    return text.translate(_APOSTROPHES)


def _verb_cases(parse: Any) -> tuple[str, ...]:
    # The Ukrainian dictionary does not mark transitivity; after a verb an object is the likeliest.
    return ("accs", "nomn", "gent")


_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("в", "у", "на"), ("loct", "accs")),
    **dict.fromkeys(("о", "об", "при"), ("loct",)),
    "по": ("loct", "accs", "datv"),
    **dict.fromkeys(
        (
            "для", "без", "від", "од", "до", "біля", "коло", "після", "проти", "навколо", "довкола", "крім",
            "окрім", "серед", "замість", "заради", "задля", "мимо", "щодо", "внаслідок", "протягом",
            "впродовж", "шляхом", "стосовно", "через", "поблизу", "посеред", "упродовж", "нема", "немає",
        ),
        ("gent",),
    ),
    **dict.fromkeys(("завдяки", "всупереч", "всуперечь", "назустріч"), ("datv",)),
    **dict.fromkeys(("з", "із", "зі", "зо"), ("ablt", "gent")),
    **dict.fromkeys(("над", "перед", "між", "поміж"), ("ablt",)),
    **dict.fromkeys(("за", "під", "поза"), ("ablt", "accs")),
    **dict.fromkeys(("про", "крізь"), ("accs",)),
}
# через takes the accusative of place and time (через кордон, через рік) and the genitive of cause
# (через війну is colloquial): the accusative first.
_PREPOSITIONS["через"] = ("accs", "gent")

GRAMMAR = Grammar(
    lang="uk",
    word=re.compile(r"\w+(?:['’ʼ-]\w+)*"),
    normalize=normalize,
    prepositions=_PREPOSITIONS,
    copulas=frozenset({"стати", "ставати", "бути", "являтися", "виявитися", "залишатися", "залишитися"}),
    many_words=frozenset({"кілька", "декілька", "багато", "мало", "скільки", "стільки", "чимало", "більшість"}),
    few_words=frozenset({"два", "дві", "три", "чотири", "обидва", "обидві", "обоє", "півтора", "півтори"}),
    few_form=("nomn", "plur"),
    verb_cases=_verb_cases,
    number_words=number_table(
        "один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять тринадцять "
        "чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять дев'ятнадцять двадцять тридцять сорок "
        "п'ятдесят шістдесят сімдесят вісімдесят дев'яносто сто тисяча мільйон мільярд",
        ("півтора", Decimal("1.5")),
    ),
    # Only the letters Russian lacks: the Ukrainian dictionary is loaded for no other text.
    letters=re.compile(r"[іїєґ]", re.IGNORECASE),
)
