"""People's names and places: found in a sentence, rendered the same way throughout a document.

English names (source "en")
  A name is a run of 1-4 capitalised words (middle initials and van/von/de/del allowed) that is
  - after a title (Mr., Mrs., Ms., Dr., Judge, Sen., Rep., President, attorney, lawyer ...), or
  - 2-3 words long and starts with a known first name, or
  - 2-3 words long and not at the start of the sentence, or
  - a single word that the document's NameBook already knows as the surname of someone.
  Words that are places or agencies (glossaries/places.en-ru.tsv), months, weekdays, institution
  words (Court, Department, Patrol ...) and capitalised function words (The, However ...) break a run.
  The Russian rendering comes from a table of established forms (first names and frequent surnames,
  ENGLISH_FIRST_NAMES / ENGLISH_SURNAMES) or else from a rule-based practical transcription
  (transcribe_english). Russian forms: names of men ending in a consonant decline (Джон Смит ->
  Джона Смита), women's names ending in a consonant do not (Дженнифер Скарборо); names in -а/-я
  decline for both. When the gender is unknown the declined forms are listed too.

Russian names (source "ru")
  Capitalised words that pymorphy3 knows as first names, surnames or patronymics (Name/Surn/Patr
  tags from its dictionary), put back into the nominative (Дмитрия Щербакова -> Дмитрий Щербаков) and
  romanized as Russian passports do (ICAO Doc 9303): Dmitrii Shcherbakov. The note says so.

Places: the gazetteer glossaries/places.en-ru.tsv, English matched case-sensitively as whole words,
Russian by lemma; the file's header documents its columns and the Georgia rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from translit.document import ProtectedSpan
from translit.mt.enforce import word_char

GAZETTEER_NAME = "places.en-ru.tsv"


def gazetteer_path() -> Path:
    from translit.resources import glossaries_dir

    return glossaries_dir() / GAZETTEER_NAME
CASES = ("gent", "datv", "accs", "ablt", "loct")

# --- tables written for this project ------------------------------------------------------------------

_MALE = """
James Джеймс, John Джон, Robert Роберт, Michael Майкл, William Уильям, David Дэвид, Richard Ричард,
Joseph Джозеф, Thomas Томас, Charles Чарльз, Christopher Кристофер, Daniel Дэниел, Matthew Мэтью,
Anthony Энтони, Mark Марк, Donald Дональд, Steven Стивен, Paul Пол, Andrew Эндрю, Joshua Джошуа,
Kenneth Кеннет, Kevin Кевин, Brian Брайан, George Джордж, Timothy Тимоти, Ronald Рональд, Edward Эдвард,
Jason Джейсон, Jeffrey Джеффри, Ryan Райан, Jacob Джейкоб, Gary Гэри, Nicholas Николас, Eric Эрик,
Jonathan Джонатан, Stephen Стивен, Larry Ларри, Justin Джастин, Scott Скотт, Brandon Брэндон,
Benjamin Бенджамин, Samuel Сэмюэл, Gregory Грегори, Alexander Александр, Frank Фрэнк, Patrick Патрик,
Raymond Реймонд, Jack Джек, Dennis Деннис, Jerry Джерри, Tyler Тайлер, Aaron Аарон, Jose Хосе, José Хосе,
Adam Адам, Nathan Натан, Henry Генри, Douglas Дуглас, Zachary Закари, Peter Питер, Kyle Кайл, Ethan Итан,
Walter Уолтер, Noah Ноа, Jeremy Джереми, Christian Кристиан, Keith Кит, Roger Роджер, Terry Терри,
Gerald Джеральд, Harold Гарольд, Sean Шон, Carl Карл, Arthur Артур, Lawrence Лоуренс, Dylan Дилан,
Jesse Джесси, Bryan Брайан, Billy Билли, Joe Джо, Bruce Брюс, Gabriel Габриэль, Logan Логан,
Albert Альберт, Alan Алан, Juan Хуан, Wayne Уэйн, Roy Рой, Ralph Ральф, Randy Рэнди, Eugene Юджин,
Vincent Винсент, Russell Рассел, Louis Луис, Philip Филип, Bobby Бобби, Johnny Джонни, Carlos Карлос,
Luis Луис, Miguel Мигель, Marco Марко, Alejandro Алехандро, Barack Барак, Bernie Берни, Ron Рон,
Greg Грег, Tom Том, Tim Тим, Pete Пит, Merrick Меррик, Gavin Гэвин, Chuck Чак, Mike Майк, Bill Билл,
Jim Джим, Bob Боб, Steve Стив, Dan Дэн, Sam Сэм, Ted Тед, Ken Кен, Tony Тони, Greg Грег, Jorge Хорхе,
Pedro Педро, Ricardo Рикардо, Francisco Франсиско, Antonio Антонио, Manuel Мануэль, Mohammed Мохаммед,
Muhammad Мухаммед, Ahmed Ахмед, Ali Али, Ivan Иван, Dmitry Дмитрий, Sergei Сергей, Alexei Алексей,
Vladimir Владимир
"""
_FEMALE = """
Mary Мэри, Patricia Патриция, Jennifer Дженнифер, Linda Линда, Elizabeth Элизабет, Barbara Барбара,
Susan Сьюзан, Jessica Джессика, Sarah Сара, Karen Карен, Lisa Лиза, Nancy Нэнси, Betty Бетти,
Margaret Маргарет, Sandra Сандра, Ashley Эшли, Kimberly Кимберли, Emily Эмили, Donna Донна,
Michelle Мишель, Carol Кэрол, Amanda Аманда, Dorothy Дороти, Melissa Мелисса, Deborah Дебора,
Stephanie Стефани, Rebecca Ребекка, Sharon Шэрон, Laura Лора, Cynthia Синтия, Kathleen Кэтлин, Amy Эми,
Angela Анджела, Shirley Ширли, Anna Анна, Brenda Бренда, Pamela Памела, Emma Эмма, Nicole Николь,
Helen Хелен, Samantha Саманта, Katherine Кэтрин, Christine Кристин, Debra Дебра, Rachel Рейчел,
Carolyn Кэролин, Janet Джанет, Catherine Кэтрин, Maria Мария, María Мария, Heather Хизер, Diane Диана,
Julie Джули, Joyce Джойс, Victoria Виктория, Kelly Келли, Christina Кристина, Lauren Лорен, Joan Джоан,
Evelyn Эвелин, Olivia Оливия, Judith Джудит, Megan Меган, Cheryl Шерил, Martha Марта, Andrea Андреа,
Frances Фрэнсис, Hannah Ханна, Jacqueline Жаклин, Ann Энн, Gloria Глория, Jean Джин, Kathryn Кэтрин,
Alice Элис, Teresa Тереза, Sara Сара, Janice Дженис, Doris Дорис, Madison Мэдисон, Julia Джулия,
Grace Грейс, Judy Джуди, Abigail Эбигейл, Marie Мари, Denise Дениз, Beverly Беверли, Amber Эмбер,
Theresa Тереза, Marilyn Мэрилин, Danielle Даниэль, Diana Диана, Brittany Бриттани, Natalie Натали,
Sophia София, Rose Роуз, Isabella Изабелла, Kayla Кейла, Kamala Камала, Kristi Кристи, Pam Пэм,
Hillary Хиллари, Elena Елена, Ana Ана, Rosa Роза, Lucia Лусия, Alexandria Александрия, Tulsi Тулси,
Natalia Наталья, Olga Ольга, Tatiana Татьяна, Irina Ирина, Svetlana Светлана, Yulia Юлия
"""
_SURNAMES = """
Smith Смит, Johnson Джонсон, Williams Уильямс, Brown Браун, Jones Джонс, Garcia Гарсия, García Гарсия,
Miller Миллер, Davis Дэвис, Rodriguez Родригес, Rodríguez Родригес, Martinez Мартинес, Martínez Мартинес,
Hernandez Эрнандес, Hernández Эрнандес, Lopez Лопес, López Лопес, Gonzalez Гонсалес, González Гонсалес,
Wilson Уилсон, Anderson Андерсон, Taylor Тейлор, Moore Мур, Jackson Джексон, Martin Мартин, Lee Ли,
Perez Перес, Pérez Перес, Thompson Томпсон, White Уайт, Harris Харрис, Sanchez Санчес, Sánchez Санчес,
Clark Кларк, Ramirez Рамирес, Ramírez Рамирес, Lewis Льюис, Robinson Робинсон, Walker Уокер, Young Янг,
Allen Аллен, King Кинг, Wright Райт, Scott Скотт, Torres Торрес, Nguyen Нгуен, Hill Хилл, Flores Флорес,
Green Грин, Adams Адамс, Nelson Нельсон, Baker Бейкер, Hall Холл, Rivera Ривера, Campbell Кэмпбелл,
Mitchell Митчелл, Carter Картер, Roberts Робертс, Trump Трамп, Biden Байден, Obama Обама,
Clinton Клинтон, Mayorkas Майоркас, Noem Ноэм, Abbott Эбботт, DeSantis Десантис, Homan Хоман,
Vance Вэнс, Rubio Рубио, Bondi Бонди, Newsom Ньюсом, Garland Гарленд, Pelosi Пелоси, Schumer Шумер,
Kennedy Кеннеди, Cruz Круз, Sanders Сандерс, Warren Уоррен, McConnell Макконнелл, Bush Буш,
Reagan Рейган, Putin Путин, Zelensky Зеленский, Zelenskyy Зеленский, Lukashenko Лукашенко,
Ocasio-Cortez Окасио-Кортес, Sotomayor Сотомайор, Roberts Робертс, Alito Алито, Gorsuch Горсач,
Kavanaugh Кавано, Graham Грэм, Barrett Барретт, Thomas Томас, Kagan Каган, Jackson Джексон, Boasberg Боасберг,
Musk Маск, Hegseth Хегсет, Gabbard Габбард, Patel Пател, Walz Уолц, Hochul Хоукул, Adams Адамс
"""


def _table(text: str) -> dict[str, str]:
    pairs = (item.strip().split() for item in text.split(","))
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


ENGLISH_FIRST_NAMES: dict[str, tuple[str, str]] = {
    **{en: (ru, "m") for en, ru in _table(_MALE).items()},
    **{en: (ru, "f") for en, ru in _table(_FEMALE).items()},
}
"""English first name -> (established Russian form, gender "m"/"f")."""
ENGLISH_SURNAMES: dict[str, str] = _table(_SURNAMES)
"""Frequent English (and Hispanic) surnames and public figures -> established Russian form."""
_WOMEN = {"Noem", "Pelosi", "Hochul", "Gabbard", "Sotomayor", "Barrett", "Kagan", "Ocasio-Cortez", "Bondi"}
PUBLIC_FIGURES: dict[str, str] = {
    name: ("f" if name in _WOMEN else "m")
    for name in list(ENGLISH_SURNAMES)[list(ENGLISH_SURNAMES).index("Trump"):]
    if name not in {"Roberts", "Thomas", "Jackson", "Adams", "Kennedy", "Warren", "Cruz", "Barrett"}
}
"""Surnames recognised alone (Trump said ...), with the gender of the person usually meant."""

_SLAVIC = {"Putin", "Zelensky", "Zelenskyy", "Lukashenko"}
_ENGLISH_OF_RUSSIAN_SURNAME = {
    ru: en for en, ru in reversed(list(ENGLISH_SURNAMES.items())) if en not in _SLAVIC
}
# Names that are also Russian or Ukrainian first names keep their passport spelling (Дмитрий -> Dmitrii).
_SLAVIC_FIRST = {
    "Ivan", "Dmitry", "Sergei", "Alexei", "Vladimir", "Natalia", "Olga", "Tatiana", "Irina", "Svetlana",
    "Yulia", "Elena", "Anna", "Maria", "María", "Victoria", "Alexander", "Sophia", "Julia", "Diana",
    "Christina", "Rosa", "Lucia", "Ana", "Martha", "Alexandria", "Mark", "Emma", "Lisa", "Eugene",
}
_ENGLISH_OF_RUSSIAN_FIRST_NAME = {
    ru: en for en, (ru, _) in reversed(list(ENGLISH_FIRST_NAMES.items())) if en not in _SLAVIC_FIRST
}
_ENGLISH_OF_RUSSIAN_SURNAME.update({"Трамп": "Trump", "Байден": "Biden", "Смит": "Smith"})

_TITLES = {
    "Mr": "m", "Mr.": "m", "Mrs": "f", "Mrs.": "f", "Ms": "f", "Ms.": "f", "Miss": "f", "Dr": "", "Dr.": "",
    "Judge": "", "Justice": "", "Sen.": "", "Senator": "", "Rep.": "", "Representative": "",
    "Congressman": "m", "Congresswoman": "f", "President": "", "Gov.": "", "Governor": "", "Mayor": "",
    "Secretary": "", "Attorney": "", "Officer": "", "Agent": "", "Director": "", "Commissioner": "",
    "Minister": "", "Prof.": "", "Professor": "", "Sheriff": "", "Chief": "", "Ambassador": "",
    "Speaker": "", "Leader": "", "General": "", "Gen.": "", "Col.": "", "Capt.": "", "Sgt.": "", "Lt.": "",
    "Det.": "", "Pope": "m", "King": "m", "Queen": "f", "Prince": "m", "Princess": "f",
    "attorney": "", "lawyer": "", "judge": "", "senator": "", "president": "", "secretary": "",
    "governor": "", "mayor": "", "spokesperson": "", "spokesman": "m", "spokeswoman": "f",
    "director": "", "officer": "", "agent": "", "advocate": "", "reporter": "", "correspondent": "",
}
_STOP = frozenset("""
The A An This That These Those However But And Or Nor If When While After Before In On At For From With
Without By Under Over As Since Although Though Because Meanwhile Also Yet So Then Now He She It They We I
You His Her Its Their Our My Your There Here What Why How Who Whom Whose Where Which Some Many Most Both
Each Every All Any No Not One Two Three According During Despite Last Next First Second Third Several
Other Another Such Only Even Still Instead Later Earlier Today Yesterday Tomorrow Tonight Please Thank
Thanks Yes Dear Sir Madam Hello Hi Dear Do Does Did Is Are Was Were Be Been Have Has Had Will Would Can
Could Should May Might Must Let Our Us Me Him Them To Of Into Upon About Against Between Through Among
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Department Court Courts Supreme House Senate Congress Security
Homeland Service Services Patrol Border Customs Enforcement Immigration Citizenship Federal National State
States United Republican Republicans Democrat Democrats Democratic Party Administration Office Board Appeals
Agency Bureau Center Centre County City Street Avenue Road Boulevard University College School Hospital
Church News Times Post Journal Press Airport International Association Council Committee Commission
Ministry Foundation Institute Company Group Bank Fund Act Law Program Programme Protection Status Temporary
Asylum Refugee Refugees Detention Facility Processing Camp Northern Southern Eastern Western North South
East West Central Latin American Americans Russian Russians Ukrainian Ukrainians Mexican Mexicans Chinese
English Spanish European Republic Federation Union Kingdom Circuit District Division Executive Order Title
Section Article Form Chapter Rule Policy Plan Project Operation Initiative Parole Humanitarian Uniting
Welcome Remain Stay Christmas Easter God Internet Covid Coronavirus Dreamers Reuters Associated Twitter
Facebook Google Police Army Navy Marine Marines Guard Forces Force Military Justice General Attorney
Secretary Governor Mayor Chief Officer Agent Director Commissioner Spokesperson Spokesman Spokeswoman
Minister Prime Vice Chairman Chairwoman Speaker Leader Senator Representative Congressman Congresswoman
Judge Sheriff Deputy Acting Former President Mr Mrs Ms Dr Prof Professor Ambassador Detective Sergeant
Captain Lieutenant Colonel Major Pope King Queen Prince Princess Saint St Mount Lake River Bay Island
Islands Valley County Park Square Tower Bridge Station Port Beach Coast Gulf Sea Ocean Desert
Arena Science Sciences Evening Morning Sun Pharmacy Conservative Conservatives Labour Liberal Club League
Cup Championship Open Tour Festival Museum Gallery Theatre Theater Stadium Hotel Restaurant Market Mall Store
Inc Ltd Corporation Holdings Technologies Media Network Channel Radio Magazine Review Daily Weekly Gazette
Herald Tribune Telegraph Guardian Independent Mirror Express Chronicle Record Prize Award Awards Games
Olympic Olympics Series Bowl Premier Conference Summit Forum Agreement Treaty Accord Scottish Welsh British
Irish French German Italian Indian Canadian Australian Korean Japanese Israeli Palestinian Iranian Syrian
Turkish African Asian Muslim Jewish Catholic Orthodox Evangelical Baptist Well Oh Okay Sorry
Medicaid Medicare Social Card Visa Visas Legal Aid Human Rights Watch Amnesty Free Freedom
Independence Day Week Month Year Government Governments Nation Nations World Global Public Private
""".split())
_PARTICLES = {"van": "ван", "von": "фон", "de": "де", "del": "дель", "da": "да", "di": "ди", "la": "ла"}
_LEADING = "\"'«“„‘([-–—•*"

_EN_TOKEN = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’-][A-Za-zÀ-ÿ]+)*\.?")
_RU_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")


# --- English -> Russian transcription ----------------------------------------------------------------------

_C = "bcdfghjklmnpqrstvwxz"
# Tried in order at each position of the lowercased word; the first that matches is used.
_TRANSCRIPTION = tuple(
    (re.compile(pattern), russian)
    for pattern, russian in (
        (r"borough$", "боро"), (r"burgh$", "бург"), (r"burg$", "бург"),
        (r"(?<![a-z])mc", "мак"), (r"walk", "уок"),
        (rf"(?<=[{_C}])ey$", "и"), (r"ie$", "и"), (rf"(?<=[{_C}])y$", "и"), (r"ee|ea", "и"), (r"oo", "у"),
        (r"ou", "ау"), (r"ai|ay", "ей"), (r"ei|ey", "ей"), (r"oa", "о"), (r"aw$|ow$", "оу"), (r"aw|au", "о"),
        (r"oi|oy", "ой"), (r"ew|eu", "ю"), (r"oe$", "о"), (r"igh", "ай"), (r"gh$", ""), (r"gh", "г"),
        (rf"ie(?=[{_C}])", "и"), (r"tch", "тч"), (r"sch", "ш"), (r"sh", "ш"), (r"ch", "ч"), (r"ck", "к"),
        (r"ph", "ф"), (r"th", "т"),
        (r"wh", "у"), (r"qu", "кв"), (r"dge", "дж"), (r"x", "кс"), (r"j", "дж"),
        (r"all(?![aeiouy])", "олл"), (r"alt", "олт"), (r"wa", "уо"), (r"ack", "эк"), (r"(?<![a-z])ash", "эш"),
        (rf"[eiu]r(?=[{_C}]|$)", "ер"),
        # a silent final e lengthens the vowel before it (Blake, Pike, Stone, Duke)
        (rf"a(?=[{_C}]e$)", "ей"), (rf"i(?=[{_C}]e$)", "ай"), (rf"o(?=[{_C}]e$)", "оу"),
        (rf"u(?=[{_C}]e$)", "ю"),
        (rf"(?<=[{_C}])e$", ""), (r"(?<=[a-z][bcdfgkpstz]l)e(?=[stfbwm][a-z])", ""),  # Middleton
        (r"(?<![a-z])e", "э"), (r"(?<=[aeiou])e", "э"),
        (rf"u(?=[{_C}](?:[{_C}]|$))", "а"), (r"u", "у"),
        (r"(?<![a-z])ya", "я"), (r"(?<![a-z])yo", "йо"), (r"(?<![a-z])yu", "ю"), (r"(?<![a-z])ye", "е"),
        (r"y", "и"), (r"w", "у"), (r"(?<![aeiouy])h", "х"), (r"h", ""), (r"c(?=[eiy])", "с"), (r"c", "к"),
        *zip("abdefgiklmnopqrstvz", "абдефгиклмнопкрствз"),
    )
)
_ACCENTS = str.maketrans("áàâäéèêëíìîïóòôöúùûüñç", "aaaaeeeeiiiioooouuuunc")


def _transcribe_part(word: str) -> str:
    lower = word.lower().translate(_ACCENTS)
    out, position = [], 0
    while position < len(lower):
        for pattern, russian in _TRANSCRIPTION:
            match = pattern.match(lower, position)
            if match and match.end() > position:
                out.append(russian)
                position = match.end()
                break
        else:
            out.append(lower[position])
            position += 1
    russian = "".join(out)
    return russian[:1].upper() + russian[1:]


@functools.lru_cache(maxsize=20_000)
def transcribe_english(word: str) -> str:
    """An English name word in Russian letters: the established form if we have one, else by rules."""
    if word in ENGLISH_FIRST_NAMES:
        return ENGLISH_FIRST_NAMES[word][0]
    if word in ENGLISH_SURNAMES:
        return ENGLISH_SURNAMES[word]
    if word in _PARTICLES:
        return _PARTICLES[word]
    if re.fullmatch(r"[A-Z]\.", word):
        return _transcribe_part(word[0]).upper()[:1] + "."
    for apostrophe in ("'", "’"):
        if apostrophe in word:
            head, _, tail = word.partition(apostrophe)
            return f"{_transcribe_part(head)}'{transcribe_english(tail)}"
    return "-".join(_transcribe_part(part) for part in word.split("-"))


# --- Russian declension of foreign names -------------------------------------------------------------------

_HUSHING = "жшчщц"
_VELAR_OR_HUSHING = "гкхжшчщ"
_CONSONANTS = "бвгджзклмнпрстфхцчшщ"


def decline_name_word(word: str, gender: str) -> dict[str, str]:
    """A foreign name word's Russian case forms (case -> form); {} when it does not decline.

    gender: "m", "f" or "" (unknown: declined like a man's name).
    """
    last = word[-1:].lower()
    before = word[-2:-1].lower()
    stem = word[:-1]
    if last == "а" and before in _CONSONANTS:
        gent = stem + ("и" if before in _VELAR_OR_HUSHING else "ы")
        ablt = stem + ("ей" if before in _HUSHING else "ой")
        return dict(zip(CASES, (gent, stem + "е", stem + "у", ablt, stem + "е")))
    if last == "я" and before == "и":
        return dict(zip(CASES, (stem + "и", stem + "и", stem + "ю", stem + "ей", stem + "и")))
    if last == "я" and before in _CONSONANTS + "ь":
        return dict(zip(CASES, (stem + "и", stem + "е", stem + "ю", stem + "ей", stem + "е")))
    if gender == "f":
        return {}
    if last in ("й", "ь"):
        return dict(zip(CASES, (stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "е")))
    if last in _CONSONANTS:
        ablt = word + ("ем" if last in _HUSHING else "ом")
        return dict(zip(CASES, (word + "а", word + "у", word + "а", ablt, word + "е")))
    return {}


def russian_name_forms(words: Sequence[str], gender: str) -> tuple[str, ...]:
    """Nominative first, then each case with every word in that case (words that do not decline kept)."""
    forms = [" ".join(words)]
    declined = [decline_name_word(w, gender) if not w.endswith(".") else {} for w in words]
    for case in CASES:
        forms.append(" ".join(d.get(case, w) for w, d in zip(words, declined)))
    return tuple(dict.fromkeys(forms))


# --- the gazetteer ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    id: str
    en: tuple[str, ...]
    ru: tuple[str, ...]
    kind: str
    source: str


_GEORGIA_COUNTRY_CONTEXT = re.compile(
    r"\b(?:country|Republic|nation) of Georgia|\b(?:Tbilisi|Batumi|Kutaisi|Abkhazia|Ossetia|Caucasus)\b|"
    r"former Soviet", re.IGNORECASE,
)


@functools.cache
def gazetteer() -> tuple[Place, ...]:
    """Places and agencies of glossaries/places.en-ru.tsv, in file order."""
    from translit.errors import GlossaryError

    places, header = [], None
    path = gazetteer_path()
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise GlossaryError(
                f"{path}:{number}: expected {len(header)} tab-separated columns, "
                f"found {len(cells)}; "
                "fix the line (see the header comment of the file)."
            )
        row = dict(zip(header, cells))
        split = lambda value: tuple(v.strip() for v in value.split("|") if v.strip())  # noqa: E731
        places.append(Place(row["id"], split(row["en"]), split(row["ru"]), row["kind"], row["source"]))
    return tuple(places)


@functools.cache
def _english_place_index() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[Place, ...]]]:
    """The gazetteer's English names by their first character, longest first, and the places of each."""
    by_name: dict[str, list[Place]] = {}
    for place in gazetteer():
        for name in place.en:
            by_name.setdefault(name, []).append(place)
    by_first: dict[str, list[str]] = {}
    for name in sorted(by_name, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    return ({char: tuple(names) for char, names in by_first.items()},
            {name: tuple(found) for name, found in by_name.items()})


def _english_place_names(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each gazetteer name in the text, left to right, the longest at a position, as
    a whole word: not inside a word, a dotted abbreviation or a hyphenated compound, and followed by
    anything but a letter, a digit or a hyphen, or by a possessive 's. (A scan, not one regex of every
    name: compiling that took longer than the rest of a short command's protection.)"""
    by_first, _ = _english_place_index()
    position = 0
    while position < len(text):
        found = None
        if (names := by_first.get(text[position])) and (position == 0 or not _joins(text[position - 1], ".")):
            for name in names:
                end = position + len(name)
                if text.startswith(name, position) and _ends_word(text, end):
                    found = (position, end, name)
                    break
        if found is None:
            position += 1
        else:
            yield found
            position = found[1]


def _joins(char: str, extra: str) -> bool:
    """Whether a character next to a name makes it part of a longer word: a word character, a hyphen or `extra`."""
    return word_char(char) or char == "-" or char in extra


def _ends_word(text: str, end: int) -> bool:
    if end == len(text):
        return True
    if text[end] in "'’" and text[end + 1:end + 2] == "s" and (end + 2 == len(text) or not word_char(text[end + 2])):
        return True
    return not _joins(text[end], "")


@functools.cache
def _english_place_words() -> frozenset[str]:
    return frozenset(
        word for place in gazetteer() for name in place.en for word in re.findall(r"[\w.]+", name)
    )


@functools.cache
def _russian_place_glossary() -> Any:
    from translit.glossary import Concept, Glossary

    concepts = tuple(Concept(place.id, terms={"en": place.en, "ru": place.ru}) for place in gazetteer())
    return Glossary("places", "1", concepts, langs=("en", "ru"))


def _fix_hyphen_capitals(form: str, nominative: str) -> str:
    """Keep the capitals of hyphenated parts (Нью-Йорке, not Нью-йорке)."""
    out = []
    for word, model in zip(form.split(" "), nominative.split(" ")):
        parts, model_parts = word.split("-"), model.split("-")
        if len(parts) == len(model_parts):
            parts = [p[:1].upper() + p[1:] if m[:1].isupper() else p for p, m in zip(parts, model_parts)]
        out.append("-".join(parts))
    return " ".join(out)


@functools.lru_cache(maxsize=1024)
def place_forms_ru(rendering: str) -> tuple[str, ...]:
    """The singular case forms of a bracketed Russian place name, nominative first."""
    from translit.pairs.morph import morphology, plain

    inflect_term = morphology("ru").inflect_term

    nominative = plain(rendering)
    single = re.fullmatch(r"\[([А-ЯЁ][\w-]*)\]", rendering)
    if single and decline_name_word(single.group(1), "m"):
        # One word: declined by the same rules as names (pymorphy3 reads some, like Остин, as adjectives).
        return russian_name_forms([single.group(1)], "m")
    if "[" not in rendering:
        return (nominative,)
    forms = [nominative] + [_fix_hyphen_capitals(inflect_term(rendering, case), nominative) for case in CASES]
    return tuple(dict.fromkeys(forms))


def _choose_place(candidates: tuple[Place, ...], text: str) -> Place:
    if len(candidates) > 1 and any(p.id == "georgia-country" for p in candidates):
        wanted = "georgia-country" if _GEORGIA_COUNTRY_CONTEXT.search(text) else "georgia-state"
        return next(p for p in candidates if p.id == wanted)
    return candidates[0]


def _place_span(start: int, end: int, text: str, place: Place, target: str) -> ProtectedSpan:
    if target == "ru":
        forms = tuple(dict.fromkeys(f for rendering in place.ru for f in place_forms_ru(rendering)))
    elif target == "en":
        forms = place.en
    else:
        forms = (text[start:end],)
    return ProtectedSpan(start, end, "place", text[start:end], forms, note=f"{place.kind}: {place.id}")


def find_places(text: str, source_lang: str, target_lang: str) -> list[ProtectedSpan]:
    """Places and agencies of the pair's gazetteer in a sentence; none for a pair without one."""
    from translit.pairs import pair_for

    pair = pair_for(source_lang, target_lang)
    if pair is None or pair.gazetteer != GAZETTEER_NAME:
        return []
    spans = []
    if source_lang == "en":
        _, by_name = _english_place_index()
        for start, end, name in _english_place_names(text):
            place = _choose_place(by_name[name], text)
            spans.append(_place_span(start, end, text, place, target_lang))
    elif source_lang == "ru":
        by_id = {place.id: place for place in gazetteer()}
        for hit in _russian_place_glossary().find(text, "ru"):
            if any(char.isupper() for char in hit.source_text):
                spans.append(_place_span(hit.start, hit.end, text, by_id[hit.concept_id], target_lang))
    return spans


# --- people -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """One person of a document: the full name as first written (nominative for Russian) and gender."""

    words: tuple[str, ...]
    gender: str = ""  # "m", "f" or "" when unknown
    certain: bool = True  # False when only capital letters said it was a name

    @property
    def surname(self) -> str:
        return self.words[-1]


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    words: tuple[str, ...]  # as the person is named in the nominative (Russian) or as written (English)
    gender: str
    certain: bool  # a title, a known first name, or a Russian dictionary name: no doubt it is a name
    alternatives: tuple[str, ...] = ()  # other readings of an ambiguous lone Russian word (Гейгера)


@dataclass(frozen=True)
class NameBook:
    """The people of one document, so each is written the same way throughout.

    Build it once per document with `NameBook.from_sentences(sentences, lang)`; a surname mentioned
    alone later ("Scarborough said") is then found and rendered like the full name.
    """

    lang: str
    people: tuple[Person, ...] = ()
    skip: frozenset[str] = field(default=frozenset())

    @classmethod
    def from_sentences(cls, sentences: Sequence[str], lang: str, *, skip: Collection[str] = ()) -> NameBook:
        """skip: capitalised words that are never names (glossary terms, for instance)."""
        empty = cls(lang, (), frozenset(skip))
        mentions = [mention for sentence in sentences for mention in empty._mentions(sentence)]
        people: dict[str, Person] = {}
        # Full names first, so a surname seen alone joins the person named in full.
        for mention in sorted(mentions, key=lambda m: -len(m.words)):
            key = _surname_key(mention.words[-1], lang)
            known = people.get(key)
            if known is None:
                people[key] = Person(mention.words, mention.gender, mention.certain)
            else:
                gender = known.gender or mention.gender
                people[key] = Person(known.words, gender, known.certain or mention.certain)
        return cls(lang, tuple(people.values()), frozenset(skip))

    def person(self, surname: str) -> Person | None:
        """The person a surname (as written, any case for Russian) belongs to, if the book has one."""
        return self._by_surname.get(_surname_key(surname, self.lang))

    @functools.cached_property
    def _by_surname(self) -> dict[str, Person]:
        return {_surname_key(p.surname, self.lang): p for p in self.people}

    def find(self, text: str, target_lang: str) -> tuple[ProtectedSpan, ...]:
        """The names in a sentence as protected spans (kind "name") with their target renderings."""
        spans = []
        for mention in self._mentions(text, lone_surnames=True):
            person = self.person(mention.words[-1]) or Person(mention.words, mention.gender)
            span = self._span(text, mention, person, target_lang)
            spans.append(replace(span, guessed=not mention.certain, lemma=" ".join(mention.words)))
        return tuple(spans)

    def _mentions(self, text: str, lone_surnames: bool = False) -> list[_Mention]:
        if self.lang == "en":
            known = {p.surname: p for p in self.people} if lone_surnames else {}
            return _english_mentions(text, known, self.skip)
        if self.lang == "ru":
            return _russian_mentions(text, self._by_surname if lone_surnames else {}, self.skip)
        return []

    def _span(self, text: str, mention: _Mention, person: Person, target: str) -> ProtectedSpan:
        written = text[mention.start : mention.end]
        gender = person.gender or mention.gender
        if self.lang == "en":
            if target != "ru":
                return ProtectedSpan(mention.start, mention.end, "name", written, (written,))
            russian = [transcribe_english(w) for w in mention.words]
            how = "established Russian form" if all(
                w in ENGLISH_FIRST_NAMES or w in ENGLISH_SURNAMES for w in mention.words
            ) else "practical transcription"
            if not mention.certain:
                how += "; a name guessed from capital letters only"
            return ProtectedSpan(
                mention.start, mention.end, "name", written, russian_name_forms(russian, gender), note=how
            )
        from translit.romanize import romanize

        if target in ("ru", "uk", "be"):
            return ProtectedSpan(mention.start, mention.end, "name", written, (written,))
        if _foreign(mention.words):
            # A foreign person written in Russian letters (Дональд Трамп): back to the original spelling.
            *first, last = mention.words
            english = [_ENGLISH_OF_RUSSIAN_FIRST_NAME.get(w, romanize(w, "ru", "passport")) for w in first]
            last_english = _ENGLISH_OF_RUSSIAN_SURNAME.get(last) or _ENGLISH_OF_RUSSIAN_FIRST_NAME[last]
            original = " ".join([*english, last_english])
            others = tuple(romanize(word, "ru", "passport") for word in mention.alternatives)
            return ProtectedSpan(
                mention.start, mention.end, "name", written, tuple(dict.fromkeys((original, *others))),
                note="established English spelling",
            )
        latin = romanize(" ".join(mention.words), "ru", "passport")
        others = tuple(romanize(word, "ru", "passport") for word in mention.alternatives)
        return ProtectedSpan(
            mention.start, mention.end, "name", written, tuple(dict.fromkeys((latin, *others))),
            note=f"as in a passport: {latin}",
        )


# --- English mentions -------------------------------------------------------------------------------------


def _surname_key(surname: str, lang: str) -> str:
    """English: the surname as written; Russian: its dictionary lemma (Щербакова, Щербакову -> щербаков)."""
    if lang != "ru":
        return surname
    from translit.pairs.grammar import fold_yo
    from translit.pairs.morph import morphology

    lemmas = morphology("ru").lemmas
    readings = _name_readings(surname)
    if readings:
        return fold_yo(readings[0].normal_form)
    return lemmas(surname)[0]


def _foreign(words: Sequence[str]) -> bool:
    """A foreign person written in Russian letters: a known foreign surname, or only known foreign names."""
    if words[-1] in _ENGLISH_OF_RUSSIAN_SURNAME:
        return True
    return all(w in _ENGLISH_OF_RUSSIAN_FIRST_NAME or w in _ENGLISH_OF_RUSSIAN_SURNAME for w in words)


def _sentence_start(text: str) -> int:
    position = 0
    while position < len(text) and (text[position].isspace() or text[position] in _LEADING):
        position += 1
    return position


def _is_breaker(word: str, skip: frozenset[str]) -> bool:
    bare = word.rstrip(".")
    return (
        bare in _STOP or word in _TITLES or word in skip or bare in _english_place_words()
        or (len(bare) > 1 and bare.isupper())
    )


def _english_runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of consecutive capitalised words (and particles) separated by single spaces."""
    runs: list[list[tuple[int, int, str]]] = []
    for match in _EN_TOKEN.finditer(text):
        word = match.group()
        start, end = match.start(), match.end()
        if word.endswith(".") and not re.fullmatch(r"[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\.", word):
            word, end = word[:-1], end - 1
        for suffix in ("'s", "’s"):
            if word.endswith(suffix) and len(word) > 3:
                word, end = word[:-2], end - 2
        capitalised = word[:1].isupper() or word in _PARTICLES or word in _TITLES
        if not capitalised:
            runs.append([])
            continue
        gap = text[runs[-1][-1][1] : start] if runs and runs[-1] else None
        if gap is not None and gap == " ":
            runs[-1].append((start, end, word))
        else:
            runs.append([(start, end, word)])
    return [run for run in runs if run]


def _english_mentions(text: str, known: dict[str, Person], skip: frozenset[str]) -> list[_Mention]:
    mentions = []
    opening = _sentence_start(text)
    for run in _english_runs(text):
        segment: list[tuple[int, int, str]] = []
        title_gender: str | None = None
        for token in [*run, None]:
            if token is not None and not _is_breaker(token[2], skip):
                segment.append(token)
                continue
            if segment:
                found = _judge(segment, title_gender, opening, known)
                if found:
                    mentions.append(found)
                segment = []
            title_gender = _TITLES.get(token[2]) if token is not None and token[2] in _TITLES else None
    if _title_cased(text):
        # A headline in title case: only names we have other evidence for.
        mentions = [m for m in mentions if _well_known(m.words, known)]
    return mentions


def _title_cased(text: str) -> bool:
    """A headline: no final period, and most words of four letters or more capitalised."""
    if text.rstrip().endswith("."):
        return False
    words = re.findall(r"[A-Za-z]{4,}", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _well_known(words: tuple[str, ...], known: dict[str, Person]) -> bool:
    return words[0] in ENGLISH_FIRST_NAMES or words[-1] in ENGLISH_SURNAMES or words[-1] in known


def _judge(
    segment: list[tuple[int, int, str]], title_gender: str | None, opening: int, known: dict[str, Person]
) -> _Mention | None:
    while segment and segment[0][2] in _PARTICLES:
        segment = segment[1:]
    while segment and (segment[-1][2] in _PARTICLES or re.fullmatch(r"[A-Z]\.", segment[-1][2])):
        segment = segment[:-1]
    if not segment or len(segment) > 4:
        return None
    words = tuple(token[2] for token in segment)
    start, end = segment[0][0], segment[-1][1]
    first_name = ENGLISH_FIRST_NAMES.get(words[0])
    gender = title_gender or (first_name[1] if first_name and len(words) > 1 else "")
    if title_gender is not None:
        return _Mention(start, end, words, gender, True)
    if len(words) == 1:
        person = known.get(words[0])
        if person:
            return _Mention(start, end, words, person.gender, person.certain)
        if words[0] in PUBLIC_FIGURES:
            return _Mention(start, end, words, PUBLIC_FIGURES[words[0]], True)
        return None
    if first_name:
        return _Mention(start, end, words, gender, True)
    if words[-1] in known:
        return _Mention(start, end, words, known[words[-1]].gender, known[words[-1]].certain)
    if start > opening and len(words) <= 3:
        return _Mention(start, end, words, gender, False)
    return None


# --- Russian mentions -------------------------------------------------------------------------------------

_NAME_TAGS = ("Name", "Surn", "Patr")
_Word = tuple[int, int, str]


def _from_dictionary(parse: Any) -> bool:
    """A reading pymorphy3 found in its dictionary, not one it guessed from the word's ending."""
    return type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def _analyzer() -> Any:
    from translit.pairs.morph import morphology

    return morphology("ru").analyzer


@functools.lru_cache(maxsize=50_000)
def _name_readings(word: str) -> tuple[Any, ...]:
    """Dictionary readings of a word as a first name, surname or patronymic (none for places)."""
    parses = _analyzer().parse(word)
    if parses and "Geox" in parses[0].tag:
        return ()
    return tuple(
        p for p in parses
        if any(t in p.tag.grammemes for t in _NAME_TAGS) and _from_dictionary(p) and "plur" not in p.tag.grammemes
    )


def _name_weight(word: str) -> float:
    """How much of pymorphy3's probability mass says the word is a first name or surname."""
    return sum(p.score for p in _name_readings(word) if "Name" in p.tag.grammemes or "Surn" in p.tag.grammemes)


def _gender_of(parse: Any) -> str:
    return "ms-f" if "ms-f" in parse.tag.grammemes else str(parse.tag.gender or "")


def _agreeing_readings(readings: list[tuple[Any, ...]]) -> list[Any | None]:
    """One reading per word, all in the same case and gender, the likeliest combination."""
    best: tuple[float, list[Any | None]] = (-1.0, [None] * len(readings))
    keys = {(str(p.tag.case), _gender_of(p)) for options in readings for p in options}
    for case, gender in keys:
        chosen, score = [], 0.0
        for options in readings:
            fitting = [p for p in options if str(p.tag.case) == case and _gender_of(p) in (gender, "ms-f")]
            chosen.append(max(fitting, key=lambda p: p.score) if fitting else None)
            score += max((p.score for p in fitting), default=0.0)
        if score > best[0]:
            best = (score, chosen)
    return best[1]


def _nominative(word: str, reading: Any | None) -> str:
    if reading is None:
        return word
    nominative = reading.inflect({"nomn"})
    lemma = nominative.word if nominative is not None else reading.normal_form
    return "-".join(part[:1].upper() + part[1:] for part in lemma.split("-"))


def _russian_mentions(text: str, known: dict[str, Person], skip: frozenset[str]) -> list[_Mention]:
    opening = _sentence_start(text)
    mentions = []
    words = [(m.start(), m.end(), m.group()) for m in _RU_WORD.finditer(text) if m.group() not in skip]
    index = 0
    while index < len(words):
        group = [words[index]]
        while index + len(group) < len(words) and text[group[-1][1] : words[index + len(group)][0]] == " ":
            group.append(words[index + len(group)])
        index += len(group)
        mentions += _russian_group(group, opening, known)
    return mentions


def _russian_group(group: list[_Word], opening: int, known: dict[str, Person]) -> list[_Mention]:
    """Names inside a run of capitalised Cyrillic words (at most three words to a name)."""
    found: list[_Mention] = []
    segment: list[_Word] = []
    for token in [*group, None]:
        if token is not None and (_name_readings(token[2]) or _surname_key(token[2], "ru") in known):
            segment.append(token)
            if len(segment) < 3:
                continue
        if segment:
            mention = _russian_segment(segment, opening, known)
            if mention:
                found.append(mention)
            segment = []
    return found


def _russian_segment(segment: list[_Word], opening: int, known: dict[str, Person]) -> _Mention | None:
    surface = [token[2] for token in segment]
    start, end = segment[0][0], segment[-1][1]
    if len(segment) == 1:
        word = surface[0]
        person = known.get(_surname_key(word, "ru"))
        if person is not None:
            return _Mention(start, end, (_person_form(word, person),), person.gender, True)
        if _name_weight(word) < (0.9 if start <= opening else 0.5):
            return None
        # Alone, the case is a guess (Гейгера: Гейгер or Гейгера?): every reading is acceptable.
        readings = _name_readings(word)
        best = max(readings, key=lambda r: r.score)
        others = tuple(dict.fromkeys([*(_nominative(word, r) for r in readings), word]))
        gender = {"masc": "m", "femn": "f"}.get(_gender_of(best), "")
        return _Mention(start, end, (_nominative(word, best),), gender, True, others)
    agreeing = _agreeing_readings([_name_readings(w) for w in surface])
    nominative = tuple(_nominative(w, r) for w, r in zip(surface, agreeing))
    genders = {_gender_of(r) for r in agreeing if r is not None and _gender_of(r) in ("masc", "femn")}
    gender = {"masc": "m", "femn": "f"}.get(genders.pop(), "") if len(genders) == 1 else ""
    return _Mention(start, end, nominative, gender, True)


def _person_form(word: str, person: Person) -> str:
    """A lone surname in the nominative of the person it belongs to (Щербаковой -> Щербакова)."""
    wanted = {"m": "masc", "f": "femn"}.get(person.gender)
    readings = [r for r in _name_readings(word) if _gender_of(r) == wanted]
    if readings:
        return _nominative(word, max(readings, key=lambda r: r.score))
    return person.surname
