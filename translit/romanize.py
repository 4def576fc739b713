"""Cyrillic -> Latin romanization of names the way official documents do it.

A migrant's name on US documents follows the passport, so the default system is the one the
person's country prints in its passports. Tables are written from the standards:

Russian (lang="ru")
  passport, icao  ICAO Doc 9303 table, used in Russian passports since 2014: ё -> e, й -> i,
                  ъ -> ie, ь omitted, ю -> iu, я -> ia. No context rules.
  bgn             BGN/PCGN 1947 in its full form: е -> ye and ё -> yë word-initially, after a vowel
                  and after й, ъ, ь (otherwise e, ë); й -> y; ъ -> ” (U+201D); ь -> ’ (U+2019).
                  The optional middle-dot separators of the standard (t·s, sh·ch, y·a, ·e ...) are
                  not written.
  gost            GOST 7.79-2000 system B: ц -> c before i, e, y, j (that is before и, е, ё, й, ы,
                  э, ю, я) and cz elsewhere; щ -> shh; х -> x; й -> j; ё -> yo; ъ -> ``; ь -> `;
                  ы -> y`; э -> e`. Marks use the ASCII grave accent.

Ukrainian (lang="uk")
  passport, bgn   National system of Cabinet of Ministers resolution No. 55 of 27 January 2010, used in
                  Ukrainian passports; BGN/PCGN adopted the same table for Ukrainian in 2019. є, ї, й,
                  ю, я are ye, yi, y, yu, ya at the start of a word and ie, i, i, iu, ia elsewhere;
                  г -> h but зг -> zgh (so it is not read as ж = zh); ь and the apostrophe are omitted.
  icao and gost are refused for Ukrainian: Doc 9303 and GOST 7.79 have Ukrainian rows that differ
  from what Ukrainian passports print (Doc 9303: г -> g), and offering them next to "passport" would
  invite a wrong spelling of a name.

Belarusian is not implemented and is refused with LanguageError, as is any other language.

Behaviour common to all systems: the case of every letter is kept (Щукин -> Shchukin,
ЩУКИН -> SHCHUKIN: a multi-letter output is written in capitals when the neighbouring letter in
the word is a capital); characters that are not letters of the chosen alphabet (Latin, digits,
punctuation, spacing, letters of other Cyrillic alphabets) are left as they are; stress marks on
Cyrillic letters are dropped, and decomposed й/ё/ї are composed first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from translit.errors import InputError, LanguageError

_APOSTROPHES = frozenset("'\u2019\u02bc")
_CYRILLIC_WITH_MARKS = re.compile(r"[\u0400-\u04ff][\u0300-\u036f]+")

# A rule looks at the lowercased text around position i and returns the romanization of the
# character there, or None to let the plain letter table decide.
_Rule = Callable[[Sequence[str], int], "str | None"]


@dataclass(frozen=True)
class _Scheme:
    letters: Mapping[str, str]
    rules: tuple[_Rule, ...] = field(default=())


# ---------------------------------------------------------------- context helpers


def _is_mark(char: str) -> bool:
    return unicodedata.combining(char) != 0


def _previous_index(chars: Sequence[str], i: int) -> int | None:
    j = i - 1
    while j >= 0 and _is_mark(chars[j]):
        j -= 1
    return j if j >= 0 else None


def _next_index(chars: Sequence[str], i: int) -> int | None:
    j = i + 1
    while j < len(chars) and _is_mark(chars[j]):
        j += 1
    return j if j < len(chars) else None


def _is_inner_apostrophe(chars: Sequence[str], i: int) -> bool:
    """An apostrophe between two letters belongs to the word (Ukrainian м'ясо); others are quotes."""
    if chars[i] not in _APOSTROPHES:
        return False
    before, after = _previous_index(chars, i), _next_index(chars, i)
    return before is not None and after is not None and chars[before].isalpha() and chars[after].isalpha()


def _starts_word(chars: Sequence[str], i: int) -> bool:
    j = _previous_index(chars, i)
    if j is None:
        return True
    return not (chars[j].isalpha() or _is_inner_apostrophe(chars, j))


def _previous_char(chars: Sequence[str], i: int) -> str:
    j = _previous_index(chars, i)
    return chars[j] if j is not None else ""


def _next_char(chars: Sequence[str], i: int) -> str:
    j = _next_index(chars, i)
    return chars[j] if j is not None else ""


# ---------------------------------------------------------------- tables

_ICAO_RU = MappingProxyType({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
})

_BGN_RU = MappingProxyType({
    **_ICAO_RU,
    "ё": "ë", "й": "y", "ъ": "\u201d", "ь": "\u2019", "ю": "yu", "я": "ya",
})

_GOST_B_RU = MappingProxyType({
    **_ICAO_RU,
    "ё": "yo", "й": "j", "х": "x", "ц": "cz", "щ": "shh", "ъ": "``", "ы": "y`", "ь": "`",
    "э": "e`", "ю": "yu", "я": "ya",
})

_NATIONAL_UK = MappingProxyType({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
})


# ---------------------------------------------------------------- special rules

_BGN_IOTATING = frozenset("аеёиоуыэюяйъь")
_BGN_IOTATED = MappingProxyType({"е": "ye", "ё": "yë"})


def _bgn_iotated_vowel(chars: Sequence[str], i: int) -> str | None:
    """BGN/PCGN: е, ё -> ye, yë word-initially, after a vowel and after й, ъ, ь."""
    if chars[i] not in _BGN_IOTATED:
        return None
    if _starts_word(chars, i) or _previous_char(chars, i) in _BGN_IOTATING:
        return _BGN_IOTATED[chars[i]]
    return None


def _gost_ts(chars: Sequence[str], i: int) -> str | None:
    """GOST 7.79 B: ц -> c when the next romanized letter is i, e, y or j; cz otherwise."""
    if chars[i] != "ц":
        return None
    return "c" if _GOST_B_RU.get(_next_char(chars, i), "")[:1] in {"i", "e", "y", "j"} else None


_UK_WORD_INITIAL = MappingProxyType({"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"})


def _uk_word_initial(chars: Sequence[str], i: int) -> str | None:
    """Ukrainian 2010: є ї й ю я take a leading y only at the start of a word."""
    if chars[i] in _UK_WORD_INITIAL and _starts_word(chars, i):
        return _UK_WORD_INITIAL[chars[i]]
    return None


def _uk_zgh(chars: Sequence[str], i: int) -> str | None:
    """Ukrainian 2010: зг -> zgh, so that it cannot be read as ж (zh)."""
    return "gh" if chars[i] == "г" and _previous_char(chars, i) == "з" else None


def _uk_apostrophe(chars: Sequence[str], i: int) -> str | None:
    """Ukrainian 2010: the apostrophe inside a word is not written (Знам'янка -> Znamianka)."""
    return "" if _is_inner_apostrophe(chars, i) else None


_ICAO_RU_SCHEME = _Scheme(_ICAO_RU)
_UK_SCHEME = _Scheme(_NATIONAL_UK, (_uk_apostrophe, _uk_word_initial, _uk_zgh))

_SCHEMES: Mapping[str, Mapping[str, _Scheme]] = MappingProxyType({
    "ru": MappingProxyType({
        "passport": _ICAO_RU_SCHEME,
        "icao": _ICAO_RU_SCHEME,
        "bgn": _Scheme(_BGN_RU, (_bgn_iotated_vowel,)),
        "gost": _Scheme(_GOST_B_RU, (_gost_ts,)),
    }),
    "uk": MappingProxyType({"passport": _UK_SCHEME, "bgn": _UK_SCHEME}),
})


# ---------------------------------------------------------------- public API


def supported_systems() -> dict[str, tuple[str, ...]]:
    """Language code -> the romanization systems available for it."""
    return {lang: tuple(systems) for lang, systems in _SCHEMES.items()}


def romanize(text: str, lang: str = "ru", system: str = "passport") -> str:
    """Romanize the Cyrillic letters of ``text``; everything else is kept as it is.

    ``lang`` is "ru" or "uk"; ``system`` is "passport" (the country's passport system: ICAO Doc
    9303 for Russian, the 2010 national system for Ukrainian), "icao", "bgn" or "gost"; see the
    module docstring for what each means and which combinations exist. Raises LanguageError for
    an unsupported combination and InputError when ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise InputError(f"romanize() needs text as a string, got {type(text).__name__}; pass str(...).")
    scheme = _scheme_for(lang, system)
    original = list(_compose_cyrillic(text))
    lowered = [c.lower() if len(c.lower()) == 1 else c for c in original]
    pieces = []
    for i, char in enumerate(original):
        latin = _romanize_at(scheme, lowered, i)
        pieces.append(char if latin is None else _with_case_of(latin, original, i))
    return "".join(pieces)


def _scheme_for(lang: str, system: str) -> _Scheme:
    lang_key = str(lang).strip().lower()
    system_key = str(system).strip().lower()
    scheme = _SCHEMES.get(lang_key, {}).get(system_key)
    if scheme is None:
        raise LanguageError(
            f"Romanization of language {lang!r} with system {system!r} is not supported. "
            f"Supported: {_describe_supported()}. Choose one of these pairs "
            "(\"passport\" gives the spelling printed in that country's passports)."
        )
    return scheme


def _describe_supported() -> str:
    return "; ".join(f"{lang}: {', '.join(systems)}" for lang, systems in supported_systems().items())


def _compose_cyrillic(text: str) -> str:
    """Compose decomposed Cyrillic letters (и + breve -> й) and drop stress marks left on them."""
    def compose(match: re.Match[str]) -> str:
        composed = unicodedata.normalize("NFC", match.group())
        return composed[0] + "".join(c for c in composed[1:] if c not in "\u0300\u0301")

    return _CYRILLIC_WITH_MARKS.sub(compose, text)


def _romanize_at(scheme: _Scheme, chars: Sequence[str], i: int) -> str | None:
    for rule in scheme.rules:
        latin = rule(chars, i)
        if latin is not None:
            return latin
    return scheme.letters.get(chars[i])


def _with_case_of(latin: str, chars: Sequence[str], i: int) -> str:
    """Lowercase romanization -> the case of the Cyrillic letter it replaces.

    A capital that becomes several Latin letters is all capitals inside an all-capitals word
    (ЩУКИН -> SHCHUKIN) and capitalized otherwise (Щукин -> Shchukin, Щ. -> Shch.).
    """
    if not chars[i].isupper() or not latin:
        return latin
    if len(latin) == 1 or _neighbour_is_capital(chars, i):
        return latin.upper()
    return latin[0].upper() + latin[1:]


def _neighbour_is_capital(chars: Sequence[str], i: int) -> bool:
    after = _next_char(chars, i)
    if after.isalpha():
        return after.isupper()
    before = _previous_char(chars, i)
    return before.isalpha() and before.isupper()
