"""Word frequencies as a third voice on short texts, from wordfreq's word lists.

On a word or two, character n-grams (fastText, py3langid) often cannot tell neighbours apart
("amigo" is Spanish and Portuguese, "sei" Italian and Portuguese); how common each word is in each
language can. wordfreq ships, for about forty languages, every word at least once in a million,
bucketed by frequency. Only its data files are read (wordfreq itself is never imported): the first
run keeps, per language, the sorted 32-bit hashes of its words and their frequencies in translit's
cache (5 bytes a word, about 9 MB), and later runs map them (a lookup touches a few pages). Two words
share a hash about once in 70,000 lookups of an unlisted word: it then counts as common. Nothing is
downloaded.

A single rare word ("descarga", "reposaba") is in none of those lists. For seventeen languages wordfreq
also has a large list, down to once in a hundred million: when no word of a text is in any small list,
the languages with a large list vote by it instead, and the others keep their share. Those rarer words
(about 6.5 million, 33 MB) are built into the cache the first time a text needs them (a few seconds,
once) and read a block at a time, not mapped: the process holds under 1 MB of them.
"""

from __future__ import annotations

import bisect
import math
import threading
import zlib
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

ABSENT = -7.0
"""log10 frequency given to a word a language's list lacks (the lists stop at 1e-6)."""
RARE_ABSENT = -9.0
"""The same for the large lists, which stop at 1e-8 (-8.5 and -10 did as well on the Tatoeba words)."""
SHARPNESS = 3.0
"""The vote is softmax(SHARPNESS * ln 10 * mean log10 frequency): chosen with WEIGHT on the Tatoeba
sets (1, 2, 3, 4 tried; benchmarks/short_texts.py)."""
WEIGHT = 0.5
"""The vote's share among the languages it has lists for (0.3, 0.5, 0.6, 0.7 tried)."""

_FORMAT = 3
_RARE_FORMAT = 1
_SMALL_FLOOR = 600
"""Centibels where the small lists stop: the large lists' words from there on are the rare ones."""
_BLOCK = 64
"""Rare words read per lookup: 256 bytes of hashes."""
_STEP = 3
"""Centibels per stored unit: frequencies are kept to 0.03 in log10, one byte each."""
_OURS = {"sh": ("hr", "bs", "sr"), "fil": ("tl",)}
"""wordfreq's codes that stand for other or more codes of translit's (its Serbo-Croatian list is in
Latin letters: Serbian Cyrillic is transliterated before it is looked up)."""
_SERBIAN_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
})
_loaded: dict[frozenset[str], WordFrequencies | None] = {}
_loaded_rare: dict[frozenset[str], RareWords | None] = {}
_lock = threading.Lock()


def word_hash(word: str) -> int:
    """A hash that is the same in every process (Python's own is salted per process) and quick to take
    over millions of words when the tables are built."""
    return zlib.crc32(word.encode("utf-8"))


def _spelled_for(lang: str, word: str) -> str:
    return word.translate(_SERBIAN_LATIN) if lang == "sr" else word


class WordFrequencies:
    """Per language, the sorted hashes of its listed words and each one's frequency (in _STEP centibels
    below 1); the rare words of the large lists come from `rare` when a text needs them."""

    def __init__(self, tables: dict[str, Any], languages: Sequence[str],
                 rare: Callable[[], RareWords | None] | None = None) -> None:
        """tables: "<lang>.hashes" and "<lang>.steps" per language, as cache.Arrays."""
        self._tables = {lang: (tables[f"{lang}.hashes"].values(), tables[f"{lang}.steps"].values())
                        for lang in languages}
        self.languages = frozenset(languages)
        self._rare = rare

    def log10_frequency(self, lang: str, word: str) -> float:
        hashes, steps = self._tables[lang]
        key = word_hash(_spelled_for(lang, word))
        at = bisect.bisect_left(hashes, key)
        if at < len(hashes) and hashes[at] == key:
            return -steps[at] * _STEP / 100
        return ABSENT

    def vote(self, words: Sequence[str], candidates: Iterable[str]) -> dict[str, float]:
        """A probability for each candidate that has a list (none when fewer than two have one). When
        no word is in any candidate's list, the candidates with a large list vote by it (RareWords)."""
        candidates = list(candidates)
        listed = [lang for lang in candidates if lang in self.languages]
        if len(listed) < 2 or not words:
            return {}
        means = {lang: sum(self.log10_frequency(lang, word) for word in words) / len(words) for lang in listed}
        if all(mean == ABSENT for mean in means.values()):
            rare = self._rare() if self._rare is not None else None
            listed = [lang for lang in candidates if rare is not None and lang in rare.languages]
            if rare is None or len(listed) < 2:
                return {}
            means = {lang: sum(rare.log10_frequency(lang, word) for word in words) / len(words) for lang in listed}
            if all(mean == RARE_ABSENT for mean in means.values()):
                return {}  # in no list at all: an even vote would only flatten the n-gram models' answer
        top = max(means.values())
        weights = {lang: math.exp(SHARPNESS * math.log(10) * (mean - top)) for lang, mean in means.items()}
        total = sum(weights.values())
        return {lang: weight / total for lang, weight in weights.items()}


class RareWords:
    """Per language, the words of wordfreq's large list below the small list's floor, as sorted hashes
    in blocks of _BLOCK: the first hash of each block is held in memory, a block is read per lookup."""

    def __init__(self, stored: Any, languages: Sequence[str]) -> None:
        self.stored = stored
        self.languages = frozenset(languages)
        self._fences = {lang: stored.read(f"{lang}.fence") for lang in languages}

    def log10_frequency(self, lang: str, word: str) -> float:
        key = word_hash(_spelled_for(lang, word))
        block = bisect.bisect_right(self._fences[lang], key) - 1
        if block < 0:
            return RARE_ABSENT
        start = block * _BLOCK
        hashes = self.stored.read(f"{lang}.hashes", start, start + _BLOCK)
        at = bisect.bisect_left(hashes, key)
        if at < len(hashes) and hashes[at] == key:
            return -(_SMALL_FLOOR + int(self.stored.read(f"{lang}.centibels", start + at, start + at + 1)[0])) / 100
        return RARE_ABSENT


def model(languages: Collection[str]) -> WordFrequencies | None:
    """The word lists of these languages, loaded once per process, or None without wordfreq."""
    from translit import cache

    key = frozenset(languages)
    return cache.once_per_process(_loaded, _lock, key, lambda: _load(key))


def rare_model(languages: Collection[str]) -> RareWords | None:
    """The rare words of the large lists of these languages, loaded once per process (built into the
    cache the first time), or None without wordfreq."""
    from translit import cache

    key = frozenset(languages)
    return cache.once_per_process(_loaded_rare, _lock, key, lambda: _load_rare(key))


def _data_folder() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder if folder.is_dir() else None


def _lists(folder: Path, languages: frozenset[str], size: str = "small") -> dict[str, Path]:
    """translit's code -> the word list of this size that holds it."""
    found = {}
    for path in sorted(folder.glob(f"{size}_*.msgpack.gz")):
        theirs = path.name[len(size) + 1:-len(".msgpack.gz")]
        for ours in _OURS.get(theirs, (theirs,)):
            if ours in languages:
                found[ours] = path
    return found


def _load(languages: frozenset[str]) -> WordFrequencies | None:
    folder = _data_folder()
    if folder is None:
        return None
    lists = _lists(folder, languages)
    if not lists:
        return None
    from translit import cache

    stamps = tuple(sorted((lang, cache.file_stamp(path)) for lang, path in lists.items()))
    names = [f"{lang}.{part}" for lang in lists for part in ("hashes", "steps")]
    tables = cache.remembered_arrays("wordfreq", (_FORMAT, stamps), lambda: _read(lists), names)
    return WordFrequencies(tables, sorted(lists), lambda: rare_model(languages))


def _load_rare(languages: frozenset[str]) -> RareWords | None:
    folder = _data_folder()
    lists = _lists(folder, languages, "large") if folder is not None else {}
    if not lists:
        return None
    from translit import cache

    stamps = tuple(sorted((lang, cache.file_stamp(path)) for lang, path in lists.items()))
    names = [f"{lang}.{part}" for lang in lists for part in ("fence", "hashes", "centibels")]
    stored = cache.remembered_slices("wordfreq-rare", (_RARE_FORMAT, stamps), lambda: _read_rare(lists), names)
    return RareWords(stored, sorted(lists))


def _hashed(path: Path, first_bucket: int, step: int) -> tuple[Any, Any]:
    """The sorted hashes of a list's words from bucket `first_bucket` on, and each one's frequency in
    `step` centibels below that bucket (one byte)."""
    import gzip

    import msgpack
    import numpy as np

    # [header, words at 0 cB, words at -1 cB, ...]: a word's bucket is its frequency in centibels.
    buckets = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=True)[1 + first_bucket:]
    first: dict[int, int] = {}
    for centibels, words in enumerate(buckets):
        for word in words:
            first.setdefault(zlib.crc32(word), centibels)
    hashes = np.fromiter(first.keys(), dtype=np.uint32, count=len(first))
    levels = np.fromiter((min(255, c // step) for c in first.values()), dtype=np.uint8, count=len(first))
    order = np.argsort(hashes)
    return hashes[order], levels[order]


def _read(lists: dict[str, Path]) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    read: dict[Path, tuple[Any, Any]] = {}
    for lang, path in lists.items():
        if path not in read:
            read[path] = _hashed(path, 0, _STEP)
        tables[f"{lang}.hashes"], tables[f"{lang}.steps"] = read[path]
    return tables


def _read_rare(lists: dict[str, Path]) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for lang, path in lists.items():
        hashes, tables[f"{lang}.centibels"] = _hashed(path, _SMALL_FLOOR, 1)
        tables[f"{lang}.hashes"], tables[f"{lang}.fence"] = hashes, hashes[::_BLOCK].copy()
    return tables
