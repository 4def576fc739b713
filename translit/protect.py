"""Spans of a sentence that must never be mistranslated: identifiers, numbers, dates, names, places.

`find_protected(text, source_lang, target_lang)` returns, for one sentence, every span a translation
must carry over, each with the renderings acceptable in the target language (preferred first):

- kept verbatim: URLs, e-mail addresses, phone numbers, A-numbers, USCIS form numbers, case and
  receipt numbers, amounts in dollars ("$1,500" stays "$1,500"), percentages, Latin acronyms;
- converted to the target's convention where one exists: dates (March 5, 2023 <-> 5 марта 2023 г.),
  US times (10:30 a.m. -> 10:30), number separators (1,500 <-> 1 500; 2.5 <-> 2,5), scaled amounts
  ($2.5 million -> $2,5 млн), a few acronyms with an established Russian form (FBI <-> ФБР);
- people's names and places: see translit.names.

Conventions are applied only between English and Russian; for any other target every span is kept
as written. Overlapping candidates: the longest wins (ties by KINDS order), so "March 5, 2023" is one
date, not a date and a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from translit.document import ProtectedSpan

if TYPE_CHECKING:
    from translit.names import NameBook

__all__ = ["KINDS", "ProtectedSpan", "find_protected", "pattern_spans", "resolve_overlaps"]

KINDS = (
    "url", "email", "a_number", "case_number", "form", "phone", "date", "time", "amount", "percent",
    "place", "name", "acronym", "number",
)
"""Every kind of span, in the order that breaks ties between overlapping spans of equal length."""


# --- shared pieces -----------------------------------------------------------------------------------

_SPACE = "[ \u00a0\u202f]"
_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_EN_MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}
_RU_MONTHS_NOM = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)
_RU_MONTHS_GEN = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
_RU_MONTHS_LOC = (
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
)
_RU_MONTH_NUMBER = {
    name: index + 1
    for forms in (_RU_MONTHS_NOM, _RU_MONTHS_GEN, _RU_MONTHS_LOC)
    for index, name in enumerate(forms)
}


def _en_month_number(word: str) -> int:
    word = word.rstrip(".")
    if word in _EN_MONTHS:
        return _EN_MONTHS.index(word) + 1
    return _EN_MONTH_ABBREVIATIONS[word]


def _dedupe(forms: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for f in forms if f))


def _en_number(value: str) -> str:
    """A number written the English way: 1500 -> 1,500; 2.5 stays 2.5."""
    whole, _, fraction = value.partition(".")
    grouped = f"{int(whole):,}" if whole.isdigit() else whole
    return grouped + (f".{fraction}" if fraction else "")


def _ru_number(value: str, group: bool = True) -> str:
    """A number written the Russian way: 15000 -> 15 000 (from five digits on), 1500 stays, 2.5 -> 2,5."""
    whole, _, fraction = value.partition(".")
    if group and whole.isdigit() and len(whole) > 4:
        whole = f"{int(whole):,}".replace(",", " ")
    return whole + (f",{fraction}" if fraction else "")


def _value_from_en(text: str) -> str:
    return text.replace(",", "")


def _value_from_ru(text: str) -> str:
    return re.sub(_SPACE, "", text).replace(",", ".")


# --- verbatim identifiers ----------------------------------------------------------------------------

_TRAILING_PUNCTUATION = ".,;:!?'\"»”’)]}"
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"«»“”]+"
    r"|(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:gov|com|org|net|edu|mil|us|ru|ua|io|info)"
    r"(?:/[^\s<>\"«»“”]*)?(?![\w@])",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"  # US: (202) 555-0143, 1-800-375-5283
    r"|\+7[\s-]?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}"  # Russia: +7 (495) 123-45-67
    r"|8[\s-]?\(\d{3,4}\)[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2}"  # Russia, domestic: 8 (495) 123-45-67
    r"|\+(?:[2-689]\d{0,2})(?:[\s-]?\(?\d{1,4}\)?){2,5}"  # any other international number
    r")(?![\w-])"
)
_A_NUMBER = re.compile(r"(?<![\w-])[AА]-?(?:\d{3}-?\d{3}-?\d{3}|\d{2}-?\d{3}-?\d{3})(?![\w-])")
_FORM = re.compile(r"(?<![\w-])(?:I|N|G|DS|AR|EOIR|SS|OF|SF|W)-\d{1,4}[A-Z]{0,2}(?![\w-])")
_CASE_NUMBER = re.compile(
    r"(?<![\w-])(?:"
    r"(?:EAC|WAC|LIN|SRC|NBC|MSC|IOE|YSC|ZLA|ZNY|ZSF|ZHN|ZMI|ZBO|ZCH|ZDA|ZAT|ZNK|ZPH|ZSE|ZWA|[A-Z]{3})\d{10}"
    r"|(?:EAC|WAC|LIN|SRC|NBC|MSC|IOE|YSC)-\d{2}-\d{3}-\d{5}"
    r"|(?:\d:)?\d{2}-(?:cv|cr|mj|mc)-\d{3,6}(?:-[A-Z]{2,4})?"  # federal court docket
    r")(?![\w-])"
)


def _trim_url(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
        if text[end - 1] == ")" and text[start:end].count("(") >= text[start:end].count(")"):
            break
        end -= 1
    return start, end


# --- numbers, amounts, percentages ---------------------------------------------------------------------

_EN_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_RU_NUMBER = rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?"
_EN_SCALES = {"thousand": "тыс.", "million": "млн", "billion": "млрд", "trillion": "трлн"}
_EN_AMOUNT = re.compile(
    rf"(?<![\w$€£])(?:US)?(?P<currency>[$€£])\s?(?P<number>{_EN_NUMBER})"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion)(?![\w]))?"
    rf"|(?<![\w.,])(?P<number2>{_EN_NUMBER})\s(?P<unit>dollars|USD|rubles|roubles|euros)(?!\w)"
)
_RU_SCALES = {
    "тыс.": "thousand", "тысяча": "thousand", "тысячи": "thousand", "тысяч": "thousand",
    "млн": "million", "миллион": "million", "миллиона": "million", "миллионов": "million",
    "млрд": "billion", "миллиард": "billion", "миллиарда": "billion", "миллиардов": "billion",
}
_RU_SCALE = r"тыс\.|тысяч[аи]?|млн|миллион(?:а|ов)?|млрд|миллиард(?:а|ов)?"
_RU_CURRENCIES = {
    "долларов": "$", "доллара": "$", "доллар": "$", "долл.": "$", "$": "$", "USD": "$",
    "рублей": "RUB", "рубля": "RUB", "рубль": "RUB", "руб.": "RUB", "₽": "RUB",
    "евро": "€", "€": "€",
}
_RU_AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<number>{_RU_NUMBER})(?:{_SPACE}?(?P<scale>{_RU_SCALE}))?{_SPACE}?"
    r"(?P<currency>долларов|доллара|доллар|долл\.|USD|\$|рублей|рубля|рубль|руб\.|₽|евро|€)(?![\w])"
    rf"|(?<![\w$])(?P<prefix>[$€])\s?(?P<number2>{_RU_NUMBER})(?:{_SPACE}?(?P<scale2>{_RU_SCALE}))?(?![\w])"
)
_EN_PERCENT = re.compile(
    rf"(?<![\w.,])(?P<number>{_EN_NUMBER})(?P<sign>{_SPACE}?%|\spercent(?!\w)|\sper cent(?!\w))"
)
_RU_PERCENT = re.compile(rf"(?<![\w.,])(?P<number>{_RU_NUMBER})(?P<sign>{_SPACE}?%|\sпроцент(?:а|ов)?(?!\w))")
_NUMBER = {
    "en": re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{2,})(?![\w]|[.,]\d)"),
    "ru": re.compile(
        rf"(?<![\w.,])(?:\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?|\d+,\d+|\d{{2,}})(?![\w]|[.,]\d)"
    ),
}


def _ru_scale_word(value: str, scale: str) -> str:
    """миллион / миллиона / миллионов as the number in front of it requires."""
    stems = {"million": "миллион", "billion": "миллиард", "thousand": "тысяч"}
    stem = stems.get(scale, "")
    if not stem:
        return ""
    if "." in value:
        ending = ("и" if scale == "thousand" else "а")
    else:
        number = int(value)
        if number % 10 == 1 and number % 100 != 11:
            ending = "а" if scale == "thousand" else ""
        elif 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
            ending = "и" if scale == "thousand" else "а"
        else:
            ending = "" if scale == "thousand" else "ов"
    return stem + ending


def _en_amount_forms(match: re.Match[str], target: str) -> tuple[str, ...]:
    text = match.group()
    if target != "ru" or match.group("number") is None:
        return (text,)
    scale = match.group("scale")
    if not scale:
        return (text,)  # "$1,500" is kept exactly as written
    currency = match.group("currency")
    value = _value_from_en(match.group("number"))
    number = _ru_number(value)
    currency_word = {"$": "долларов", "€": "евро", "£": "фунтов"}[currency]
    return _dedupe((
        f"{currency}{number} {_EN_SCALES[scale]}",
        f"{number} {_EN_SCALES[scale]} {currency_word}",
        f"{number} {_ru_scale_word(value, scale)} {currency_word}",
        text,
    ))


def _ru_amount_forms(match: re.Match[str], target: str) -> tuple[str, ...]:
    text = match.group()
    if target != "en":
        return (text,)
    number = match.group("number") or match.group("number2")
    scale_word = match.group("scale") or match.group("scale2") or ""
    currency = _RU_CURRENCIES.get(match.group("currency") or match.group("prefix"), "$")
    value = _value_from_ru(number)
    scale = _RU_SCALES.get(scale_word.lower(), "")
    amount = _en_number(value) + (f" {scale}" if scale else "")
    if currency == "RUB":
        return (f"{amount} rubles", f"{amount} roubles", f"RUB {amount}")
    if currency == "€":
        return (f"€{amount}", f"{amount} euros")
    return (f"${amount}", f"{amount} dollars")


def _percent_forms(match: re.Match[str], source: str, target: str) -> tuple[str, ...]:
    text = match.group()
    number = match.group("number")
    if {source, target} != {"en", "ru"}:
        return (text,)
    if source == "en":
        value = _value_from_en(number)
        converted = _ru_number(value)
        written = text if "%" in text else ""
        return _dedupe((written, f"{number}%", f"{number} %", f"{converted}%", f"{converted} %"))
    value = _value_from_ru(number)
    converted = _en_number(value)
    return _dedupe((f"{converted}%", f"{converted} %", f"{converted} percent"))


def _number_forms(text: str, source: str, target: str) -> tuple[str, ...]:
    if {source, target} != {"en", "ru"}:
        return (text,)
    if source == "en":
        value = _value_from_en(text)
        if "," in text:  # "1,500" would read as one and a half in Russian: never keep it
            whole, _, fraction = value.partition(".")
            spaced = f"{int(whole):,}".replace(",", " ") + (f",{fraction}" if fraction else "")
            return _dedupe((_ru_number(value), spaced, _ru_number(value, group=False)))
        return _dedupe((_ru_number(value), text))
    value = _value_from_ru(text)
    return _dedupe((_en_number(value), value))


# --- dates and times -------------------------------------------------------------------------------------

_EN_MONTH = "|".join(_EN_MONTHS) + "|" + "|".join(rf"{m}\.?" for m in _EN_MONTH_ABBREVIATIONS)
_EN_DATES = (
    re.compile(
        rf"(?<!\w)(?P<month>{_EN_MONTH})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s(?P<year>\d{{4}})(?!\d))?"
    ),
    re.compile(rf"(?<![\w.,])(?P<day>\d{{1,2}})\s(?P<month>{_EN_MONTH})(?:,?\s(?P<year>\d{{4}})(?!\d))?"),
    re.compile(rf"(?<!\w)(?P<month>{_EN_MONTH})(?:\sof)?\s(?P<year>\d{{4}})(?!\d)"),
)
_RU_MONTH = "|".join(_RU_MONTH_NUMBER)
_RU_YEAR_WORD = r"(?:\s?г\.|\sгода|\sгоду|\sг(?!\w))?"
_RU_DATES = (
    re.compile(
        rf"(?<![\w.,])(?P<day>\d{{1,2}})\s(?P<month>{_RU_MONTH})(?!\w)(?:\s(?P<year>\d{{4}}){_RU_YEAR_WORD})?",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<!\w)(?P<month>{_RU_MONTH})\s(?P<year>\d{{4}}){_RU_YEAR_WORD}", re.IGNORECASE),
)
_US_NUMERIC_DATE = re.compile(r"(?<![\w/.])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})(?![\w/])")
_RU_NUMERIC_DATE = re.compile(r"(?<![\w.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\w]|\.\d)")
_ISO_DATE = re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])")
_EN_TIME = re.compile(
    r"(?<![\w:.])(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s?(?P<half>[ap]\.m\.|[AP]\.M\.|[ap]m|[AP]M)(?!\w)"
)
_CLOCK_TIME = re.compile(r"(?<![\w:.])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\w:]|\.\d)")


def _valid_date(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _ru_date_forms(day: int | None, month: int, year: str | None) -> tuple[str, ...]:
    if day is not None:
        base = f"{day} {_RU_MONTHS_GEN[month - 1]}"
        return (f"{base} {year} г.", f"{base} {year} года") if year else (base,)
    months = (_RU_MONTHS_NOM[month - 1], _RU_MONTHS_LOC[month - 1], _RU_MONTHS_GEN[month - 1])
    return tuple(f"{name} {year} {word}" for word in ("г.", "года") for name in months)


def _en_date_forms(day: int | None, month: int, year: str | None) -> tuple[str, ...]:
    name = _EN_MONTHS[month - 1]
    if day is None:
        return (f"{name} {year}",)
    if year is None:
        return (f"{name} {day}", f"{day} {name}")
    return (f"{name} {day}, {year}", f"{day} {name} {year}")


def _date_spans(text: str, source: str, target: str) -> list[ProtectedSpan]:
    spans: list[ProtectedSpan] = []

    def add(match: re.Match[str], day: int | None, month: int, year: str | None, keep: bool) -> None:
        if day is not None and not _valid_date(day, month):
            return
        written = match.group()
        if target == "ru" and source != "ru":
            forms = _ru_date_forms(day, month, year) + ((written,) if keep else ())
        elif target == "en" and source != "en":
            forms = _en_date_forms(day, month, year) + ((written,) if keep else ())
        else:
            forms = (written,)
        spans.append(ProtectedSpan(match.start(), match.end(), "date", written, _dedupe(forms)))

    def day_of(match: re.Match[str]) -> int | None:
        return int(match.group("day")) if match.groupdict().get("day") else None

    if source == "en":
        for pattern in _EN_DATES:
            for m in pattern.finditer(text):
                add(m, day_of(m), _en_month_number(m.group("month")), m.group("year"), False)
        for m in _US_NUMERIC_DATE.finditer(text):
            # A day above 12 in the first place is not a US date: keep it as written.
            if int(m.group("month")) > 12:
                spans.append(ProtectedSpan(m.start(), m.end(), "date", m.group(), (m.group(),)))
            else:
                add(m, int(m.group("day")), int(m.group("month")), m.group("year"), False)
    if source == "ru":
        for pattern in _RU_DATES:
            for m in pattern.finditer(text):
                add(m, day_of(m), _RU_MONTH_NUMBER[m.group("month").lower()], m.group("year"), False)
        for m in _RU_NUMERIC_DATE.finditer(text):
            add(m, int(m.group("day")), int(m.group("month")), m.group("year"), target != "en")
    for m in _ISO_DATE.finditer(text):
        add(m, int(m.group("day")), int(m.group("month")), m.group("year"), True)
    return spans


def _iso_first(span: ProtectedSpan) -> ProtectedSpan:
    """ISO dates are unambiguous everywhere: the written form is preferred."""
    if _ISO_DATE.fullmatch(span.source_text):
        forms = (span.source_text, *(f for f in span.forms if f != span.source_text))
        return ProtectedSpan(span.start, span.end, span.kind, span.source_text, forms, span.note)
    return span


def _time_spans(text: str, source: str, target: str) -> list[ProtectedSpan]:
    spans = []
    if source == "en":
        for m in _EN_TIME.finditer(text):
            hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
            if not 1 <= hour <= 12 or minute > 59:
                continue
            afternoon = m.group("half").lower().startswith("p")
            hour24 = (hour % 12) + (12 if afternoon else 0)
            twelve_hour: tuple[str, ...] = (f"{hour24}:{minute:02d}",) if target == "ru" else (m.group(),)
            spans.append(ProtectedSpan(m.start(), m.end(), "time", m.group(), twelve_hour))
    for m in _CLOCK_TIME.finditer(text):
        forms: tuple[str, ...] = (m.group(),)
        if source == "ru" and target == "en":
            clock_hour, clock_minute = int(m.group("hour")), m.group("minute")
            half = "a.m." if clock_hour < 12 else "p.m."
            twelve = clock_hour % 12 or 12
            on_the_hour = f"{twelve} {half}" if clock_minute == "00" else ""
            forms = _dedupe((m.group(), f"{twelve}:{clock_minute} {half}", on_the_hour))
        spans.append(ProtectedSpan(m.start(), m.end(), "time", m.group(), forms))
    return spans


# --- acronyms ---------------------------------------------------------------------------------------------

_LATIN_ACRONYM = re.compile(r"(?<![\w&.-])[A-Z]{2,6}(?=['’]s(?!\w)|s(?!\w)|(?![\w&]))")
_CYRILLIC_ACRONYM = re.compile(r"(?<![\w-])[А-ЯЁ]{2,6}(?![\w-])")
_ROMAN = re.compile(r"(?=[IVXL]+$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_NOT_ACRONYMS = frozenset({"OK", "AM", "PM"})
# Acronyms with an established rendering in the other language; all others are kept as written.
_EN_TO_RU_ACRONYMS = {
    "UN": ("ООН",), "EU": ("ЕС", "Евросоюз"), "FBI": ("ФБР",), "CIA": ("ЦРУ",), "NATO": ("НАТО",),
    "USSR": ("СССР",), "WHO": ("ВОЗ",), "UNHCR": ("УВКБ ООН", "UNHCR"), "FSB": ("ФСБ",),
}
_RU_TO_EN_ACRONYMS = {
    "США": ("US", "U.S.", "USA"), "ООН": ("UN", "U.N."), "ЕС": ("EU",), "ФБР": ("FBI",), "ЦРУ": ("CIA",),
    "НАТО": ("NATO",), "СССР": ("USSR", "Soviet Union"), "ФСБ": ("FSB",), "ВОЗ": ("WHO",),
    "МВД": ("Interior Ministry", "Ministry of Internal Affairs", "MVD"),
    "МИД": ("Foreign Ministry", "Ministry of Foreign Affairs"), "РФ": ("Russia", "Russian Federation"),
    "ФМС": ("Federal Migration Service", "FMS"),
}


def _shouting(text: str) -> bool:
    """A headline in capitals: its words are not acronyms."""
    words = re.findall(r"[A-Za-z]{2,}", text)
    return len(words) >= 4 and sum(w.isupper() for w in words) >= 0.6 * len(words)


def _acronym_spans(text: str, source: str, target: str) -> list[ProtectedSpan]:
    spans = []
    if not _shouting(text):
        for m in _LATIN_ACRONYM.finditer(text):
            word = m.group()
            if word in _NOT_ACRONYMS or _ROMAN.fullmatch(word):
                continue
            # "WHO" in capitals is the organisation only where it is not a shouted question word.
            forms = _EN_TO_RU_ACRONYMS.get(word, (word,)) if (source, target) == ("en", "ru") else (word,)
            spans.append(ProtectedSpan(m.start(), m.end(), "acronym", word, forms))
    if source == "ru" and target == "en":
        for m in _CYRILLIC_ACRONYM.finditer(text):
            if m.group() in _RU_TO_EN_ACRONYMS:
                forms = _RU_TO_EN_ACRONYMS[m.group()]
                spans.append(ProtectedSpan(m.start(), m.end(), "acronym", m.group(), forms))
    return spans


# --- assembling -------------------------------------------------------------------------------------------


def _regex_spans(text: str, pattern: re.Pattern[str], kind: str) -> list[ProtectedSpan]:
    return [ProtectedSpan(m.start(), m.end(), kind, m.group(), (m.group(),)) for m in pattern.finditer(text)]


def _url_spans(text: str) -> list[ProtectedSpan]:
    spans = []
    for m in _URL.finditer(text):
        start, end = _trim_url(text, m.start(), m.end())
        if end > start:
            spans.append(ProtectedSpan(start, end, "url", text[start:end], (text[start:end],)))
    return spans


def _amount_spans(text: str, source: str, target: str) -> list[ProtectedSpan]:
    if source == "ru":
        pattern, forms_of = _RU_AMOUNT, _ru_amount_forms
    else:
        pattern, forms_of = _EN_AMOUNT, _en_amount_forms
    return [
        ProtectedSpan(m.start(), m.end(), "amount", m.group(), forms_of(m, target))
        for m in pattern.finditer(text)
    ]


def _percent_spans(text: str, source: str, target: str) -> list[ProtectedSpan]:
    pattern = _RU_PERCENT if source == "ru" else _EN_PERCENT
    return [
        ProtectedSpan(m.start(), m.end(), "percent", m.group(), _percent_forms(m, source, target))
        for m in pattern.finditer(text)
    ]


def _decimal_comma(lang: str) -> bool:
    """Whether numbers of the language group thousands with spaces and write 1,5 (Russian, Ukrainian)."""
    from translit.pairs import language

    try:
        return language(lang).decimal_comma
    except ValueError:
        return False


def _number_spans(text: str, source: str, target: str) -> list[ProtectedSpan]:
    pattern = _NUMBER["ru" if _decimal_comma(source) else "en"]
    return [
        ProtectedSpan(m.start(), m.end(), "number", m.group(), _number_forms(m.group(), source, target))
        for m in pattern.finditer(text)
    ]


def pattern_spans(text: str, source_lang: str, target_lang: str) -> list[ProtectedSpan]:
    """Every candidate span found by patterns (names and places excluded), overlaps included."""
    finders: tuple[Callable[[], Iterable[ProtectedSpan]], ...] = (
        lambda: _url_spans(text),
        lambda: _regex_spans(text, _EMAIL, "email"),
        lambda: _regex_spans(text, _PHONE, "phone"),
        lambda: _regex_spans(text, _A_NUMBER, "a_number"),
        lambda: _regex_spans(text, _FORM, "form"),
        lambda: _regex_spans(text, _CASE_NUMBER, "case_number"),
        lambda: _amount_spans(text, source_lang, target_lang),
        lambda: _percent_spans(text, source_lang, target_lang),
        lambda: map(_iso_first, _date_spans(text, source_lang, target_lang)),
        lambda: _time_spans(text, source_lang, target_lang),
        lambda: _acronym_spans(text, source_lang, target_lang),
        lambda: _number_spans(text, source_lang, target_lang),
    )
    return [span for find in finders for span in find()]


def resolve_overlaps(candidates: Iterable[ProtectedSpan]) -> tuple[ProtectedSpan, ...]:
    """Non-overlapping spans, sorted by start: the longest wins, ties go to the kind earlier in KINDS."""
    chosen: list[ProtectedSpan] = []
    ranked = sorted(candidates, key=lambda s: (-(s.end - s.start), KINDS.index(s.kind), s.start))
    for span in ranked:
        if all(span.end <= other.start or other.end <= span.start for other in chosen):
            chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: s.start))


def find_protected(
    text: str, source_lang: str, target_lang: str, *, names: NameBook | None = None
) -> tuple[ProtectedSpan, ...]:
    """Spans of one sentence that must be carried into the translation, with their acceptable forms.

    `names` is the document's NameBook (build it once per document with NameBook.from_sentences, so a
    surname mentioned alone later is recognised and rendered the same way); without it the sentence is
    its own document.
    """
    from translit.names import NameBook, find_places

    book = names if names is not None else NameBook.from_sentences([text], source_lang)
    candidates = pattern_spans(text, source_lang, target_lang)
    candidates += find_places(text, source_lang, target_lang)
    candidates += book.find(text, target_lang)
    return resolve_overlaps(candidates)
