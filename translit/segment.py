"""Paragraphs -> sentences, offline, per language. Used by translation and summary alike.

Our own rule-based splitter: a candidate boundary is terminal punctuation (. ! ? … and runs of them),
optionally followed by closing quotes or brackets, then whitespace. Each candidate is kept or dropped
by looking at the word before it (abbreviations, initials, list numbers, per-language lists) and the
text after it (a lowercase word, or a dash and a lowercase word, continues the sentence).
Measured against pysbd, razdel and sentencex in benchmarks/segmentation.py.

Each paragraph (one line) is split on its own, so headlines and list items without final punctuation
stay whole. Very long sentences are not cut here; the translator handles those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translit.document import Document, Sentence

GENERIC = "generic"

_OPENERS = "\"'«“„‘‚([{‹¿¡"
_DASHES = "—–-"
_CANDIDATE = re.compile(r"[.!?…]+([\"'»”’)\]}›]*)\s+")
_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DOTTED_ACRONYM = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}")
_ENUMERATOR = re.compile(r"(?:\d{1,3}|[^\W\d_]|[IVXLCivxlc]{1,6})\.")
_NUMBER_LIKE = re.compile(r"[\d.,–-]*\d[\d.,–-]*(?:-[^\W\d_]{1,3})?|[IVXLC]{1,6}")
_BULLETS = "-–—•*·▪●"
_QUOTES = "\"'»”’›"
_WINDOW = 80
# ", — сказал он" / "», — додав він": the author's words inside a quotation
_ATTRIBUTION_DASH = re.compile(r"[,!?…»\"”]\s*[—–]\s*[^\W\d_A-ZА-ЯЁІЇЄҐ]")


@dataclass(frozen=True)
class _Rules:
    """What a period after a given word means in one language.

    Lists hold words with their final period. An entry written in lowercase matches any case
    ("etc." matches "Etc."); an entry with a capital matches exactly ("Sat." does not match "sat.").
    """

    never_end: frozenset[str]  # titles, months, "т.е.": the sentence goes on ("Mr. Smith")
    may_end: frozenset[str]  # "etc.", "т.д.": a sentence may end here when a capital follows
    acronyms: frozenset[str]  # "U.S.": ends a sentence only before a common sentence opener ("He", "The")
    number_prefix: frozenset[str]  # "No.", "ст.": goes on when a number follows
    after_number_may_end: frozenset[str]  # "г.": "2019 г. Он" may end, "г. Москва" goes on
    openers: frozenset[str]  # capitalised words that usually start a sentence
    speech_verbs: frozenset[str]  # '"Ready?" CNN reported.' keeps the attribution with the quote


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_COMMON_NEVER_END = _words("Mr. Mrs. Ms. Dr. Prof. St. Mt. e.g. i.e. cf. vs. v. ca. approx.")
_COMMON_MAY_END = _words("etc. al.")

_EN = _Rules(
    never_end=_COMMON_NEVER_END
    | _words(
        "Messrs. Mmes. Drs. Sen. Sens. Rep. Reps. Gov. Govs. Lt. Gen. Gens. Col. Maj. Capt. Cmdr. Adm. "
        "Sgt. Cpl. Pvt. Det. Insp. Supt. Atty. Rev. Fr. Msgr. Hon. Pres. Amb. Sec. Ft. Pt. "
        "Mon. Tue. Tues. Wed. Thu. Thur. Thurs. Fri. "
        "incl. excl. dept. est. govt. min. max. nos."
    ),
    may_end=_COMMON_MAY_END | _words("Bros."),
    acronyms=_words(
        "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. "
        "a.m. p.m. Jr. Sr. Inc. Corp. Co. Ltd. LLC. Ave. Blvd. "
        "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. "
        "Minn. Miss. Mo. Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Tex. Vt. Va. Wash. Wis. Wyo."
    ),
    number_prefix=_words("No. Nos. Art. Arts. Ch. Fig. Vol. pp. para."),
    after_number_may_end=frozenset(),
    openers=_words(
        "The A An He She It They We I You This That These Those There Here His Her Its Their Our My "
        "Your But And Or So Yet In On At As If When While After Before Since Although Though Because "
        "What Why How Who Where Which Meanwhile However Also Some Many Most Both Each Every Then Now "
        "Last Earlier Later Still Even Officials Police According For From By With Without To One Two"
    ),
    speech_verbs=_words(
        "said says told added asked reported wrote recalled explained noted replied continued tweeted "
        "insisted shouted yelled answered warned argued"
    ),
)

_RU = _Rules(
    never_end=_COMMON_NEVER_END
    | _words(
        "т.е. т.к. т.н. т.ч. т.о. напр. им. ул. просп. пр-т. пер. пл. наб. ш. д. кв. корп. стр. обл. "
        "р-н. пос. дер. с. ст. проф. акад. доц. ген. полк. св. о. оз. р. англ. нем. франц. фр. лат. "
        "греч. рус. укр. исп. кит. араб. итал. сокр. ср. рис. табл. гл. разд. п. пп. ч. "
        "млн. млрд. трлн. тыс. долл. коп. зам. и.о. гос. мин. сек. тел. "
        "Дж. Ст. Мл."
    ),
    may_end=_COMMON_MAY_END | _words("т.д. т.п. др. пр. руб. н.э. вв."),
    acronyms=frozenset(),
    number_prefix=frozenset(),
    after_number_may_end=_words("г. гг. в. вв. см. м. км. мм. кг."),
    openers=_words("Он Она Оно Они Мы Я Вы Это Эти Этот Эта В На Но И А По Как Однако Кроме Когда Тогда"),
    speech_verbs=_words(
        "сказал сказала сказали заявил заявила заявили добавил добавила спросил спросила сообщил "
        "сообщила сообщили ответил ответила отметил отметила пояснил пояснила написал написала"
    ),
)

_UK = _Rules(
    never_end=_COMMON_NEVER_END
    | _words(
        "т.зв. т.б. т.ч. напр. ім. вул. просп. пров. пл. наб. буд. кв. корп. обл. р-н. смт. "
        "проф. акад. доц. ген. полк. св. о. оз. англ. нім. франц. фр. лат. грец. рос. укр. ісп. кит. "
        "див. пор. мал. табл. розд. п. пп. ч. млн. млрд. трлн. тис. дол. коп. заст. в.о. хв. сек. тел. "
        "Дж. Ст. Мол."
    ),
    may_end=_COMMON_MAY_END | _words("т.д. т.п. ін. грн. н.е."),
    acronyms=frozenset(),
    number_prefix=frozenset(),
    after_number_may_end=_words("р. рр. ст. м. см. км. кг."),
    openers=_words("Він Вона Воно Вони Ми Я Ви Це Ці Цей Ця В У На Але І А За Як Однак Проте Коли Тоді"),
    speech_verbs=_words(
        "сказав сказала сказали заявив заявила заявили додав додала запитав запитала повідомив "
        "повідомила повідомили відповів відповіла зазначив зазначила пояснив пояснила написав написала"
    ),
)

_ES = _Rules(
    never_end=_COMMON_NEVER_END
    | _words(
        "Sr. Sra. Srta. Sres. Sras. Dra. Dres. Lic. Licda. Ing. Arq. Profa. Mtro. Mtra. Gral. Cnel. "
        "Cap. Tte. Sgto. Sto. Sta. Fr. Ud. Uds. Vd. Vds. Dña. Excmo. Excma. Ilmo. Ilma. Mons. "
        "núm. art. arts. pág. págs. cap. vol. fig. aprox. ej. dcha. izq. av. avda. tel. EE."
    ),
    may_end=_COMMON_MAY_END | _words("EE.UU. a.C. d.C. a.m. p.m. S.A. Cía. Inc. Ltd. Hnos."),
    acronyms=frozenset(),
    number_prefix=_words("No. n.º nº."),
    after_number_may_end=frozenset(),
    openers=_words("El La Los Las Un Una Él Ella Ellos Este Esta Esto Eso Pero Y En Con Por Para Si Cuando"),
    speech_verbs=_words(
        "dijo dice afirmó añadió agregó preguntó señaló explicó comentó declaró aseguró indicó "
        "respondió escribió informó advirtió"
    ),
)

_GENERIC = _Rules(
    never_end=_COMMON_NEVER_END,
    may_end=_COMMON_MAY_END,
    acronyms=frozenset(),
    number_prefix=_words("No. Nr."),
    after_number_may_end=frozenset(),
    openers=frozenset(),
    speech_verbs=frozenset(),
)

_RULES = {"en": _EN, "ru": _RU, "uk": _UK, "es": _ES}
_ALIASES = {"ua": "uk", "ukr": "uk", "rus": "ru", "eng": "en", "spa": "es"}


def supported_languages() -> tuple[str, ...]:
    """Languages with their own rules; any other code is split with the generic rules."""
    return tuple(sorted(_RULES))


def rules_language(lang: str) -> str:
    """The rule set used for a language code: "en", "ru", "uk", "es" or "generic"."""
    from translit.detect import base_code

    code = base_code(lang)
    code = _ALIASES.get(code, code)
    return code if code in _RULES else GENERIC


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of one paragraph, whitespace excluded.

    The spans are in order, do not overlap and together cover every non-space character.
    An unknown or unsupported language is split with generic rules.
    """
    rules = _RULES.get(rules_language(lang), _GENERIC)
    first = len(text) - len(text.lstrip())
    if first == len(text):
        return []
    spans, start = [], first
    for match in _CANDIDATE.finditer(text, first):
        if match.end() < len(text) and _is_boundary(text, match, first, start, rules):
            spans.append((start, match.end(1)))
            start = match.end()
    spans.append((start, len(text.rstrip())))
    return spans


def segment(document: Document, lang: str) -> tuple[Sentence, ...]:
    """All sentences of a document, in order, each knowing its paragraph and offsets."""
    sentences: list[Sentence] = []
    for p_index, paragraph in document.content_paragraphs:
        for start, end in split_sentences(paragraph.text, lang):
            sentences.append(Sentence(paragraph.text[start:end], len(sentences), p_index, start, end))
    return tuple(sentences)


def _is_boundary(text: str, match: re.Match[str], first: int, start: int, rules: _Rules) -> bool:
    after = text[match.end():match.end() + _WINDOW]
    if not _starts_sentence(after):
        return False
    if after[0] in "—–" and _ATTRIBUTION_DASH.search(text, start, match.start()):
        return False  # «Первая часть, — сказал он. — Продолжение цитаты».
    closers = match.group(1)
    punctuation = text[match.start():match.start(1)]
    quoted = any(q in closers for q in _QUOTES)
    if quoted and punctuation[-1] in "?!" and _is_attribution(after, rules):
        return False
    if closers or punctuation != ".":
        return True
    return not _period_continues(text, match.start(), first, start, after, rules)


def _starts_sentence(after: str) -> bool:
    """Does the text after a candidate boundary look like a new sentence (not a lowercase word)?"""
    rest = after
    if rest[0] in _DASHES:
        rest = rest[1:].lstrip()
    rest = rest.lstrip(_OPENERS)
    return not rest or not rest[0].islower()


def _is_attribution(after: str, rules: _Rules) -> bool:
    """'"Are you ready?" CNN reported.' - up to three capitalised words, then a speech verb."""
    words = after.split(maxsplit=4)
    if words[0] in rules.openers:
        return False  # '"Stop!" He said the ...' starts a new sentence
    for word in words[1:4]:
        bare = word.strip(",.;:")
        if bare in rules.speech_verbs:
            return True
        if not bare[:1].isupper():
            return False
    return False


def _period_continues(text: str, dot: int, first: int, start: int, after: str, rules: _Rules) -> bool:
    """Is the period at text[dot] part of an abbreviation, an initial or a list number?

    `first` is where the paragraph's text begins, `start` where the current sentence began.
    """
    previous, token, at_paragraph_start = _tokens_before(text, dot, first)
    if len(token) < 2:
        return False
    if at_paragraph_start and _ENUMERATOR.fullmatch(token):
        return True  # "1. Gather your documents"
    joined = previous + token if previous.endswith(".") and len(previous) <= 4 else ""  # "т. д.", "EE. UU."
    if _is_initial(token) and not _listed(joined, rules.may_end):
        # "J. Smith", "В. В. Путин"; but "a Higher grade A. The data ..." ends
        return not _opens_sentence(after, rules, min_length=2)
    if _listed(token, rules.after_number_may_end) or _listed(joined, rules.after_number_may_end):
        if _NUMBER_LIKE.fullmatch(previous) is None:
            return True  # "г. Москва", "м. Київ"
        # "В 2019 г. Путин ..." cannot be a whole sentence; "... было это в 2019 г. Потом ..." can
        return len(text[start:dot + 1].split()) <= 3
    for candidate in (joined, token):
        verdict = _listed_verdict(candidate, after, rules)
        if verdict is not None:
            return verdict
    if _DOTTED_ACRONYM.fullmatch(token):
        return not (token[0].isupper() and _opens_sentence(after, rules))  # "D.C.", "e.g."
    word = token[:-1]
    return len(word) == 1 and word.isalpha()  # a lowercase one-letter abbreviation: "т. е.", "с. Ивановка"


def _tokens_before(text: str, dot: int, first: int) -> tuple[str, str, bool]:
    """The word ending with the period at text[dot], the word before it, and whether the word
    opens the paragraph (alone or after a bullet). Only a short window is read, so that long
    paragraphs stay linear."""
    window_start = max(first, dot + 1 - _WINDOW)
    tokens = text[window_start:dot + 1].rsplit(None, 2)
    token = tokens[-1].lstrip(_OPENERS)
    previous = tokens[-2] if len(tokens) > 1 else ""
    opens = window_start == first and (len(tokens) == 1 or (len(tokens) == 2 and previous in _BULLETS))
    return previous, token, opens


def _is_initial(token: str) -> bool:
    return len(token) == 2 and token[0].isalpha() and token[0].isupper()


def _listed_verdict(candidate: str, after: str, rules: _Rules) -> bool | None:
    """Whether a listed abbreviation continues the sentence; None when it is not listed."""
    if not candidate:
        return None
    if _listed(candidate, rules.may_end):
        return False
    if _listed(candidate, rules.never_end):
        return True
    if _listed(candidate, rules.number_prefix):
        return after[:1].isdigit()
    if _listed(candidate, rules.acronyms):
        return not _opens_sentence(after, rules)
    return None


def _listed(token: str, entries: frozenset[str]) -> bool:
    return token in entries or token.lower() in entries


def _opens_sentence(after: str, rules: _Rules, min_length: int = 1) -> bool:
    """Is the next word one that typically opens a sentence ("The", "He", "Он")?"""
    word = _FIRST_WORD.match(after.lstrip(_OPENERS))
    return word is not None and len(word.group(0)) >= min_length and word.group(0) in rules.openers
