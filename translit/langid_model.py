"""py3langid's naive Bayes language model (byte n-grams, 139 languages), read the fast way.

py3langid ships its model LZMA-compressed: decompressing it takes about 0.6 s, longer than the rest
of translit's start-up. The first run keeps the decompressed tables in translit's cache (only the
columns of the languages translit asks about), so later runs map about 57 MB of arrays instead
(of which a run reads only the pages its texts touch).
The scoring is py3langid's own: counts of the byte n-grams its automaton finds, log(1 + count)
times each language's table, plus the prior, scaled by 1/sqrt(bytes) before the softmax.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import Any

_PY3LANGID_CODES = {"no": "nb"}
"""py3langid's codes that translit spells otherwise."""
_FORMAT = 1
_TABLES = ("ptc", "pc", "classes", "nextmove", "rowbase", "output")
_loaded: dict[frozenset[str], NaiveBayes | None] = {}
_lock = threading.Lock()


class NaiveBayes:
    """ptc (n-gram x language, float16) as a cache.Array, read a row at a time; pc (each language's
    prior) and the automaton that finds the n-grams (nextmove, rowbase, output) as sequences of numbers."""

    def __init__(self, ptc: Any, pc: Sequence[float], classes: Sequence[str], nextmove: Sequence[int],
                 rowbase: Sequence[int], output: Sequence[int]):
        self.ptc, self.pc, self.classes = ptc, pc, list(classes)
        self._nextmove, self._rowbase, self._output = nextmove, rowbase, output
        self._columns: dict[str, list[int]] = {}
        for index, code in enumerate(self.classes):
            self._columns.setdefault(code, []).append(index)

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self._columns)

    def probabilities(self, text: str, candidates: Iterable[str]) -> dict[str, float]:
        """P(language | text) over the candidates it knows (summing to 1), or {} when the text has no
        n-gram the model knows or no candidate is known."""
        wanted = [code for code in dict.fromkeys(candidates) if code in self._columns]
        if not wanted:
            return {}
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")
        nextmove, rowbase, output = self._nextmove, self._rowbase, self._output
        state, found = 0, []
        for byte in data:
            state = nextmove[rowbase[state] + byte]
            feature = output[state]
            if feature >= 0:
                found.append(feature)
        if not found:
            return {}
        columns = [index for code in wanted for index in self._columns[code]]
        scores = [float(self.pc[column]) for column in columns]
        # Only the rows of the n-grams found are read: a short text touches a few pages of the table.
        for feature, count in Counter(found).items():
            weight, row = math.log1p(count), self.ptc.row(feature)
            for at, column in enumerate(columns):
                scores[at] += weight * row[column]
        scale = math.sqrt(len(data))
        top = max(scores)
        exps = [math.exp((score - top) / scale) for score in scores]
        total = sum(exps)
        merged: dict[str, float] = {}
        for index, value in zip(columns, exps):
            code = self.classes[index]
            merged[code] = merged.get(code, 0.0) + value / total
        return merged


def model(languages: Collection[str]) -> NaiveBayes | None:
    """The model restricted to these languages (translit's codes), loaded once per process; None when
    py3langid is not installed."""
    from translit import cache

    key = frozenset(languages)
    return cache.once_per_process(_loaded, _lock, key, lambda: _load(key))


def _model_file():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("py3langid")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "model.npz.xz"
    return path if path.is_file() else None


def _load(languages: frozenset[str]) -> NaiveBayes | None:
    path = _model_file()
    if path is None:
        return None
    from translit import cache

    tables = cache.remembered_arrays("py3langid", (_FORMAT, cache.file_stamp(path), tuple(sorted(languages))),
                                     lambda: _read(path, languages), _TABLES)
    # memoryviews: indexed per byte of text, they give plain ints without copying the mapped tables.
    return NaiveBayes(tables["ptc"], tables["pc"].values(), tables["classes"].strings(),
                      tables["nextmove"].values(), tables["rowbase"].values(), tables["output"].values())


def _read(path, languages: frozenset[str]) -> dict:
    import numpy as np
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(path)
    ours = [_PY3LANGID_CODES.get(code, code) for code in classes]
    kept = [index for index, code in enumerate(ours) if code in languages]
    return {"ptc": np.ascontiguousarray(np.asarray(ptc)[:, kept]), "pc": np.asarray(pc, dtype=np.float32)[kept],
            "classes": np.array([ours[index] for index in kept]),
            "nextmove": np.frombuffer(nextmove, dtype=np.uint16 if nextmove.itemsize == 2 else np.uint32),
            "rowbase": np.asarray(row, dtype=np.int64) << 8, "output": np.asarray(output, dtype=np.int32)}
