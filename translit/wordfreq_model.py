"""Word frequencies as a third voice on short texts, from wordfreq's word lists.

On a word or two, character n-grams (fastText, py3langid) often cannot tell neighbours apart
("amigo" is Spanish and Portuguese, "sei" Italian and Portuguese); how common each word is in each
language can. wordfreq ships, for about forty languages, every word at least once in a million,
bucketed by frequency. Only its data files are read (wordfreq itself is never imported): the first
run keeps, per language, the sorted 32-bit hashes of its words and their frequencies in translit's
cache (5 bytes a word, about 9 MB), and later runs map them (a lookup touches a few pages). Two words
share a hash about once in 70,000 lookups of an unlisted word: it then counts as common. Nothing is
downloaded.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

ABSENT = -7.0
"""log10 frequency given to a word a language's list lacks (the lists stop at 1e-6)."""
SHARPNESS = 3.0
"""The vote is softmax(SHARPNESS * ln 10 * mean log10 frequency): chosen with WEIGHT on the Tatoeba
sets (1, 2, 3, 4 tried; benchmarks/short_texts.py)."""
WEIGHT = 0.5
"""The vote's share among the languages it has lists for (0.3, 0.5, 0.6, 0.7 tried)."""

_FORMAT = 2
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
_lock = threading.Lock()


def word_hash(word: str) -> int:
    """A hash that is the same in every process (Python's own is salted per process)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "little")


class WordFrequencies:
    """Per language, the sorted hashes of its listed words and each one's frequency (in _STEP centibels
    below 1)."""

    def __init__(self, tables: dict[str, Any], languages: Sequence[str]) -> None:
        self.tables = tables
        self.languages = frozenset(languages)

    def log10_frequency(self, lang: str, word: str) -> float:
        import numpy as np

        if lang == "sr":
            word = word.translate(_SERBIAN_LATIN)
        hashes = self.tables[f"{lang}.hashes"]
        key = np.uint32(word_hash(word))
        at = int(np.searchsorted(hashes, key))
        if at < len(hashes) and hashes[at] == key:
            return -int(self.tables[f"{lang}.steps"][at]) * _STEP / 100
        return ABSENT

    def vote(self, words: Sequence[str], candidates: Iterable[str]) -> dict[str, float]:
        """A probability for each candidate that has a list (none when fewer than two have one)."""
        listed = [lang for lang in candidates if lang in self.languages]
        if len(listed) < 2 or not words:
            return {}
        means = {lang: sum(self.log10_frequency(lang, word) for word in words) / len(words) for lang in listed}
        top = max(means.values())
        weights = {lang: math.exp(SHARPNESS * math.log(10) * (mean - top)) for lang, mean in means.items()}
        total = sum(weights.values())
        return {lang: weight / total for lang, weight in weights.items()}


def model(languages: Collection[str]) -> WordFrequencies | None:
    """The word lists of these languages, loaded once per process, or None without wordfreq."""
    from translit import cache

    key = frozenset(languages)
    return cache.once_per_process(_loaded, _lock, key, lambda: _load(key))


def _data_folder() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder if folder.is_dir() else None


def _lists(folder: Path, languages: frozenset[str]) -> dict[str, Path]:
    """translit's code -> the small word list that holds it."""
    found = {}
    for path in sorted(folder.glob("small_*.msgpack.gz")):
        theirs = path.name[len("small_"):-len(".msgpack.gz")]
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
    return WordFrequencies(tables, sorted(lists))


def _read(lists: dict[str, Path]) -> dict[str, Any]:
    import gzip

    import msgpack
    import numpy as np

    tables: dict[str, Any] = {}
    read: dict[Path, tuple[Any, Any]] = {}
    for lang, path in lists.items():
        if path not in read:
            # [header, words at 0 cB, words at -1 cB, ...]: a word's bucket is its frequency in centibels.
            buckets = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)[1:]
            first: dict[int, int] = {}
            for centibels, words in enumerate(buckets):
                for word in words:
                    first.setdefault(word_hash(word), centibels)
            hashes = np.fromiter(first.keys(), dtype=np.uint32, count=len(first))
            steps = np.fromiter((min(255, c // _STEP) for c in first.values()), dtype=np.uint8, count=len(first))
            order = np.argsort(hashes)
            read[path] = (hashes[order], steps[order])
        tables[f"{lang}.hashes"], tables[f"{lang}.steps"] = read[path]
    return tables
