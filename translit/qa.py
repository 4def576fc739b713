"""Quality checks of a finished translation, sentence by sentence: what CAT tools call QA.

They read the translation as it now stands, whoever wrote it (a model, a person editing, a memory, a
translation the user brought), and never change a word: each finding is a Flag for a person to look
at. Terms, names, numbers, dates, links and codes are checked where they are found (pipeline.py and
check.py); the checks here are about the sentence as a whole: left untranslated, words repeated in a
loop, cut short, a bracket or quotation mark without its pair, a number the source does not have, a
name spelled differently from the rest of the article.

Each check is tuned for precision on human translations (benchmarks/do_no_harm.py counts the flags
it raises on the NTREX-128 references): a flag a person learns to ignore is worse than none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from translit import i18n
from translit.document import Flag, FlagKind, Result, SentencePair, SpanKind

_WORD = re.compile(r"[^\W_]+(?:['’ʼ-][^\W_]+)*")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "kk", "mk", "sr", "ky", "tg", "mn"})

UNTRANSLATED_MIN_WORDS = 3
TRUNCATED_MIN_SOURCE_CHARS = 40
TRUNCATED_SHARE = 0.4
"""A translation shorter than 40 % of the length its source would have at the article's usual ratio."""
TRUNCATED_CUT_SHARE = 0.7
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'»”’)\]]*\s*$")
LOOP_MIN_COUNT = 4
"""A phrase of two or more words that occurs four times or more where the source has no such repeat (three is
rhetoric: "they come back different, they come back hardened, they come back wondering")."""

_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"))
_DOUBLE_QUOTES = '"“”„'


def script_of(lang: str) -> str:
    return "cyrillic" if lang in CYRILLIC_LANGUAGES else "latin"


def _in_script(word: str, script: str) -> bool:
    return bool((_CYRILLIC if script == "cyrillic" else _LATIN).search(word))


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


# --- one sentence -----------------------------------------------------------------------------------


def untranslated(source: str, target: str, source_lang: str, target_lang: str) -> Flag | None:
    """The translation is the source again, or (between languages of different scripts) its words are
    the source's words in the source's script."""
    words = _LETTER_WORD.findall(source)
    if len(words) < UNTRANSLATED_MIN_WORDS:
        return None
    if _fold(source) == _fold(target):
        return None if _in_a_third_language(source, source_lang, target_lang) else Flag(FlagKind.UNTRANSLATED)
    source_script, target_script = script_of(source_lang), script_of(target_lang)
    if source_script == target_script:
        return None
    target_words = _LETTER_WORD.findall(target)
    foreign = [w for w in target_words if _in_script(w, source_script) and not _in_script(w, target_script)]
    native = [w for w in target_words if _in_script(w, target_script)]
    source_words = {w.casefold() for w in words}
    copied = [w for w in foreign if w.casefold() in source_words]
    if len(copied) >= UNTRANSLATED_MIN_WORDS and len(native) * 4 < len(foreign):
        return Flag(FlagKind.UNTRANSLATED)
    return None


def _in_a_third_language(text: str, source_lang: str, target_lang: str) -> bool:
    """A sentence the article quotes in another language ("Il faut bien le faire."): a translation keeps it."""
    from translit.detect import detect_text

    found = detect_text(text)
    return found.known and found.lang not in (source_lang, target_lang)


def _ngrams(words: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]


_REPEAT = re.compile(r"(?<![\w'’-])((?:[^\W_]+(?:['’-][^\W_]+)*\s+){0,3}[^\W_]+(?:['’-][^\W_]+)*)\s+\1(?![\w'’-])",
                     re.IGNORECASE)


def _back_to_back(text: str) -> str | None:
    """The first phrase of 1-4 words said twice in a row with nothing but a space between ("в в",
    "of the of the"); "Нет, нет" and "нетопыри, нетопыри soprano" are writing, not a loop."""
    for match in _REPEAT.finditer(text):
        phrase = match.group(1)
        if not phrase.isdigit():
            return " ".join(phrase.split())
    return None


def _looped(words: Sequence[str]) -> tuple[str, ...] | None:
    for n in range(4, 1, -1):
        counts = Counter(_ngrams(words, n))
        for gram, count in counts.most_common(1):
            if count >= LOOP_MIN_COUNT:
                return gram
    return None


def repeated(source: str, target: str) -> Flag | None:
    """Words said twice in a row, or a phrase looping (LOOP_MIN_COUNT times), that the source does not repeat."""
    target_words = [w.casefold() for w in _WORD.findall(target)]
    source_words = [w.casefold() for w in _WORD.findall(source)]
    said_twice = _back_to_back(target)
    if said_twice is not None and _back_to_back(source) is None:
        return Flag(FlagKind.REPEATED, said_twice)
    found = _looped(target_words)
    if found is not None and _looped(source_words) is None:
        return Flag(FlagKind.REPEATED, " ".join(found))
    return None


def truncated(source: str, target: str, ratio: float) -> Flag | None:
    """Much shorter than the source would be at the article's ratio of translation to source length, or
    rather shorter and stopping without the full stop the source ends with (cut off mid-sentence)."""
    if len(source) < TRUNCATED_MIN_SOURCE_CHARS or not target:
        return None
    share = len(target) / (ratio * len(source))
    cut_off = _ENDS_SENTENCE.search(source) and not _ENDS_SENTENCE.search(target)
    if share < TRUNCATED_SHARE or (cut_off and share < TRUNCATED_CUT_SHARE):
        return Flag(FlagKind.TRUNCATED, f"{len(target)}/{len(source)}")
    return None


_SINGLE_QUOTE = re.compile(r"(?:^|(?<=[\s(\[{—–-]))['‘’‚‹›]|['‘’‚‹›](?=[\s.,;:!?)\]}—–-]|$)")


def _unbalanced_brackets(text: str) -> str:
    for opening, closing in _PAIRS[:3]:
        if text.count(opening) != text.count(closing):
            return opening if text.count(opening) > text.count(closing) else closing
    return ""


def _unbalanced_quotes(text: str) -> str:
    if "««" in text or "»»»" in text:
        return "««" if "««" in text else "»»»"
    opening, closing = text.count("«"), text.count("»")
    if opening > closing and _nested(text):
        return ""  # «a «b» c»: Russian often closes both with one mark («a «b»»), so a merged close is usual
    if opening != closing:
        return "«" if opening > closing else "»"
    if sum(text.count(mark) for mark in _DOUBLE_QUOTES) % 2:
        return next(mark for mark in _DOUBLE_QUOTES if mark in text)
    return ""


def _nested(text: str) -> bool:
    depth = 0
    for char in text:
        if char == "«":
            depth += 1
            if depth > 1:
                return True
        elif char == "»":
            depth = max(depth - 1, 0)
    return False


def brackets(source: str, target: str) -> Flag | None:
    """A bracket or quotation mark left without its pair in the translation, where the source pairs its own.

    A quotation often runs over several sentences, so quotes are judged only where the source's own
    pair up, and not where the source quotes with single marks (which an apostrophe looks like)."""
    found = _unbalanced_brackets(target)
    if found and not _unbalanced_brackets(source):
        return Flag(FlagKind.BRACKETS, found)
    found = _unbalanced_quotes(target)
    if found and not _unbalanced_quotes(source) and not _SINGLE_QUOTE.search(source):
        return Flag(FlagKind.BRACKETS, found)
    return None


_UNITS = re.compile(
    r"\b(?:inch|inches|foot|feet|ft|mile|miles|mph|lbs?|ounces?|oz|gallons?|yards?|acres?|fahrenheit|"
    r"degrees?|°|p\.?m\.?|a\.?m\.?|decades?|century|centuries|дюйм\w*|фут\w*|мил[ьияю]\w*|градус\w*|"
    r"километр\w*|метр\w*|kilomet\w*|met(?:er|re)s?|km|kg|kph|°[CF]|км|см|мм|кг|м|ч|час\w*|"
    r"десятилети\w*|век\w*|лет\w*)(?!\w)|\d(?:am|pm)\b|\d+s\b|\d+-е\b|\d:\d\d",
    re.IGNORECASE)
_TARGET_NUMBER = re.compile(r"(?<![\w.,:])\d+(?:[ \u00a0\u202f]\d{3}(?!\d))*(?:[.,]\d+)*(?![\w:]|[.,]\d)")


def extra_numbers(source: str, target: str) -> Flag | None:
    """A number in the translation that no reading of the source's numbers gives (a model's invention).

    Not judged where the source measures (inches, miles, degrees: a translation converts them), tells
    the time (3 p.m.: 15:00) or names decades (the 1930s: 30-е годы)."""
    from translit.check import values_in

    if not re.search(r"\d", target) or _UNITS.search(source) or _UNITS.search(target):
        return None
    wanted = values_in(source)
    for match in _TARGET_NUMBER.finditer(target):
        number = match.group()
        have = values_in(number)
        if have and not have & wanted:
            return Flag(FlagKind.EXTRA_NUMBER, number)
    return None


def _value_flagged(pair: SentencePair) -> bool:
    """A number of the source is already flagged as missing: one flag says enough (20 feet -> 6 метров)."""
    from translit.document import VALUE_KINDS

    return any(use.flagged and use.hit.span in VALUE_KINDS for use in pair.protected)


def sentence_checks(pair: SentencePair, source_lang: str, target_lang: str, ratio: float = 1.0) -> tuple[Flag, ...]:
    """The flags of one sentence (its whole-article checks, such as name spellings, come from `check`)."""
    source, target = pair.source.text, pair.target
    if not target.strip():
        return ()  # a sentence whose translation its neighbour carries (a joined given sentence)
    found = (
        untranslated(source, target, source_lang, target_lang),
        repeated(source, target),
        truncated(source, target, ratio),
        brackets(source, target),
        None if _value_flagged(pair) else extra_numbers(source, target),
    )
    return tuple(flag for flag in found if flag is not None)


# --- the article ------------------------------------------------------------------------------------

_ENDINGS = {
    "cyrillic": sorted(
        "а я у ю е ы и ом ем ой ей ою ею ам ям ах ях ами ями ов ев ого его ому ему ым им ых их ий ый ая яя ую юю ої ою"
        .split(), key=len, reverse=True),
    "latin": ["'s", "’s"],
}


def name_stem(word: str, script: str) -> str:
    """A surname without its case ending (Смита, Смиту: смит; Бернерса-Ли: бернерс-ли), so spellings
    can be compared."""
    if "-" in word:
        return "-".join(name_stem(part, script) for part in word.split("-"))
    word = word.casefold()
    for ending in _ENDINGS[script]:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@dataclass(frozen=True)
class _NameUse:
    sentence: int
    key: str
    stem: str
    written: str


def _is_rendering(written: str, stem: str, key: str, script: str) -> bool:
    """Whether the word the name check found is the surname itself: capitalised, in the translation's
    script, and sounding the same but for at most one consonant (not a first name, not a common word)."""
    from translit.check import _edit_distance, phonetic_key

    if not written[:1].isupper() or not _in_script(written, script) or len(key) < 3:
        return False
    found = phonetic_key(stem)
    return len(found) >= 3 and _edit_distance(found, key) <= 1


def name_spellings(pairs: Iterable[SentencePair], target_lang: str) -> dict[int, tuple[Flag, ...]]:
    """Sentences that write a person's surname differently from the other sentences (Смит, Смитт):
    the spelling most of the article uses is taken as the article's; ties flag every spelling but one."""
    from translit.check import phonetic_key

    script = script_of(target_lang)
    uses: dict[str, list[_NameUse]] = {}
    for pair in pairs:
        for use in pair.protected:
            if use.hit.span != SpanKind.NAME or not use.target_text or use.flagged:
                continue
            surname = (use.hit.source_form or use.hit.source_text).split()[-1]
            written = use.target_text.split()[-1]
            stem = name_stem(written, script)
            key = phonetic_key(surname)
            if _is_rendering(written, stem, key, script):
                uses.setdefault(key, []).append(_NameUse(pair.source.index, key, stem, written))
    flagged: dict[int, list[Flag]] = {}
    for group in uses.values():
        stems = Counter(use.stem for use in group)
        if len(stems) < 2:
            continue
        usual = stems.most_common(1)[0][0]
        shown = next(u.written for u in group if u.stem == usual)
        for other in group:
            if other.stem != usual:
                flagged.setdefault(other.sentence, []).append(
                    Flag(FlagKind.NAME_SPELLING, f"{other.written} / {shown}"))
    return {index: tuple(flags) for index, flags in flagged.items()}


def length_ratio(pairs: Sequence[SentencePair]) -> float:
    """The article's usual ratio of translation length to source length (1.0 for fewer than five sentences)."""
    ratios = [len(p.target) / len(p.source.text) for p in pairs if p.target.strip() and len(p.source.text) >= 20]
    if len(ratios) < 5:
        return 1.0
    import statistics  # only here: importing it costs a short command 3 ms

    return statistics.median(ratios)


def check(result: Result) -> Result:
    """The result with every sentence's QA flags computed on its translation as it now reads."""
    if not result.translated:
        return result
    ratio = length_ratio(result.pairs)
    names = name_spellings(result.pairs, result.target_lang)
    pairs = tuple(
        replace(pair, checks=sentence_checks(pair, result.source_lang, result.target_lang, ratio)
                + names.get(pair.source.index, ()))
        for pair in result.pairs
    )
    return replace(result, pairs=pairs)


# --- every flag of a sentence, for people and programs -----------------------------------------------


@dataclass(frozen=True)
class SentenceFlag:
    """One thing to check in a sentence: its kind (a FlagKind, a span kind, "term", or the decoder's
    "repetition" / "length_limit"), what it is about ("" for the sentence as a whole) and why."""

    kind: str
    what: str
    message: str


def flags_of(pair: SentencePair, ui_lang: str = "en") -> list[SentenceFlag]:
    """Everything a person should check in a sentence, in the interface language: the decoder's
    troubles, then the sentence's QA flags, then its terms and spans in order."""
    flags = [SentenceFlag(code, "", i18n.text("qa_" + code, ui_lang)) for code in pair.qa]
    flags += [SentenceFlag(str(f.kind), "", i18n.text("check_" + f.kind, ui_lang).format(value=f.value))
              for f in pair.checks]
    uses = sorted((u for u in (*pair.terms, *pair.protected) if u.flagged), key=lambda u: u.hit.start)
    flags += [SentenceFlag(u.hit.span or "term", u.hit.source_text, i18n.flag_reason(u, ui_lang)) for u in uses]
    return flags


def needs_a_look(result: Result) -> tuple[int, ...]:
    """The indices of the sentences with at least one flag."""
    return tuple(pair.source.index for pair in result.pairs if flags_of(pair))
