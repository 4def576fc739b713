"""Romanization against vectors written from the standards: every letter, every special rule."""

from __future__ import annotations

import pytest

from translit.errors import InputError, LanguageError, TranslitError
from translit.romanize import romanize, supported_systems

RUSSIAN_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"

# Each letter after a consonant (б), where no word-initial or after-vowel rule applies.
ICAO_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
BGN_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "\u201d", "ы": "y", "ь": "\u2019", "э": "e", "ю": "yu", "я": "ya",
}
GOST_B_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "cz", "ч": "ch", "ш": "sh",
    "щ": "shh", "ъ": "``", "ы": "y`", "ь": "`", "э": "e`", "ю": "yu", "я": "ya",
}
NATIONAL_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
}

TABLES = [
    ("ru", "passport", ICAO_RU, RUSSIAN_ALPHABET),
    ("ru", "icao", ICAO_RU, RUSSIAN_ALPHABET),
    ("ru", "bgn", BGN_RU, RUSSIAN_ALPHABET),
    ("ru", "gost", GOST_B_RU, RUSSIAN_ALPHABET),
    ("uk", "passport", NATIONAL_UK, UKRAINIAN_ALPHABET),
    ("uk", "bgn", NATIONAL_UK, UKRAINIAN_ALPHABET),
]
LETTER_CASES = [
    pytest.param(lang, system, letter, latin, id=f"{lang}-{system}-{letter}")
    for lang, system, table, _ in TABLES
    for letter, latin in table.items()
]


@pytest.mark.parametrize(("lang", "system", "table", "alphabet"), TABLES)
def test_vector_tables_cover_the_whole_alphabet(lang, system, table, alphabet):
    assert sorted(table) == sorted(alphabet) and len(alphabet) == 33


@pytest.mark.parametrize(("lang", "system", "letter", "latin"), LETTER_CASES)
def test_every_letter_after_a_consonant(lang, system, letter, latin):
    assert romanize(f"б{letter}", lang, system) == f"b{latin}"


@pytest.mark.parametrize(("lang", "system", "letter", "latin"), LETTER_CASES)
def test_every_capital_letter_inside_a_capitals_word(lang, system, letter, latin):
    assert romanize(f"Б{letter.upper()}Б", lang, system) == f"B{latin.upper()}B"


def test_supported_systems_lists_each_language_and_its_systems():
    assert supported_systems() == {"ru": ("passport", "icao", "bgn", "gost"), "uk": ("passport", "bgn")}


def test_default_is_the_russian_passport_system():
    assert romanize("Юлия Ёлкина") == "Iuliia Elkina"


@pytest.mark.parametrize(("system", "expected"), [
    ("passport", "Iuliia Elkina"),
    ("icao", "Iuliia Elkina"),
    ("bgn", "Yuliya Yëlkina"),
    ("gost", "Yuliya Yolkina"),
])
def test_yuliya_yolkina_in_every_russian_system(system, expected):
    assert romanize("Юлия Ёлкина", "ru", system) == expected


@pytest.mark.parametrize(("system", "expected"), [
    ("passport", "Dmitrii Shcherbakov"),
    ("bgn", "Dmitriy Shcherbakov"),
    ("gost", "Dmitrij Shherbakov"),
])
def test_dmitriy_shcherbakov_in_every_russian_system(system, expected):
    assert romanize("Дмитрий Щербаков", "ru", system) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Андрій Ярошенко", "Andrii Yaroshenko"),
    ("Ігор Згурський", "Ihor Zghurskyi"),
    ("Олексій Київський", "Oleksii Kyivskyi"),
])
@pytest.mark.parametrize("system", ["passport", "bgn"])
def test_ukrainian_names(name, expected, system):
    assert romanize(name, "uk", system) == expected


# ---- ICAO Doc 9303 (Russian passports)

@pytest.mark.parametrize(("word", "expected"), [
    ("Подъячев", "Podieiachev"),  # ъ -> ie, я -> ia
    ("Ельцин", "Eltsin"),  # no word-initial rule, ь omitted
    ("Юрьев", "Iurev"),
    ("Майя", "Maiia"),
    ("Эрнст", "Ernst"),
    ("Фёдор", "Fedor"),  # ё -> e
])
def test_icao_has_no_context_rules(word, expected):
    assert romanize(word, "ru", "icao") == expected


# ---- BGN/PCGN 1947

@pytest.mark.parametrize(("word", "expected"), [
    ("Елизово", "Yelizovo"),  # word-initially
    ("Чапаевск", "Chapayevsk"),  # after a vowel
    ("Мейеровка", "Meyyerovka"),  # after й
    ("Юрьев", "Yur\u2019yev"),  # after ь
    ("Объект", "Ob\u201dyekt"),  # after ъ
    ("Белгород", "Belgorod"),  # after a consonant: plain e
    ("Ёлкин", "Yëlkin"),  # ё word-initially
    ("Её", "Yeyë"),  # ё after a vowel
    ("Подъёмный", "Pod\u201dyëmnyy"),  # ё after ъ
    ("Королёв", "Korolëv"),  # ё after a consonant
    ("Санкт-Петербург", "Sankt-Peterburg"),
    ("Нью-Егорьевск", "N\u2019yu-Yegor\u2019yevsk"),  # a hyphen starts a new word
])
def test_bgn_ye_and_yo_rules(word, expected):
    assert romanize(word, "ru", "bgn") == expected


def test_bgn_capitals():
    assert romanize("ЕЛЬЦИН", "ru", "bgn") == "YEL\u2019TSIN"
    assert romanize("ЁЖ Ёж", "ru", "bgn") == "YËZH Yëzh"


# ---- GOST 7.79-2000 system B

@pytest.mark.parametrize(("word", "expected"), [
    ("Цыганов", "Cy`ganov"),  # before ы (y`)
    ("Лицей", "Licej"),  # before е, then й -> j
    ("Цинк", "Cink"),  # before и
    ("Цюрих", "Cyurix"),  # before ю (yu)
    ("Цяо", "Cyao"),  # before я (ya)
    ("Цёп", "Cyop"),  # before ё (yo)
    ("Кацман", "Kaczman"),  # before a consonant
    ("Царёв", "Czaryov"),  # before а
    ("Куц", "Kucz"),  # at the end of a word
    ("Цэ", "Ce`"),  # before э (e`)
    ("Съезд", "S``ezd"),
    ("Мышь", "My`sh`"),
    ("Щука", "Shhuka"),
])
def test_gost_rules(word, expected):
    assert romanize(word, "ru", "gost") == expected


def test_gost_ts_capitals():
    assert romanize("ЦАРЬ ЦИРК", "ru", "gost") == "CZAR` CIRK"


# ---- Ukrainian national system (2010)

@pytest.mark.parametrize(("word", "expected"), [
    ("Єнакієве", "Yenakiieve"),  # є initially ye, inside ie
    ("Гаєвич", "Haievych"),
    ("Їжакевич", "Yizhakevych"),  # ї initially yi
    ("Кадиївка", "Kadyivka"),  # ї inside i
    ("Йосипівка", "Yosypivka"),  # й initially y
    ("Стрий", "Stryi"),  # й inside i
    ("Юрій", "Yurii"),  # ю initially yu
    ("Корюківка", "Koriukivka"),  # ю inside iu
    ("Яготин", "Yahotyn"),  # я initially ya
    ("Ічня", "Ichnia"),  # я inside ia
    ("Згорани", "Zghorany"),  # зг -> zgh
    ("Розгон", "Rozghon"),
    ("Ужгород", "Uzhhorod"),  # жг stays zhh, distinct from зг
    ("Ґалаґан", "Galagan"),
    ("Вишгород", "Vyshhorod"),
    ("Борщагівка", "Borshchahivka"),
    ("Запоріжжя", "Zaporizhzhia"),
    ("Закарпаття", "Zakarpattia"),
    ("Біла Церква", "Bila Tserkva"),
    ("Русь", "Rus"),  # ь omitted
])
def test_ukrainian_national_rules(word, expected):
    assert romanize(word, "uk") == expected


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc"])
def test_ukrainian_apostrophe_is_omitted_and_does_not_start_a_word(apostrophe):
    assert romanize(f"Знам{apostrophe}янка", "uk") == "Znamianka"
    assert romanize(f"Мар{apostrophe}їне", "uk") == "Marine"


def test_ukrainian_quote_marks_are_kept_and_the_quoted_word_starts_fresh():
    assert romanize("'Янка'", "uk") == "'Yanka'"


def test_ukrainian_word_initial_forms_in_capitals():
    assert romanize("ЄВГЕН ЮЛІЯ ЇЖАК ЙОСИП ЯНА", "uk") == "YEVHEN YULIIA YIZHAK YOSYP YANA"
    assert romanize("ЗГУРСЬКИЙ", "uk") == "ZGHURSKYI"


# ---- case, passthrough, normalization

@pytest.mark.parametrize(("text", "expected"), [
    ("Щукин", "Shchukin"),
    ("ЩУКИН", "SHCHUKIN"),
    ("щукин", "shchukin"),
    ("Щ. Ю. Петров", "Shch. Iu. Petrov"),  # initials: capitalized
    ("ЮЛИЯ Ёлкина", "IULIIA Elkina"),  # each word keeps its own case
    ("Салтыков-Щедрин", "Saltykov-Shchedrin"),
    ("ДОЩ", "DOSHCH"),  # last letter takes the case of the one before it
    ("МакШейн", "MakShein"),
])
def test_case_is_preserved(text, expected):
    assert romanize(text) == expected


def test_non_cyrillic_text_punctuation_and_spacing_are_unchanged():
    text = "  Smith, John (Джон)\t— 12.03.1990;\n«Ёлкин» & Ко.  "
    assert romanize(text) == "  Smith, John (Dzhon)\t— 12.03.1990;\n«Elkin» & Ko.  "


def test_text_without_cyrillic_is_returned_as_is():
    text = "José Müller, 5th Ave. #12 — ok?"
    assert romanize(text, "uk") == text
    assert romanize("") == ""


def test_letters_outside_the_chosen_alphabet_are_left_alone():
    assert romanize("Київ", "ru") == "Kiїv"  # ї is not a Russian letter
    assert romanize("Объём", "uk") == "Obъёm"  # ъ and ё are not Ukrainian letters


def test_stress_marks_are_dropped_and_decomposed_letters_composed():
    assert romanize("Я\u0301ков") == "Iakov"
    assert romanize("Андре\u0308й", "ru", "bgn") == "Andrëy"
    assert romanize("Кии\u0306", "uk") == "Kyi"


# ---- errors

@pytest.mark.parametrize(("lang", "system"), [
    ("be", "passport"),
    ("bg", "passport"),
    ("uk", "icao"),
    ("uk", "gost"),
    ("ru", "iso9"),
    ("", ""),
])
def test_unsupported_combinations_raise_language_error_listing_what_works(lang, system):
    with pytest.raises(LanguageError) as caught:
        romanize("Иван", lang, system)
    message = str(caught.value)
    assert "ru: passport, icao, bgn, gost" in message and "uk: passport, bgn" in message
    assert isinstance(caught.value, TranslitError)


def test_language_and_system_codes_ignore_case_and_spaces():
    assert romanize("Гнат", " UK ", "Passport") == "Hnat"


def test_non_string_text_raises_input_error():
    with pytest.raises(InputError):
        romanize(b"\xd0\x98", "ru")  # type: ignore[arg-type]
