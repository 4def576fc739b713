"""Russian inflection and agreement for glossary terms (pymorphy3, loaded once per process).

A glossary rendering marks the words that change with square brackets:
`[иммиграционный судья]` -> instrumental «иммиграционным судьёй»; words outside the brackets never change.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
NUMBERS = ("sing", "plur")

_WORD = re.compile(r"\w+(?:-\w+)*")
_NOUN_LIKE = {"NOUN"}
_AGREEING = {"ADJF", "PRTF", "NUMR"}
# Proper-name readings that the analyzer guesses for unknown hyphenated words (грин-карта as a surname).
_NAME_TAGS = {"Surn", "Name", "Patr"}
_RARE = 0.01


@functools.cache
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def fold_yo(text: str) -> str:
    """ё and е written the same way, for comparisons: Russian text often omits the dots."""
    return text.replace("ё", "е").replace("Ё", "Е")


# --- renderings with brackets ------------------------------------------------------------------


def split_rendering(rendering: str) -> tuple[tuple[str, bool], ...]:
    """The rendering as (text, inflects) pieces; raises ValueError for unbalanced or empty brackets."""
    pieces: list[tuple[str, bool]] = []
    buffer, inside = "", False
    for char in rendering:
        if char == "[":
            if inside:
                raise ValueError("brackets inside brackets")
            if buffer:
                pieces.append((buffer, False))
            buffer, inside = "", True
        elif char == "]":
            if not inside:
                raise ValueError("']' without a matching '['")
            if not buffer.strip():
                raise ValueError("empty brackets")
            pieces.append((buffer, True))
            buffer, inside = "", False
        else:
            buffer += char
    if inside:
        raise ValueError("'[' without a matching ']'")
    if buffer:
        pieces.append((buffer, False))
    return tuple(pieces)


def plain(rendering: str) -> str:
    """The rendering as written in the nominative, without brackets."""
    return rendering.replace("[", "").replace("]", "")


# --- analysis ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=200_000)
def lemmas(word: str) -> tuple[str, ...]:
    """Normal forms of every reading of a word, lowercase with ё folded, most likely first."""
    found: list[str] = []
    for parse in _analyzer().parse(word):
        lemma = fold_yo(parse.normal_form.lower())
        if lemma not in found:
            found.append(lemma)
    return tuple(found) or (fold_yo(word.lower()),)


@functools.lru_cache(maxsize=20_000)
def is_dictionary_word(word: str) -> bool:
    """Whether pymorphy3's dictionary knows the word (not a guess from its ending)."""
    return bool(_analyzer().word_is_known(word.lower()))


def _ranked(word: str) -> list[Any]:
    """Readings of a word, likeliest first, proper-name guesses last."""
    parses = _analyzer().parse(word)
    return sorted(parses, key=lambda p: (bool(_NAME_TAGS & p.tag.grammemes), -p.score))


def _nominative(word: str, pos: set[str]) -> Any | None:
    """The nominative reading of a word with one of the given parts of speech, singular preferred."""
    readings = _ranked(word)
    # Ignore rare readings (the conjunction и is also a one-letter abbreviation noun).
    candidates = [p for p in readings if p.tag.POS in pos and "nomn" in p.tag and p.score >= _RARE]
    candidates.sort(key=lambda p: "plur" in p.tag)
    return candidates[0] if candidates else None


def _last_part(word: str) -> tuple[str, str]:
    """Split a hyphenated word into the unchanging prefix and the part that inflects."""
    head, _, last = word.rpartition("-")
    return (head + "-" if head else ""), last


def _restore_case(original: str, new: str) -> str:
    if len(original) > 1 and original.isupper():
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


class _Slot(NamedTuple):
    """One bracketed word: where it is in its piece, how it changes, and its nominative reading."""

    start: int
    end: int
    role: str  # "head", "agree", "apposition" or "keep"
    reading: Any
    prefix: str  # the unchanging part of a hyphenated word (грин- in грин-карта)


class _Head(NamedTuple):
    gender: str | None
    animacy: str
    plural_only: bool


def _choose_head(words: list[tuple[Any, Any]]) -> int | None:
    """Index of the head noun among (noun reading, agreeing reading) pairs of all bracketed words."""
    candidates = [
        ((agreeing is not None), "plur" in noun.tag, i) for i, (noun, agreeing) in enumerate(words) if noun
    ]
    if not candidates:
        return None
    _, plural, index = min(candidates)
    singular_agreeing = any(a is not None and "sing" in a.tag and n is None for n, a in words)
    # A plural noun next to singular adjectives is a dependent word put in the brackets by mistake.
    return None if plural and singular_agreeing else index


@functools.lru_cache(maxsize=4096)
def _plan(rendering: str) -> tuple[tuple[str, tuple[_Slot, ...] | None], ...]:
    """The rendering's pieces; each bracketed piece with the slots of its words.

    The head is chosen over all bracketed pieces together, so `[лицо], [ищущее] убежища` makes the
    participle agree with лицо.
    """
    pieces = split_rendering(rendering)
    matches = [
        (p, m) for p, (text, inflects) in enumerate(pieces) if inflects for m in _WORD.finditer(text)
    ]
    parts = [_last_part(m.group()) for _, m in matches]
    words = [(_nominative(last, _NOUN_LIKE), _nominative(last, _AGREEING)) for _, last in parts]
    head = _choose_head(words)
    head_noun = words[head][0] if head is not None else None
    head_number = head_noun.tag.number if head_noun is not None else None
    slots: dict[int, list[_Slot]] = {p: [] for p, (_, inflects) in enumerate(pieces) if inflects}
    rows = zip(matches, parts, words, strict=True)
    for i, ((piece, match), (prefix, _), (noun, agreeing)) in enumerate(rows):
        if i == head:
            role, reading = "head", noun
        elif noun is not None and (agreeing is None) and noun.tag.number == head_number:
            role, reading = "apposition", noun
        elif agreeing is not None:
            role, reading = "agree", agreeing
        else:
            role, reading = "keep", None
        slots[piece].append(_Slot(match.start(), match.end(), role, reading, prefix))
    return tuple((text, tuple(slots[p]) if inflects else None) for p, (text, inflects) in enumerate(pieces))


def _inflect(parse: Any, grammemes: set[str]) -> str | None:
    form = parse.inflect(grammemes)
    return form.word if form is not None else None


def _head_features(plan: tuple[tuple[str, tuple[_Slot, ...] | None], ...]) -> _Head:
    """Gender, animacy and whether the head is plural-only, read from the head noun."""
    for _, slots in plan:
        for slot in slots or ():
            if slot.role == "head":
                tag = slot.reading.tag
                gender = tag.gender if tag.gender in ("masc", "femn", "neut") else None
                plural_only = "Pltm" in tag or tag.number == "plur"
                return _Head(gender, "anim" if tag.animacy == "anim" else "inan", plural_only)
    # Without a noun the adjective stands for one (задержанный, несовершеннолетний): in a legal
    # glossary that is nearly always a person, so it declines as animate.
    return _Head(None, "anim", False)


def _inflect_piece(text: str, slots: tuple[_Slot, ...], head: _Head, case: str, number: str) -> str:
    out, cursor = [], 0
    for slot in slots:
        out.append(text[cursor : slot.start])
        original = text[slot.start : slot.end]
        new = None
        if slot.role in ("head", "apposition"):
            new = _inflect(slot.reading, {case, number}) or _inflect(slot.reading, {case})
        elif slot.role == "agree":
            new = _inflect_agreeing(slot.reading, case, number, head.gender, head.animacy)
        out.append(_restore_case(original, slot.prefix + new) if new else original)
        cursor = slot.end
    out.append(text[cursor:])
    return "".join(out)


def _inflect_agreeing(parse: Any, case: str, number: str, gender: str | None, animacy: str) -> str | None:
    wanted = {case, number}
    if number == "sing":
        # A common-gender head (судья) takes the gender the adjective is written in.
        wanted.add(gender if gender else parse.tag.gender or "masc")
    if case == "accs" and (number == "plur" or "masc" in wanted):
        wanted.add(animacy)
    return _inflect(parse, wanted) or _inflect(parse, {case, number})


def _check(case: str, number: str) -> None:
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; use one of {', '.join(CASES)}")
    if number not in NUMBERS:
        raise ValueError(f"unknown number {number!r}; use 'sing' or 'plur'")


@functools.lru_cache(maxsize=8192)
def inflect_term(rendering: str, case: str, number: str = "sing") -> str:
    """The rendering in a grammatical case and number; words outside brackets are kept as written."""
    _check(case, number)
    plan = _plan(rendering)
    head = _head_features(plan)
    if head.plural_only:
        number = "plur"
    return "".join(
        text if slots is None else _inflect_piece(text, slots, head, case, number) for text, slots in plan
    )


def is_plural(phrase: str) -> bool:
    """Whether a Russian noun phrase is in the plural.

    An agreeing adjective settles it (иммиграционные судьи); otherwise the noun's likeliest reading.
    """
    words = _WORD.findall(phrase)
    for word in words:
        adjective = [p for p in _ranked(word)[:1] if p.tag.POS in _AGREEING]
        if adjective:
            return adjective[0].tag.number == "plur"
    for word in words:
        for parse in _ranked(word)[:1]:
            if parse.tag.POS == "NOUN":
                return parse.tag.number == "plur"
    return False


def all_forms(rendering: str) -> dict[tuple[str, str], str]:
    """All 12 forms, keyed by (case, number); plural-only terms give plural forms for both numbers."""
    return {(case, number): inflect_term(rendering, case, number) for number in NUMBERS for case in CASES}


# --- choosing a form from context -----------------------------------------------------------------

_PREPOSITION_CASES: dict[str, tuple[str, ...]] = {
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

# Verbs whose complement is in the instrumental (стать судьёй, является беженцем).
_INSTRUMENTAL_VERBS = {"стать", "становиться", "являться", "быть", "оказаться", "оставаться", "остаться"}

_PLURAL_GENITIVE_WORDS = {"несколько", "много", "мало", "сколько", "столько", "немало", "большинство"}


def case_after(previous_word: str) -> tuple[str, ...]:
    """Likely cases of a noun phrase right after a word, most likely first.

    Prepositions decide the case; after a verb the phrase is usually its object (or, for стать/являться,
    in the instrumental); with nothing to go on it is most likely a subject or a direct object.
    """
    word = previous_word.strip().lower().replace("ё", "е")
    word = {"насчет": "насчёт", "путем": "путём"}.get(word, word)
    if word in _PREPOSITION_CASES:
        return _PREPOSITION_CASES[word]
    if not word or not _WORD.fullmatch(word):
        return ("nomn", "accs")
    for parse in _ranked(word)[:2]:
        if parse.tag.POS in ("VERB", "INFN", "PRTS", "GRND"):
            if parse.normal_form in _INSTRUMENTAL_VERBS:
                return ("ablt", "nomn")
            return ("accs", "gent", "nomn") if "tran" in parse.tag else ("nomn", "datv")
        if parse.tag.POS == "NUMR" or word in _PLURAL_GENITIVE_WORDS:
            return ("gent", "nomn")
    return ("nomn", "accs")


def quantity_form(word: str) -> tuple[str, str] | None:
    """(case, number) of a noun counted by a quantity word in the nominative: два судьи, пять судей."""
    word = word.strip().lower()
    if word.isdigit():
        last_two = int(word[-2:])
        if 11 <= last_two <= 14 or word[-1] in "056789":
            return "gent", "plur"
        return ("nomn", "sing") if word[-1] == "1" else ("gent", "sing")
    if word in {"два", "две", "три", "четыре", "оба", "обе", "полтора", "полторы"}:
        return "gent", "sing"
    if word in _PLURAL_GENITIVE_WORDS:
        return "gent", "plur"
    for parse in _ranked(word)[:1]:
        if parse.tag.POS == "NUMR":
            # An inflected numeral (двух, пятью) carries the case; the noun follows it in the plural.
            return (parse.tag.case or "gent", "plur") if parse.tag.case not in ("nomn", "accs") else (
                "gent", "plur")
    return None


def guess_case_number(text_before: str, default_number: str = "sing") -> tuple[str, str]:
    """The most likely (case, number) of a term from the words just before it in a sentence."""
    words = _WORD.findall(text_before)
    if not words:
        return "nomn", default_number
    counted = quantity_form(words[-1])
    if counted is not None:
        return counted
    return case_after(words[-1])[0], default_number


# --- reading the form of a phrase found in a translation -----------------------------------------


def forms_of_found(found: str, rendering: str) -> tuple[tuple[str, str], ...]:
    """Every (case, number) the words `found` can be in, read from the word that heads `rendering`.

    `found` is a phrase of a translation matched (by lemma) to the glossary rendering `rendering`,
    so its words stand in the same order. More than one answer means the phrase is ambiguous
    (суда: genitive singular, or nominative/accusative plural); none means it could not be read.
    """
    plan = _plan(rendering)
    offset, head_at, head_reading = 0, None, None
    for text, slots in plan:
        for slot in slots or ():
            if slot.reading is not None and (head_at is None or slot.role == "head"):
                head_at, head_reading = offset + slot.start, slot.reading
                if slot.role == "head":
                    break
        if head_at is not None and any(s.role == "head" for s in slots or ()):
            break
        offset += len(text)
    if head_at is None or head_reading is None:
        return ()
    rendering_words = list(_WORD.finditer(plain(rendering)))
    index = next((i for i, m in enumerate(rendering_words) if m.start() <= head_at < m.end()), None)
    found_words = _WORD.findall(found)
    if index is None or len(found_words) != len(rendering_words):
        return ()
    _, word = _last_part(found_words[index])
    lemma = fold_yo(head_reading.normal_form)
    options = []
    for parse in _analyzer().parse(word):
        if fold_yo(parse.normal_form) != lemma or parse.tag.case is None or parse.score < _RARE:
            continue
        case = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn"}.get(parse.tag.case, parse.tag.case)
        number = parse.tag.number or "sing"
        if case in CASES and (case, number) not in options:
            options.append((case, number))
    return tuple(options)
