"""Extractive summaries over translit's own sentence segmentation.

Every method ranks the sentences of one document; the summary is the best-ranked sentences that fit
the requested length, reported by index in document order. "default" is a linear-time scorer for
news (lead position, overlap with the title or opening sentence, centrality, glossary terms,
sentence length, no near-duplicates). The other methods are sumy's algorithms run on a document
model built from our sentences and a regex word tokenizer, so no NLTK data is ever needed.
"""

from __future__ import annotations

import math
import random
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from translit.document import Document, Sentence, Summary
from translit.errors import InputError
from translit.segment import segment

METHODS = ("default", "lead", "lexrank", "luhn", "textrank", "lsa", "sumbasic", "kl", "edmundson", "random")
SUMY_METHODS = ("lexrank", "luhn", "textrank", "lsa", "sumbasic", "kl", "edmundson")
DEFAULT_SENTENCES = 3

# ISO 639-1 code -> the language name used by sumy's stop-word lists and the Snowball stemmers.
# Other languages are summarized without stemming or stop words.
LANGUAGE_NAMES = {
    "en": "english",
    "ru": "russian",
    "uk": "ukrainian",
    "es": "spanish",
    "de": "german",
    "fr": "french",
    "it": "italian",
    "pt": "portuguese",
}

# A glossary hook: (sentence index, start, end) spans of terms found in sentence texts, or a
# function giving a sentence text's term weight (e.g. how many glossary terms it contains).
TermSpans = Collection[tuple[int, int, int]]
TermScorer = Callable[[str], float]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'»”’)\]]*$")
_STOPWORDS_DIR = Path(__file__).parent / "data" / "stopwords"

# Weights of the default scorer's signals; each signal lies in [0, 1].
_W_POSITION = 1.0
_W_ANCHOR = 0.2
_W_CENTRALITY = 0.2
_W_TERMS = 0.2
_TERMS_SATURATION = 3
_SHORT_SENTENCE = 6  # words; fewer are usually bylines, captions or fragments
_LONG_SENTENCE = 35  # words; more are usually run-together captions
_DUPLICATE_SIMILARITY = 0.5  # tf-idf cosine; captions often repeat a lead sentence
_HEADLINE_FACTOR = 0.3  # a headline line restates the lead sentence, which says more
_POSITION_EXPONENT = 0.5  # score 1/(i+1)**e: the lead of a news story carries its facts


@dataclass(frozen=True)
class _Length:
    """How long the summary may be: a sentence count or a word budget."""

    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None

    def sentence_count(self, total: int) -> int | None:
        if self.sentences is not None:
            return self.sentences
        if self.ratio is not None:
            return max(1, int(self.ratio * total + 0.5))
        return None


@dataclass(frozen=True)
class _Analyzer:
    """Lower-cased, stemmed content words of a text, per language."""

    lang: str
    stop_words: frozenset[str]
    stem: Callable[[str], str]

    def content_words(self, text: str) -> list[str]:
        lowered = (w.lower() for w in _WORD.findall(text))
        return [self.stem(w) for w in lowered if w not in self.stop_words and not w.isdigit()]


def summarize(
    document: Document,
    lang: str,
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    method: str = "default",
    terms: TermSpans | TermScorer | None = None,
    seed: int = 0,
) -> Summary:
    """Pick the sentences of `document` that best summarize it.

    Give at most one length: `sentences` (default 3), `ratio` of the document's sentences in (0, 1],
    or a `words` budget. Indices refer to translit.segment.segment(document, lang); a region tag
    such as "en-US" counts as its language. `terms` (used by
    the default method) favours sentences with glossary terms. `seed` makes "random" repeatable.
    """
    if not isinstance(document, Document):
        raise InputError(
            "summarize() takes a translit Document; for plain text pass Document.from_text(text)."
        )
    code = _language_code(lang)
    _check_length(sentences, ratio, words)
    _check_method(method)
    segmented = segment(document, code)
    return summarize_sentences(
        segmented, code, sentences=sentences, ratio=ratio, words=words,
        method=method, terms=terms, title=document.title, seed=seed,
    )


def summarize_sentences(
    items: Sequence[str | Sentence],
    /,
    lang: str,
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    method: str = "default",
    terms: TermSpans | TermScorer | None = None,
    title: str = "",
    seed: int = 0,
) -> Summary:
    """Like summarize(), for sentences already split; indices are positions in `items`.

    Sentence objects keep their paragraphs; plain strings count as one paragraph. `title`, when
    given, is what the default method compares sentences with (else the first sentence).
    """
    length = _check_length(sentences, ratio, words)
    method = _check_method(method)
    texts, paragraphs = _texts_and_paragraphs(items)
    term_weights = _term_weights(terms, texts)
    code = _language_code(lang)
    count = length.sentence_count(len(texts))
    if count is not None and count >= len(texts):
        return Summary(code, tuple(range(len(texts))), method)
    indices = _summarize_texts(texts, paragraphs, code, length, method, term_weights, title, seed)
    return Summary(code, indices, method)


def stop_words(lang: str) -> frozenset[str]:
    """The stop words used for a language: sumy's list and/or ours; empty when there is none."""
    return _stop_words(_language_code(lang))


def _summarize_texts(
    texts: list[str],
    paragraphs: list[int],
    lang: str,
    length: _Length,
    method: str,
    term_weights: list[float],
    title: str,
    seed: int,
) -> tuple[int, ...]:
    word_counts = [len(_WORD.findall(t)) for t in texts]

    def default_ranking() -> tuple[list[int], list[dict[str, float]]]:
        analyzer = _analyzer(lang)
        vectors = _tfidf_vectors([analyzer.content_words(t) for t in texts])
        title_vector = _title_vector(title, analyzer, texts)
        headlines = _headline_like(texts, paragraphs)
        scores = _default_scores(vectors, title_vector, word_counts, term_weights, headlines)
        return sorted(range(len(texts)), key=lambda i: (-scores[i], i)), vectors

    if method == "default":
        ranking, vectors = default_ranking()
        return _select(ranking, length, word_counts, vectors)
    if method == "lead":
        ranking = list(range(len(texts)))
    elif method == "random":
        ranking = list(range(len(texts)))
        random.Random(seed).shuffle(ranking)
    elif method in QUADRATIC_METHODS and len(texts) > MAX_SUMY_SENTENCES:
        # sumy's graph and KL methods grow with the square of the sentences (3,000 take minutes):
        # they choose among the default method's best MAX_SUMY_SENTENCES, kept in document order.
        preferred, _ = default_ranking()
        chosen = sorted(preferred[:MAX_SUMY_SENTENCES])
        inner = _sumy_ranking(method, [texts[i] for i in chosen], [paragraphs[i] for i in chosen], lang, title)
        ranking = [chosen[i] for i in inner] + preferred[MAX_SUMY_SENTENCES:]
    else:
        ranking = _sumy_ranking(method, texts, paragraphs, lang, title)
    return _select(ranking, length, word_counts, None)


MAX_SUMY_SENTENCES = 300
"""Candidates a quadratic sumy method ranks in a long document (see _summarize_texts)."""
QUADRATIC_METHODS = frozenset({"lexrank", "textrank", "kl", "sumbasic"})
"""Measured on 3,000 sentences: lexrank 48 s, textrank 71 s, kl over 3 minutes, sumbasic 4 s (lsa, luhn,
edmundson under 0.2 s)."""


# ---------------------------------------------------------------- options


def _check_length(sentences: int | None, ratio: float | None, words: int | None) -> _Length:
    given = [name for name, value in (("sentences", sentences), ("ratio", ratio), ("words", words))
             if value is not None]
    if len(given) > 1:
        raise InputError(
            f"Choose one summary length: sentences=N, ratio=R or words=W (got {' and '.join(given)})."
        )
    if not given:
        return _Length(sentences=DEFAULT_SENTENCES)
    if sentences is not None:
        if isinstance(sentences, bool) or not isinstance(sentences, int) or sentences < 1:
            raise InputError(
                f"sentences must be a whole number of 1 or more, e.g. sentences=3 (got {sentences!r})."
            )
        return _Length(sentences=sentences)
    if ratio is not None:
        if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0 < ratio <= 1:
            raise InputError(
                f"ratio must be a fraction of the sentences, above 0 and at most 1, e.g. ratio=0.2 "
                f"(got {ratio!r})."
            )
        return _Length(ratio=float(ratio))
    if isinstance(words, bool) or not isinstance(words, int) or words < 1:
        raise InputError(f"words must be a whole number of 1 or more, e.g. words=100 (got {words!r}).")
    return _Length(words=words)


def _check_method(method: str) -> str:
    name = method.strip().lower() if isinstance(method, str) else method
    if name not in METHODS:
        raise InputError(f"Unknown summary method {method!r}; use one of: {', '.join(METHODS)}.")
    return name


def _texts_and_paragraphs(items: Sequence[str | Sentence]) -> tuple[list[str], list[int]]:
    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        raise InputError("Pass the sentences as a list of strings or translit Sentence objects.")
    texts, paragraphs = [], []
    for item in items:
        if isinstance(item, Sentence):
            texts.append(item.text)
            paragraphs.append(item.paragraph)
        elif isinstance(item, str):
            texts.append(item)
            paragraphs.append(0)
        else:
            raise InputError(
                f"Each sentence must be a string or a translit Sentence (got {type(item).__name__})."
            )
    return texts, paragraphs


def _term_weights(terms: TermSpans | TermScorer | None, texts: list[str]) -> list[float]:
    if terms is None:
        return [0.0] * len(texts)
    if callable(terms):
        return [float(terms(text)) for text in texts]
    if isinstance(terms, str | bytes) or not isinstance(terms, Collection):
        raise InputError(
            "terms must be (sentence index, start, end) spans or a function from sentence text to a weight."
        )
    found: list[set[tuple[int, int]]] = [set() for _ in texts]
    for span in terms:
        if (not isinstance(span, tuple) or len(span) != 3
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
            raise InputError(f"Each term span must be (sentence index, start, end) integers (got {span!r}).")
        index, start, end = span
        if not 0 <= index < len(texts):
            raise InputError(f"Term span {span!r} names sentence {index}, but there are {len(texts)}.")
        found[index].add((start, end))
    return [float(len(spans)) for spans in found]


def _language_code(lang: str) -> str:
    if not isinstance(lang, str) or not lang.strip():
        raise InputError("Pass the document's language as an ISO 639-1 code, e.g. lang='en'.")
    from translit.detect import base_code

    return base_code(lang)


# ---------------------------------------------------------------- language resources


@cache
def _stop_words(lang: str) -> frozenset[str]:
    import pkgutil

    words: set[str] = set()
    name = LANGUAGE_NAMES.get(lang)
    if name is not None:
        # Read sumy's list directly: sumy.utils.get_stop_words loads the whole pycountry database.
        try:
            data = pkgutil.get_data("sumy", f"data/stopwords/{name}.txt") or b""
        except OSError:
            data = b""
        words.update(data.decode("utf-8").split())
    ours = _STOPWORDS_DIR / f"{lang}.txt"
    if ours.is_file():
        for line in ours.read_text(encoding="utf-8").splitlines():
            words.update(line.split("#", 1)[0].split())
    return frozenset(w.lower() for w in words)


@cache
def _stemmer(lang: str) -> Callable[[str], str]:
    """The stemmer sumy would use (Snowball via NLTK, sumy's own for Ukrainian): pure code, no data."""
    name = LANGUAGE_NAMES.get(lang)
    if name is None:
        return str.lower
    if lang == "uk":
        from sumy.nlp.stemmers.ukrainian import stem_word as stem
    else:
        import nltk.stem.snowball as snowball

        stem = getattr(snowball, name.capitalize() + "Stemmer")().stem
    return lru_cache(maxsize=200_000)(stem)


@cache
def _analyzer(lang: str) -> _Analyzer:
    return _Analyzer(lang, _stop_words(lang), _stemmer(lang))


# ---------------------------------------------------------------- default method


def _tfidf_vectors(bags: list[list[str]]) -> list[dict[str, float]]:
    """Unit-length tf-idf vectors of each sentence's content words (empty dict for none)."""
    total = len(bags)
    frequency = Counter(word for bag in bags for word in set(bag))
    vectors = []
    for bag in bags:
        weights = {w: c * math.log(1 + total / frequency[w]) for w, c in Counter(bag).items()}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        vectors.append({w: v / norm for w, v in weights.items()} if norm else {})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else {}


def _title_vector(title: str, analyzer: _Analyzer, texts: list[str]) -> dict[str, float]:
    """The title's words, or the opening sentence's when there is no usable title."""
    words = analyzer.content_words(title) if title else []
    if not words and texts:
        words = analyzer.content_words(texts[0])
    return _unit(dict(Counter(words)))


def _default_scores(
    vectors: list[dict[str, float]],
    title_vector: dict[str, float],
    word_counts: list[int],
    term_weights: list[float],
    headlines: list[bool],
) -> list[float]:
    centroid: Counter[str] = Counter()
    for vector in vectors:
        centroid.update(vector)
    centroid_unit = _unit(dict(centroid))
    scores = []
    for i, vector in enumerate(vectors):
        position = (i + 1) ** -_POSITION_EXPONENT
        terms = min(term_weights[i], _TERMS_SATURATION) / _TERMS_SATURATION
        score = (
            _W_POSITION * position
            + _W_ANCHOR * _cosine(vector, title_vector)
            + _W_CENTRALITY * _cosine(vector, centroid_unit)
            + _W_TERMS * terms
        )
        factor = _HEADLINE_FACTOR if headlines[i] else _length_factor(word_counts[i])
        scores.append(score * factor)
    return scores


def _headline_like(texts: list[str], paragraphs: list[int]) -> list[bool]:
    """Whole-paragraph sentences without end punctuation: headlines, subheads, bylines."""
    per_paragraph = Counter(paragraphs)
    return [
        per_paragraph[paragraph] == 1 and not _SENTENCE_END.search(text.rstrip())
        for text, paragraph in zip(texts, paragraphs, strict=True)
    ]


def _length_factor(words: int) -> float:
    if words < _SHORT_SENTENCE:
        return 0.4 + 0.1 * words
    if words > _LONG_SENTENCE:
        return _LONG_SENTENCE / words
    return 1.0


# ---------------------------------------------------------------- selection


def _select(
    ranking: list[int],
    length: _Length,
    word_counts: list[int],
    vectors: list[dict[str, float]] | None,
) -> tuple[int, ...]:
    """Best-ranked sentences that fit the length, skipping near-duplicates while others remain."""
    count = length.sentence_count(len(ranking))
    chosen: list[int] = []
    skipped: list[int] = []
    used_words = 0
    # word -> (chosen sentence, weight): finds overlapping chosen sentences without comparing all pairs
    postings: dict[str, list[tuple[int, float]]] = {}

    def full() -> bool:
        return count is not None and len(chosen) >= count

    def fits(i: int) -> bool:
        return count is not None or used_words + word_counts[i] <= (length.words or 0)

    def duplicate(i: int) -> bool:
        if vectors is None:
            return False
        overlap: dict[int, float] = defaultdict(float)
        for word, weight in vectors[i].items():
            for j, other in postings.get(word, ()):
                overlap[j] += weight * other
        return any(value >= _DUPLICATE_SIMILARITY for value in overlap.values())

    def choose(i: int) -> None:
        nonlocal used_words
        chosen.append(i)
        used_words += word_counts[i]
        if vectors is not None:
            for word, weight in vectors[i].items():
                postings.setdefault(word, []).append((i, weight))

    for i in ranking:
        if full():
            break
        if duplicate(i):
            skipped.append(i)
        elif fits(i):
            choose(i)
    for i in skipped:
        if full():
            break
        if fits(i):
            choose(i)
    if not chosen and ranking:
        chosen.append(ranking[0])  # a word budget smaller than any sentence still gets one
    return tuple(sorted(chosen))


# ---------------------------------------------------------------- sumy methods


class _WordTokenizer:
    """What sumy's Sentence needs from a tokenizer, without NLTK's punkt data."""

    def __init__(self, lang: str) -> None:
        self.language = lang

    @staticmethod
    def to_words(text: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(text))

    @staticmethod
    def to_sentences(text: str) -> tuple[str, ...]:
        return (text,)


class _RankingCapture:
    """Passed to sumy as the sentence count: records sumy's full ranking instead of cutting it."""

    def __init__(self) -> None:
        self.order: list[int] = []

    def __call__(self, infos: list) -> list:
        self.order = [info.order for info in infos]
        return infos


def _sumy_ranking(method: str, texts: list[str], paragraphs: list[int], lang: str, title: str) -> list[int]:
    from sumy.models.dom import ObjectDocumentModel
    from sumy.models.dom import Paragraph as SumyParagraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = _WordTokenizer(lang)
    groups: dict[int, list] = {}
    for text, paragraph in zip(texts, paragraphs, strict=True):
        groups.setdefault(paragraph, []).append(SumySentence(text, tokenizer))
    grouped = list(groups.values())
    if title.strip():
        grouped[0].insert(0, SumySentence(title, tokenizer, is_heading=True))
    model = ObjectDocumentModel([SumyParagraph(g) for g in grouped])

    summarizer = _sumy_summarizer(method, lang, texts)
    capture = _RankingCapture()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LSA warns when a document has fewer words than sentences
        try:
            summarizer(model, capture)
        except (ValueError, ZeroDivisionError, ArithmeticError):
            return list(range(len(texts)))  # degenerate input (no content words): keep the lead
    ranked = capture.order
    seen = set(ranked)
    return ranked + [i for i in range(len(texts)) if i not in seen]


def _sumy_summarizer(method: str, lang: str, texts: list[str]):
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes = {
        "lexrank": LexRankSummarizer, "luhn": LuhnSummarizer, "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer, "sumbasic": SumBasicSummarizer, "kl": KLSummarizer,
    }
    stem = _stemmer(lang)
    stops = _stop_words(lang)
    if method != "edmundson":
        summarizer = classes[method](stem)
        summarizer.stop_words = stops
        return summarizer
    # Key words: the document's most frequent content words; location and title use headings.
    # sumy refuses empty word sets, so a never-matching empty string stands in for "none".
    summarizer = EdmundsonSummarizer(
        stem, cue_weight=0.0, key_weight=1.0, title_weight=1.0, location_weight=1.0
    )
    surface: dict[str, str] = {}
    frequent: Counter[str] = Counter()
    for word in (w.lower() for t in texts for w in _WORD.findall(t)):
        if word not in stops and not word.isdigit():
            stemmed = stem(word)
            surface.setdefault(stemmed, word)
            frequent[stemmed] += 1
    summarizer.bonus_words = [surface[s] for s, _ in frequent.most_common(10)] or [""]
    summarizer.null_words = stops or {""}
    return summarizer
