"""Checks of a finished translation against what the source holds, without changing a word of it.

Numbers, dates, times, amounts and percentages are compared by value, in any convention of either
language (50 % / 50 процентов, 2,7 / 2.7, 1 500 / 1,500, $1.5 million / 1,5 млн долларов). People's
names are compared by a phonetic key, so every plausible transcription is accepted (Farage: Фараж,
Jack Nicklaus: Джек Никлаус). What does not match is flagged for a person to check; nothing is
inserted or replaced.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from translit import i18n
from translit.document import SpanKind, TermHit, TermStatus, TermUse

_SPACES = "[ \u00a0\u202f]"
_NUMBER = re.compile(rf"(?<![\w.,])\d+(?:{_SPACES}\d{{3}}(?!\d))*(?:[.,]\d+)*")
_SCALES = (
    (re.compile(r"thousand|тыс\.?|тысяч\w*", re.IGNORECASE), 1_000),
    (re.compile(r"million|mln|млн|миллион\w*", re.IGNORECASE), 1_000_000),
    (re.compile(r"billion|bln|млрд|миллиард\w*", re.IGNORECASE), 1_000_000_000),
    (re.compile(r"trillion|трлн|триллион\w*", re.IGNORECASE), 1_000_000_000_000),
)
_NUMERIC_DATE_MONTH = (
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), 0),  # US 3/5/2023: the first number is the month
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), 1),  # 05.03.2023: the second
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), 1),  # ISO
)



def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def readings(number: str) -> set[Decimal]:
    """Every value a written number can have in English or Russian (1,500: 1500 or 1.5)."""
    compact = re.sub(_SPACES, "", number)
    found: set[Decimal | None] = set()
    if "," in compact and "." in compact:
        decimal_mark = "," if compact.rfind(",") > compact.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        found.add(_decimal(compact.replace(group_mark, "").replace(decimal_mark, ".")))
    else:
        for mark in ",.":
            if mark in compact:
                if re.fullmatch(rf"\d{{1,3}}(?:\{mark}\d{{3}})+", compact):
                    found.add(_decimal(compact.replace(mark, "")))
                if compact.count(mark) == 1:
                    found.add(_decimal(compact.replace(mark, ".")))
        if "," not in compact and "." not in compact:
            found.add(_decimal(compact))
    return {value for value in found if value is not None}


def _scale_after(text: str, end: int) -> int:
    following = text[end : end + 14].lstrip(" \u00a0\u202f")
    for pattern, factor in _SCALES:
        if pattern.match(following):
            return factor
    return 1


_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def values_in(text: str) -> set[Decimal]:
    """Every value of every number written in a text: in figures in any convention, scaled ones both ways
    (1,5 млн: 1.5 and 1500000), space-separated groups also one by one (0800 555 111), and number words."""
    values: set[Decimal] = set()
    for match in _NUMBER.finditer(text):
        found = readings(match.group())
        found |= {v for group in re.split(_SPACES, match.group()) for v in readings(group)}
        factor = _scale_after(text, match.end())
        values |= found | {value * factor for value in found}
    from translit.pairs.languages import known_languages

    languages = [rules for rules in known_languages() if rules.may_be_written_in(text)]
    for word in _WORD.findall(text):
        for rules in languages:
            value = rules.number_value(word)
            if value is not None:
                values.add(value)
    return {value.normalize() for value in values}


def source_values(text: str, lang: str, kind: str) -> list[set[Decimal]]:
    """The values a span of the source holds, each as the set of its acceptable readings."""
    if kind == SpanKind.DATE:
        for pattern, month in _NUMERIC_DATE_MONTH:
            matched = pattern.match(text.strip())
            if matched:
                return [{Decimal(part).normalize()} for i, part in enumerate(matched.groups()) if i != month]
    wanted: list[set[Decimal]] = []
    for match in _NUMBER.finditer(text):
        number = match.group()
        compact = re.sub(_SPACES, "", number)
        # The source's own convention decides: 1,500 is 1500 in English, 1,5 is 1.5 in Russian.
        convention = _decimal_comma(lang)
        if convention is False:
            value = _decimal(compact.replace(",", ""))
        elif convention:
            value = _decimal(compact.replace(".", "").replace(",", ".")) if "," in compact else _decimal(compact)
        else:
            value = None
        options = {value} if value is not None else readings(number)
        factor = _scale_after(text, match.end())
        options |= {v * factor for v in options}
        if kind == SpanKind.TIME and not wanted:
            hour = int(next(iter(options)))
            options = {Decimal(hour % 12), Decimal(hour % 12 + 12), Decimal(hour)}
        elif kind == SpanKind.TIME and options == {Decimal(0)}:
            continue  # "15:00" -> "3 p.m.": no minutes written
        wanted.append({v.normalize() for v in options})
    return wanted


def _decimal_comma(lang: str) -> bool | None:
    """Whether the language writes 1,5 for one and a half; None when translit does not know it."""
    from translit.pairs import language

    try:
        return language(lang).decimal_comma
    except ValueError:
        return None


def check_value(hit: TermHit, kind: str, target_text: str, source_lang: str) -> TermUse | None:
    """A number-like span: present when each of its values is in the translation, else flagged."""
    wanted = source_values(hit.source_text, source_lang, kind)
    if not wanted:
        return None
    have = values_in(target_text)
    missing = [options for options in wanted if not options & have]
    if not missing:
        return TermUse(hit, TermStatus.PRESENT)  # present by value, in whatever convention the translation uses
    shown = min(missing[0])
    value = _plain(shown)
    return TermUse(hit, TermStatus.FLAGGED, "", i18n.flag("number", value), flag="number", flag_value=value)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- names ------------------------------------------------------------------------------------------------

_ACCENTS = str.maketrans("áàâäãåéèêëíìîïóòôöõúùûüñçýÿ", "aaaaaaeeeeiiiiooooouuuuncyy")
_KEY_STEPS = (
    ("ce", "se"), ("ci", "si"), ("cy", "sy"), ("shch", "s"), ("sch", "s"), ("tch", "C"),
    ("dzh", "g"), ("zh", "g"), ("dj", "g"), ("dg", "g"), ("j", "g"),
    ("kh", "h"), ("ch", "C"), ("sh", "s"), ("ts", "s"), ("tz", "s"), ("ph", "f"), ("th", "t"), ("ck", "k"),
    ("q", "k"), ("x", "ks"), ("z", "s"), ("c", "k"), ("C", "c"), ("h", ""), ("w", ""), ("v", ""),
)
_INITIAL_W = re.compile(r"^(?:w|u(?=[aeio])|v)")
_VOWELS = re.compile(r"[aeiouy'’\-]")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’-][A-Za-zÀ-ÿ]+)*")
_UKRAINIAN_LETTERS = re.compile(r"[ІіЇїЄєҐґ]")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґЎў]+(?:['’-][А-Яа-яЁёІіЇїЄєҐґЎў]+)*")


def phonetic_key(word: str) -> str:
    """A consonant skeleton of a name that transcriptions share (Janes, Джейнс, Dzheins: 'gns')."""
    from translit.romanize import romanize

    if _CYRILLIC_WORD.fullmatch(word):
        word = romanize(word, "uk" if _UKRAINIAN_LETTERS.search(word) else "ru", "passport")
    key = word.lower().translate(_ACCENTS)
    # A W is written У or В in Russian (Warren: Уоррен, Watson: Уотсон); elsewhere w and v come and go
    # (Edwards: Эдвардс, Dwyer: Дуайер, Browne: Браун), so only an initial one counts.
    initial = "V" if _INITIAL_W.match(key) else ""
    key = _INITIAL_W.sub("", key)
    for old, new in _KEY_STEPS:
        key = key.replace(old, new)
    key = initial + _VOWELS.sub("", key)
    return re.sub(r"(.)\1+", r"\1", key.lower())


def _close(source: str, target: str) -> bool:
    if source == target:
        return True
    # Russian endings add a consonant to the skeleton (Джонсоном: +m), on either side of the pair.
    short, long = sorted((source, target), key=len)
    if long.startswith(short) and len(long) - len(short) <= 2 and len(short) >= 2:
        return True
    return len(source) >= 4 and _edit_distance(source, target) <= 1


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def name_in(name: str, target_text: str) -> str | None:
    """The word of the translation that renders the name's last word (its surname), if any."""
    words = _LATIN_WORD.findall(name) or _CYRILLIC_WORD.findall(name)
    if not words:
        return None
    key = phonetic_key(words[-1])
    for match in (*_LATIN_WORD.finditer(target_text), *_CYRILLIC_WORD.finditer(target_text)):
        for part in re.split(r"[-'’]", match.group()):
            if part and (_close(key, phonetic_key(part)) if len(key) >= 2 else key == phonetic_key(part)):
                return match.group()
    return None


def check_name(hit: TermHit, target_text: str) -> TermUse:
    found = name_in(hit.source_text, target_text)
    if found is not None:
        return TermUse(hit, TermStatus.PRESENT, found)
    name = hit.source_text
    return TermUse(hit, TermStatus.FLAGGED, "", i18n.flag("name", name), flag="name", flag_value=name)
