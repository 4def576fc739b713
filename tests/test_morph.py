"""Russian inflection of glossary renderings, checked against forms written out by hand."""

from __future__ import annotations

import pytest

from translit.pairs.grammar import fold_yo
from translit.pairs.morph import CASES, morphology, plain, split_rendering

_RUSSIAN = morphology("ru")
all_forms = _RUSSIAN.all_forms
case_after = _RUSSIAN.case_after
guess_case_number = _RUSSIAN.guess_case_number
inflect_term = _RUSSIAN.inflect_term
lemmas = _RUSSIAN.lemmas

# Each row: rendering, then six singular forms and six plural forms in the order of CASES
# (nominative, genitive, dative, accusative, instrumental, prepositional).
TABLE = {
    "[собеседование] на предмет обоснованного страха": (
        ("собеседование", "собеседования", "собеседованию", "собеседование", "собеседованием",
         "собеседовании"),
        ("собеседования", "собеседований", "собеседованиям", "собеседования", "собеседованиями",
         "собеседованиях"),
        " на предмет обоснованного страха",
    ),
    "[иммиграционный судья]": (
        ("иммиграционный судья", "иммиграционного судьи", "иммиграционному судье", "иммиграционного судью",
         "иммиграционным судьёй", "иммиграционном судье"),
        ("иммиграционные судьи", "иммиграционных судей", "иммиграционным судьям", "иммиграционных судей",
         "иммиграционными судьями", "иммиграционных судьях"),
        "",
    ),
    "[законный постоянный житель]": (
        ("законный постоянный житель", "законного постоянного жителя", "законному постоянному жителю",
         "законного постоянного жителя", "законным постоянным жителем", "законном постоянном жителе"),
        ("законные постоянные жители", "законных постоянных жителей", "законным постоянным жителям",
         "законных постоянных жителей", "законными постоянными жителями", "законных постоянных жителях"),
        "",
    ),
    "[разрешение] на работу": (
        ("разрешение", "разрешения", "разрешению", "разрешение", "разрешением", "разрешении"),
        ("разрешения", "разрешений", "разрешениям", "разрешения", "разрешениями", "разрешениях"),
        " на работу",
    ),
    "[грин-карта]": (
        ("грин-карта", "грин-карты", "грин-карте", "грин-карту", "грин-картой", "грин-карте"),
        ("грин-карты", "грин-карт", "грин-картам", "грин-карты", "грин-картами", "грин-картах"),
        "",
    ),
    "[ускоренная высылка]": (
        ("ускоренная высылка", "ускоренной высылки", "ускоренной высылке", "ускоренную высылку",
         "ускоренной высылкой", "ускоренной высылке"),
        ("ускоренные высылки", "ускоренных высылок", "ускоренным высылкам", "ускоренные высылки",
         "ускоренными высылками", "ускоренных высылках"),
        "",
    ),
    "[уведомление] о явке в суд": (
        ("уведомление", "уведомления", "уведомлению", "уведомление", "уведомлением", "уведомлении"),
        ("уведомления", "уведомлений", "уведомлениям", "уведомления", "уведомлениями", "уведомлениях"),
        " о явке в суд",
    ),
    "[временный охранный статус]": (
        ("временный охранный статус", "временного охранного статуса", "временному охранному статусу",
         "временный охранный статус", "временным охранным статусом", "временном охранном статусе"),
        ("временные охранные статусы", "временных охранных статусов", "временным охранным статусам",
         "временные охранные статусы", "временными охранными статусами", "временных охранных статусах"),
        "",
    ),
    "[беженец]": (
        ("беженец", "беженца", "беженцу", "беженца", "беженцем", "беженце"),
        ("беженцы", "беженцев", "беженцам", "беженцев", "беженцами", "беженцах"),
        "",
    ),
    "[условно-досрочное освобождение]": (
        ("условно-досрочное освобождение", "условно-досрочного освобождения",
         "условно-досрочному освобождению", "условно-досрочное освобождение",
         "условно-досрочным освобождением",
         "условно-досрочном освобождении"),
        ("условно-досрочные освобождения", "условно-досрочных освобождений",
         "условно-досрочным освобождениям", "условно-досрочные освобождения",
         "условно-досрочными освобождениями",
         "условно-досрочных освобождениях"),
        "",
    ),
}

CELLS = [
    (rendering, case, number, forms[0 if number == "sing" else 1][i] + forms[2])
    for rendering, forms in TABLE.items()
    for number in ("sing", "plur")
    for i, case in enumerate(CASES)
]


@pytest.mark.parametrize(("rendering", "case", "number", "expected"), CELLS)
def test_inflection_table(rendering: str, case: str, number: str, expected: str) -> None:
    assert fold_yo(inflect_term(rendering, case, number)) == fold_yo(expected)


def test_readme_examples() -> None:
    assert inflect_term("[собеседование] на предмет обоснованного страха", "datv", "sing") == (
        "собеседованию на предмет обоснованного страха"
    )
    assert fold_yo(inflect_term("[иммиграционный судья]", "ablt", "sing")) == "иммиграционным судьей"
    assert inflect_term("[разрешение] на работу", "gent", "plur") == "разрешений на работу"
    assert inflect_term("USCIS", "ablt", "plur") == "USCIS"


def test_capitals_and_text_outside_brackets_are_kept() -> None:
    forms = all_forms("[Министерство] внутренней безопасности")
    assert forms[("ablt", "sing")] == "Министерством внутренней безопасности"
    assert forms[("loct", "sing")] == "Министерстве внутренней безопасности"
    assert inflect_term("[форма] I-589", "ablt", "sing") == "формой I-589"
    assert inflect_term("[Служба] гражданства и иммиграции США", "datv", "sing") == (
        "Службе гражданства и иммиграции США"
    )


def test_plural_only_term_stays_plural() -> None:
    forms = all_forms("[иммиграционные власти]")
    assert forms[("gent", "sing")] == forms[("gent", "plur")] == "иммиграционных властей"
    assert forms[("ablt", "sing")] == "иммиграционными властями"


def test_feminine_and_inanimate_accusative() -> None:
    assert inflect_term("[ускоренная высылка]", "accs", "sing") == "ускоренную высылку"
    assert inflect_term("[временный охранный статус]", "accs", "sing") == "временный охранный статус"
    assert inflect_term("[временный охранный статус]", "accs", "plur") == "временные охранные статусы"


def test_substantivised_adjective_declines_as_a_person() -> None:
    assert inflect_term("[несовершеннолетний] без сопровождения", "accs", "sing") == (
        "несовершеннолетнего без сопровождения"
    )


def test_all_forms_has_twelve_cells() -> None:
    forms = all_forms("[беженец]")
    assert len(forms) == 12
    assert set(forms) == {(c, n) for c in CASES for n in ("sing", "plur")}


def test_unknown_case_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown case"):
        inflect_term("[беженец]", "vocative", "sing")
    with pytest.raises(ValueError, match="unknown number"):
        inflect_term("[беженец]", "gent", "dual")


@pytest.mark.parametrize(
    ("rendering", "message"),
    [("[судья", "without a matching"), ("судья]", "without a matching"), ("[[судья]]", "inside"),
     ("[ ] суд", "empty")],
)
def test_bad_brackets(rendering: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        split_rendering(rendering)


def test_split_and_plain() -> None:
    assert split_rendering("[уведомление] о явке") == (("уведомление", True), (" о явке", False))
    assert plain("[уведомление] о явке") == "уведомление о явке"


def test_lemmas() -> None:
    assert lemmas("судьёй")[0] == "судья"
    assert lemmas("судьей")[0] == "судья"
    assert lemmas("грин-картами")[0] == "грин-карта"
    assert "сталь" in lemmas("стали") and "стать" in lemmas("стали")


@pytest.mark.parametrize(
    ("word", "first"),
    [("в", "loct"), ("о", "loct"), ("для", "gent"), ("без", "gent"), ("у", "gent"), ("к", "datv"),
     ("по", "datv"), ("с", "ablt"), ("перед", "ablt"), ("через", "accs"), ("стал", "ablt"),
     ("получил", "accs"), ("", "nomn")],
)
def test_case_after(word: str, first: str) -> None:
    assert case_after(word)[0] == first


def test_case_after_lists_alternatives() -> None:
    assert case_after("В") == ("loct", "accs")
    assert set(case_after("с")) == {"ablt", "gent"}


@pytest.mark.parametrize(
    ("before", "expected"),
    [("Дело рассмотрел", ("accs", "sing")), ("У него нет", ("gent", "sing")),
     ("получили 5", ("gent", "plur")),
     ("выдали 22", ("gent", "sing")), ("выдали 21", ("nomn", "sing")), ("выдали 12", ("gent", "plur")),
     ("несколько", ("gent", "plur")), ("", ("nomn", "sing"))],
)
def test_guess_case_number(before: str, expected: tuple[str, str]) -> None:
    assert guess_case_number(before) == expected


def test_conjoined_adjectives_agree_with_one_head() -> None:
    assert inflect_term("[Иммиграционная и таможенная полиция]", "datv", "sing") == (
        "Иммиграционной и таможенной полиции"
    )


def test_participle_in_its_own_brackets_agrees_with_the_head() -> None:
    forms = all_forms("[лицо], [ищущее] убежища")
    assert forms[("gent", "sing")] == "лица, ищущего убежища"
    assert forms[("ablt", "plur")] == "лицами, ищущими убежища"
