"""Names and places: detected, rendered as promised, and the same throughout a document."""

from __future__ import annotations

import pytest

from translit.names import NameBook, gazetteer, transcribe_english
from translit.protect import find_protected

# English name -> Russian nominative, written by hand.
ENGLISH_NAMES = {
    "Jennifer Scarborough": "Дженнифер Скарборо",
    "John Smith": "Джон Смит",
    "Michael Thompson": "Майкл Томпсон",
    "Sarah Fletcher": "Сара Флетчер",
    "Robert Whitfield": "Роберт Уитфилд",
    "Emily Ashford": "Эмили Эшфорд",
    "David Harrington": "Дэвид Харрингтон",
    "Laura Turner": "Лора Тернер",
    "James Parker": "Джеймс Паркер",
    "Karen Morrison": "Карен Моррисон",
    "Kevin Gallagher": "Кевин Галлагер",
    "Nancy Stone": "Нэнси Стоун",
    "Brian Murphy": "Брайан Мерфи",
    "Linda Kelley": "Линда Келли",
    "Thomas Burns": "Томас Бернс",
    "Maria Rodriguez": "Мария Родригес",
    "Steven Blake": "Стивен Блейк",
    "Patrick Duke": "Патрик Дюк",
    "Rebecca Hall": "Ребекка Холл",
    "Daniel Fisher": "Дэниел Фишер",
    "George Chapman": "Джордж Чапман",
    "Susan Middleton": "Сьюзан Миддлтон",
}
NAME_TEMPLATES = (
    "Yesterday, immigration lawyer {x} spoke to reporters.",
    "The hearing was postponed, {x} said on Friday.",
    "{x} has lived in the country for ten years.",
    "A letter signed by {x} was sent to the court.",
)


def _names(spans):
    return [s for s in spans if s.kind == "name"]


@pytest.mark.parametrize("template", NAME_TEMPLATES)
@pytest.mark.parametrize(("english", "russian"), ENGLISH_NAMES.items())
def test_english_names_found_and_transcribed(template: str, english: str, russian: str) -> None:
    text = template.format(x=english)
    (span,) = _names(find_protected(text, "en", "ru"))
    assert (span.start, span.source_text, span.forms[0]) == (template.index("{x}"), english, russian)


def test_men_with_consonant_endings_decline_women_do_not() -> None:
    (john,) = _names(find_protected("We met John Smith there.", "en", "ru"))
    assert john.forms == ("Джон Смит", "Джона Смита", "Джону Смиту", "Джоном Смитом", "Джоне Смите")
    (jennifer,) = _names(find_protected("We met Jennifer Scarborough there.", "en", "ru"))
    assert jennifer.forms == ("Дженнифер Скарборо",)
    (maria,) = _names(find_protected("We met Maria Lopez there.", "en", "ru"))
    assert "Марии Лопес" in maria.forms and "Марии Лопеса" not in maria.forms


def test_titles_give_single_surnames_and_gender() -> None:
    spans = _names(find_protected("Mr. Whitfield and Mrs. Fletcher met Judge Harrington.", "en", "ru"))
    assert [s.source_text for s in spans] == ["Whitfield", "Fletcher", "Harrington"]
    assert "Уитфилда" in spans[0].forms and spans[1].forms == ("Флетчер",)


def test_same_person_same_rendering_throughout_a_document() -> None:
    document = [
        "Immigration attorney Jennifer Scarborough said her client John Smith was detained.",
        "Scarborough said the hearing was moved.",
        "Smith's family was not told.",
        "According to Scarborough, Smith will appeal.",
    ]
    book = NameBook.from_sentences(document, "en")
    renderings = {}
    for sentence in document:
        for span in _names(find_protected(sentence, "en", "ru", names=book)):
            renderings.setdefault(span.source_text.split()[-1], set()).add(span.forms[0].split()[-1])
    assert renderings == {"Scarborough": {"Скарборо"}, "Smith": {"Смит"}}
    (later,) = _names(find_protected(document[2], "en", "ru", names=book))
    assert later.forms[1] == "Смита"  # known to be a man from the full name


def test_lone_surname_unknown_without_the_book() -> None:
    assert _names(find_protected("Scarborough said the hearing was moved.", "en", "ru")) == []


@pytest.mark.parametrize(
    "text",
    [
        "The court ruled on Monday.",
        "However, the judge disagreed.",
        "Meanwhile, The Department of Homeland Security declined to comment.",
        "After the hearing, Border Patrol agents left.",
        "Yesterday, the Supreme Court heard the case.",
        "In March, Immigration and Customs Enforcement said so.",
        "Judge Blocks New Deportation Plan For Migrants",
        "According to The New York Times, the Los Angeles office closed.",
        "This week the White House and the State Department disagreed.",
    ],
)
def test_no_names_in_ordinary_capitals(text: str) -> None:
    assert _names(find_protected(text, "en", "ru")) == []


@pytest.mark.parametrize(
    ("text", "name", "romanized"),
    [
        ("Дмитрий Щербаков подал прошение об убежище.", "Дмитрий Щербаков", "Dmitrii Shcherbakov"),
        ("Адвокат Дмитрия Щербакова подал жалобу.", "Дмитрия Щербакова", "Dmitrii Shcherbakov"),
        ("Суд вызвал Марию Иванову в среду.", "Марию Иванову", "Mariia Ivanova"),
        ("Документы подала Анна Сергеевна Петрова.", "Анна Сергеевна Петрова", "Anna Sergeevna Petrova"),
        ("Интервью провела Юлия Щукина.", "Юлия Щукина", "Iuliia Shchukina"),
    ],
)
def test_russian_names_romanized_as_in_a_passport(text: str, name: str, romanized: str) -> None:
    (span,) = _names(find_protected(text, "ru", "en"))
    assert (span.source_text, span.forms) == (name, (romanized,))
    assert romanized in span.note and "passport" in span.note


def test_russian_surname_alone_later_in_the_document() -> None:
    document = ["Дмитрий Щербаков прибыл в Техас.", "Щербакову отказали в убежище."]
    book = NameBook.from_sentences(document, "ru")
    (span,) = _names(find_protected(document[1], "ru", "en", names=book))
    assert (span.source_text, span.forms) == ("Щербакову", ("Shcherbakov",))


def test_foreign_names_in_russian_go_back_to_their_spelling() -> None:
    (span,) = _names(find_protected("Вчера Дональд Трамп выступил.", "ru", "en"))
    assert span.forms == ("Donald Trump",)


def test_transcription_rules() -> None:
    assert transcribe_english("Scarborough") == "Скарборо"
    assert transcribe_english("Middlesborough") == "Миддлсборо"
    assert transcribe_english("Sheldon") == "Шелдон"


# --- places -----------------------------------------------------------------------------------------


def _places(spans):
    return [s for s in spans if s.kind == "place"]


def test_places_both_directions_with_inflection() -> None:
    (texas,) = _places(find_protected("He was detained in Texas.", "en", "ru"))
    assert texas.forms == ("Техас", "Техаса", "Техасу", "Техасом", "Техасе")
    (back,) = _places(find_protected("Его задержали в Техасе.", "ru", "en"))
    assert (back.source_text, back.forms[0]) == ("Техасе", "Texas")
    (carolina,) = _places(find_protected("Его перевели в Северную Каролину.", "ru", "en"))
    assert carolina.forms[0] == "North Carolina"
    (new_york,) = _places(find_protected("She lives in New York.", "en", "ru"))
    assert "Нью-Йорке" in new_york.forms


def test_georgia_is_the_state_unless_the_country_is_meant() -> None:
    (state,) = _places(find_protected("He was held in Lumpkin, Georgia, for a year.", "en", "ru"))
    assert state.forms[0] == "Джорджия"
    (country,) = _places(find_protected("She fled the country of Georgia in 2022.", "en", "ru"))
    assert country.forms[0] == "Грузия"
    country, capital = _places(find_protected("He came to Georgia from Tbilisi.", "en", "ru"))
    assert (country.forms[0], capital.forms[0]) == ("Грузия", "Тбилиси")


def test_every_gazetteer_row_found_in_english() -> None:
    for place in gazetteer():
        if place.id == "georgia-country":
            continue  # needs words around it (test above)
        name = place.en[0]
        text = f"Officials said {name} was mentioned."
        spans = _places(find_protected(text, "en", "ru"))
        assert [s.source_text for s in spans] == [name], place.id
        assert spans[0].forms[0] == place.ru[0].replace("[", "").replace("]", "")


def test_every_gazetteer_row_found_in_russian() -> None:
    for place in gazetteer():
        if place.id == "georgia-state":
            continue  # Джорджия and Грузия are both "Georgia" in English
        name = place.ru[0].replace("[", "").replace("]", "")
        spans = _places(find_protected(f"Чиновники упомянули: {name}.", "ru", "en"))
        assert [s.source_text for s in spans] == [name], place.id
        assert place.en[0] in spans[0].forms


def test_lowercase_words_are_not_places() -> None:
    assert _places(find_protected("They ate turkey in china bowls.", "en", "ru")) == []


def test_english_place_scan_finds_what_one_regex_of_every_name_would() -> None:
    import re

    from translit.ingest import sample_paths
    from translit.names import _english_place_index, _english_place_names

    _, by_name = _english_place_index()
    names = sorted(by_name, key=len, reverse=True)
    oracle = re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, names)) + r")(?=['’]s(?!\w)|(?![\w-]))")
    texts = [path.read_text(encoding="utf-8") for path in sample_paths().values()]
    for name in names[:: max(1, len(names) // 60)]:
        for before, after in (("", ""), (" ", "."), ("-", " "), (".", " "), ("x", " "), ("(", ")"), (" ", "'s x"),
                              (" ", "’s"), (" ", "'sx"), (" ", "-born"), (" ", "s"), (" ", "_"), ("_", " "),
                              (" ", "'")):
            texts.append(f"In{before}{name}{after} and {name} {name}")
    found = 0
    for text in texts:
        expected = [(m.start(), m.end(), m.group()) for m in oracle.finditer(text)]
        assert list(_english_place_names(text)) == expected, text[:80]
        found += len(expected)
    assert found > 100
