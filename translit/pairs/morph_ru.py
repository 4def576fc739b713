"""Russian grammar for inflecting glossary terms: prepositions and their cases, numerals, spelling."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from translit.pairs.grammar import Grammar, fold_yo, number_table


def _verb_cases(parse: Any) -> tuple[str, ...]:
    # pymorphy3's Russian dictionary marks transitivity: a transitive verb takes a direct object.
    return ("accs", "gent", "nomn") if "tran" in parse.tag.grammemes else ("nomn", "datv")


_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("в", "во", "на"), ("loct", "accs")),
    **dict.fromkeys(("о", "об", "обо", "при"), ("loct",)),
    **dict.fromkeys(
        (
            "для", "без", "безо", "от", "ото", "до", "у", "из", "изо", "из-за", "из-под", "около", "после",
            "против", "вокруг", "кроме", "среди", "вместо", "ради", "возле", "вне", "мимо", "насчёт",
            "ввиду", "вследствие", "помимо", "накануне", "путём", "относительно", "нет",
        ),
        ("gent",),
    ),
    **dict.fromkeys(("к", "ко", "согласно", "благодаря", "вопреки", "навстречу"), ("datv",)),
    "по": ("datv", "loct", "accs"),
    **dict.fromkeys(("с", "со"), ("ablt", "gent")),
    **dict.fromkeys(("над", "надо", "перед", "передо", "между"), ("ablt",)),
    **dict.fromkeys(("за", "под", "подо"), ("ablt", "accs")),
    **dict.fromkeys(("через", "про", "сквозь"), ("accs",)),
}

GRAMMAR = Grammar(
    lang="ru",
    word=re.compile(r"\w+(?:-\w+)*"),
    normalize=fold_yo,
    prepositions={fold_yo(word): cases for word, cases in _PREPOSITIONS.items()},
    copulas=frozenset({"стать", "становиться", "являться", "быть", "оказаться", "оставаться", "остаться"}),
    many_words=frozenset({"несколько", "много", "мало", "сколько", "столько", "немало", "большинство"}),
    few_words=frozenset({"два", "две", "три", "четыре", "оба", "обе", "полтора", "полторы"}),
    few_form=("gent", "sing"),
    verb_cases=_verb_cases,
    number_words=number_table(
        "один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать "
        "четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать двадцать тридцать сорок "
        "пятьдесят шестьдесят семьдесят восемьдесят девяносто сто тысяча миллион миллиард",
        ("полтора", Decimal("1.5")),
    ),
    letters=re.compile(r"[а-яё]", re.IGNORECASE),
)
