"""Work kept on disk between runs: what every process would otherwise rebuild at start-up.

Each entry is a file (a pickle, or raw arrays for remembered_arrays) named by a hash of
everything it was built from, so a change of any input
(a glossary edit, another version of a library) builds anew instead of reading a stale file. A damaged
or foreign file is ignored and replaced; two processes may build at once (translit.files.write_atomically:
the last rename wins and both files are whole). A read-only or full disk only means
the work is not kept. The folder is TRANSLIT_CACHE_DIR, else $XDG_CACHE_HOME/translit; safe to delete.
"""

from __future__ import annotations

import hashlib
import math
import mmap
import os
import pickle
import re
import struct
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from translit.files import write_atomically

T = TypeVar("T")

FORMAT = 1
"""Bump when what is stored changes shape: files of other formats are then never read."""


SLOW_BUILDS = {
    "py3langid": "the language-detection tables",
    "wordfreq": "the word lists of language detection",
    "wordfreq-rare": "the rare-word lists of language detection (about 5 seconds)",
}
"""The kinds whose first build makes a run wait long enough to say why."""
_build_notice: list[Callable[[str], None]] = []


def set_build_notice(notice: Callable[[str], None] | None) -> None:
    """Have notice(what) called before a first build of one of SLOW_BUILDS (what: its description), e.g. to
    tell the user why this run waits; None for silence (the default)."""
    _build_notice[:] = [notice] if notice is not None else []


def _announce(kind: str) -> None:
    if kind in SLOW_BUILDS:
        for notice in _build_notice:
            notice(SLOW_BUILDS[kind])


def cache_dir() -> Path:
    base = os.environ.get("TRANSLIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "translit"
    )
    return Path(base)


def path_for(kind: str, key: object, suffix: str = ".pickle") -> Path:
    digest = hashlib.sha256(repr((FORMAT, kind, key)).encode()).hexdigest()[:32]
    return cache_dir() / f"{kind}-{digest}{suffix}"


_ENTRY = re.compile(r"(?P<kind>[a-z0-9-]+)-[0-9a-f]{32}\.(?:pickle|arrays)")
"""The name of a file path_for() makes: only these are listed or cleared, whatever else the folder holds."""
_UNFINISHED = re.compile(r"\.(?:[a-z0-9-]+-[0-9a-f]{32}\.(?:pickle|arrays))\.[A-Za-z0-9_]+\.tmp")
"""A file write_atomically() was writing when its process was killed (it deletes its own otherwise)."""


def entries() -> list[tuple[str, int]]:
    """(kind, size in bytes) of each file in the cache, by kind ("py3langid", "wordfreq-rare", ...)."""
    try:
        names = sorted(os.listdir(cache_dir()))
    except OSError:
        return []
    found = []
    for name in names:
        if (match := _ENTRY.fullmatch(name)) is not None:
            try:
                found.append((match["kind"], os.stat(cache_dir() / name).st_size))
            except OSError:
                continue
    return found


def clear() -> tuple[int, int]:
    """Delete every file of the cache (each is rebuilt when a run needs it), and what killed writers left
    half written: (files, bytes) deleted. A process that has a file mapped keeps reading it; only its name
    goes."""
    files = size = 0
    for name in os.listdir(cache_dir()) if cache_dir().is_dir() else ():
        # A writer still at work loses its file too: its rename fails, and the work is only not kept.
        if _ENTRY.fullmatch(name) is not None or _UNFINISHED.fullmatch(name) is not None:
            path = cache_dir() / name
            try:
                length = path.stat().st_size
                path.unlink()
            except OSError:
                continue
            files, size = files + 1, size + length
    return files, size


def remembered(kind: str, key: object, build: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """What build() returns for this key: from the cache when an earlier run kept it (and valid() says
    it is of the right kind), else built now and kept. `key` must describe every input of build()."""
    path = path_for(kind, key)
    try:
        with open(path, "rb") as stream:
            found = pickle.load(stream)
        if valid(found):
            return found
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError,
            IndexError, KeyError):
        pass
    _announce(kind)
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return built


_ARRAYS_MAGIC = b"translit-arrays\n"
_ALIGN = 64
_NATIVE = "<" if sys.byteorder == "little" else ">"
_CODES = {"f2": "e", "f4": "f", "f8": "d", "i1": "b", "i2": "h", "i4": "i", "i8": "q",
          "u1": "B", "u2": "H", "u4": "I", "u8": "Q", "b1": "?"}
"""numpy's dtype (kind and size, after the byte order) -> the struct module's code for it."""


@dataclass(frozen=True)
class Array:
    """An array of a cache file, read without numpy (importing it would double a short command's
    start-up): its bytes, mapped or in memory, and what they hold. Read-only."""

    dtype: str
    """numpy's name for it, as written: "<u4", "|u1", "<f2", "<U2" (text, a fixed number of characters)."""
    shape: tuple[int, ...]
    raw: memoryview

    @property
    def code(self) -> str:
        return _CODES[self.dtype[1:]]

    def values(self) -> memoryview:
        """The numbers, flat, indexed like a list (Python's ints and floats); not for float16."""
        return self.raw.cast(self.code)  # type: ignore[call-overload]  # the code is one of _CODES

    def row(self, index: int) -> tuple[Any, ...]:
        """Row `index` of a two-dimensional array (any number type, float16 too)."""
        width = self.shape[1]
        return struct.unpack_from(f"={width}{self.code}", self.raw, index * width * struct.calcsize(self.code))

    def strings(self) -> tuple[str, ...]:
        """The texts of a one-dimensional text array ("<U2")."""
        width = int(self.dtype[2:])
        text = bytes(self.raw).decode("utf-32-le" if self.dtype[0] == "<" else "utf-32-be")
        return tuple(text[i:i + width].rstrip("\x00") for i in range(0, len(text), width))

    def tolist(self) -> list[Any]:
        if self.dtype[1] == "U":
            return list(self.strings())
        if len(self.shape) == 2:
            return [list(self.row(i)) for i in range(self.shape[0])]
        if self.code == "e":
            return list(struct.unpack(f"={self.shape[0]}e", self.raw))
        return self.values().tolist()


def _itemsize(dtype: str) -> int:
    """Bytes per element of a dtype an Array can read; ValueError for any other (another machine's
    byte order, objects)."""
    order, kind = dtype[:1], dtype[1:]
    if kind[:1] == "U" and kind[1:].isdigit() and order in "<>":
        return 4 * int(kind[1:])
    if kind not in _CODES or order not in ("|", _NATIVE):
        raise ValueError(f"cannot read arrays of {dtype!r}")
    return struct.calcsize(_CODES[kind])


def remembered_arrays(
    kind: str, key: object, build: Callable[[], dict[str, Any]], names: Collection[str]
) -> dict[str, Array]:
    """Like remembered(), for arrays that build() makes with numpy: kept raw in one file and read back
    memory-mapped as Arrays, so that reading costs no copy, no numpy, and only the pages a run touches
    take memory. A file that does not hold exactly the arrays `names` is built anew."""
    path = path_for(kind, key, ".arrays")
    try:
        with open(path, "rb") as stream:
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        found = _arrays(memoryview(mapped), path)
        if set(found) == set(names):
            return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    _announce(kind)
    packed = _packed(build())
    _keep(path, packed)
    return _arrays(memoryview(packed), path)


class StoredArrays:
    """One-dimensional arrays of a cache file, read a slice at a time. Unlike a mapping, whose pages
    stay in the process once touched, what is read here is copied out and the file's pages stay in
    the system's file cache: scattered lookups over a large table keep the process small."""

    def __init__(self, path: Path | None, layout: dict[str, tuple[str, int, int]], data: bytes = b""):
        import threading

        self._layout = layout
        self._data = data
        self._stream = open(path, "rb", buffering=0) if path is not None else None  # noqa: SIM115
        self._lock = threading.Lock()

    def __del__(self) -> None:
        stream = getattr(self, "_stream", None)
        if stream is not None:
            stream.close()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._layout)

    def length(self, name: str) -> int:
        return self._layout[name][1]

    def read(self, name: str, start: int = 0, stop: int | None = None) -> memoryview:
        """array[start:stop] of the array `name`, copied out, its numbers indexed like a list."""
        dtype, length, offset = self._layout[name]
        size = _itemsize(dtype)
        start, stop, _ = slice(start, stop).indices(length)
        at, count = offset + start * size, max(0, stop - start) * size
        if self._stream is None:
            data = self._data[at:at + count]
        elif hasattr(os, "pread"):  # no shared file position: safe across threads and forked processes
            data = os.pread(self._stream.fileno(), count, at)
        else:
            with self._lock:
                self._stream.seek(at)
                data = self._stream.read(count)
        if len(data) != count:
            raise OSError(f"{self._stream.name if self._stream else 'memory'} is shorter than its header says; "
                          "delete it to rebuild it")
        return memoryview(data).cast(_CODES[dtype[1:]])  # type: ignore[call-overload]


def remembered_slices(
    kind: str, key: object, build: Callable[[], dict[str, Any]], names: Collection[str]
) -> StoredArrays:
    """Like remembered_arrays(), for one-dimensional arrays of numbers read a slice at a time
    (StoredArrays) instead of mapped. Without a usable cache folder, the arrays built are read from memory."""
    path = path_for(kind, key, ".arrays")
    if (stored := _stored(path, names)) is not None:
        return stored
    _announce(kind)
    packed = _packed(build())
    if _keep(path, packed) and (stored := _stored(path, names)) is not None:
        return stored
    return StoredArrays(None, _flat_layout(packed, len(packed), path), packed)


def _stored(path: Path, names: Collection[str]) -> StoredArrays | None:
    """The file's arrays, or None when it is missing, damaged or holds other arrays."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(len(_ARRAYS_MAGIC) + 8)
            size = os.fstat(stream.fileno()).st_size
            header_size = int.from_bytes(head[len(_ARRAYS_MAGIC):], "little")
            if len(head) + header_size > size:  # a damaged length must not ask for that much memory
                raise ValueError(f"{path} is cut short")
            head += stream.read(header_size)
        layout = _flat_layout(head, size, path)  # checks the magic
        return StoredArrays(path, layout) if set(layout) == set(names) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _keep(path: Path, packed: bytes) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, packed)
        return True
    except OSError:
        return False


def _packed(arrays: dict[str, Any]) -> bytes:
    import json

    import numpy as np

    layout, offset = {}, 0
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        _itemsize(array.dtype.str)  # one an Array could not read back is a mistake in build()
        layout[name] = (array.dtype.str, list(array.shape), offset)
        offset += -(-array.nbytes // _ALIGN) * _ALIGN
    header = json.dumps(layout).encode()
    start = -(-(len(_ARRAYS_MAGIC) + 8 + len(header)) // _ALIGN) * _ALIGN
    data = bytearray(start + offset)
    data[:len(_ARRAYS_MAGIC) + 8 + len(header)] = _ARRAYS_MAGIC + len(header).to_bytes(8, "little") + header
    for name, array in arrays.items():
        raw = np.ascontiguousarray(array).tobytes()
        at = start + layout[name][2]
        data[at:at + len(raw)] = raw
    return bytes(data)


def _header(head: bytes | memoryview, path: Path) -> tuple[dict[str, Any], int]:
    """The layout in a file's first bytes, and where its data begins."""
    import json

    if bytes(head[:len(_ARRAYS_MAGIC)]) != _ARRAYS_MAGIC:
        raise ValueError(f"{path} is not a translit arrays file")
    size = int.from_bytes(head[len(_ARRAYS_MAGIC):len(_ARRAYS_MAGIC) + 8], "little")
    header_end = len(_ARRAYS_MAGIC) + 8 + size
    if len(head) < header_end:
        raise ValueError(f"{path} is cut short")
    layout = json.loads(bytes(head[len(_ARRAYS_MAGIC) + 8:header_end]))
    return layout, -(-header_end // _ALIGN) * _ALIGN


def _arrays(data: memoryview, path: Path) -> dict[str, Array]:
    layout, start = _header(data, path)
    found = {}
    for name, (dtype, shape, offset) in layout.items():
        count = math.prod(shape)
        at, end = start + offset, start + offset + count * _itemsize(dtype)
        if not 1 <= len(shape) <= 2 or min(shape) < 0 or offset < 0 or end > len(data):
            raise ValueError(f"{name} in {path} does not fit the file (cut short?)")
        found[name] = Array(dtype, tuple(shape), data[at:end])
    return found


def _flat_layout(head: bytes, size: int, path: Path) -> dict[str, tuple[str, int, int]]:
    """name -> (dtype, length, offset in the file) of a file of one-dimensional arrays of numbers,
    checked against the file's size."""
    layout, start = _header(head, path)
    found = {}
    for name, (dtype, shape, offset) in layout.items():
        if len(shape) != 1 or shape[0] < 0 or offset < 0 or dtype[1:] not in _CODES or dtype[1:] == "f2":
            raise ValueError(f"{name} in {path} is not a one-dimensional array of numbers")
        if start + offset + shape[0] * _itemsize(dtype) > size:
            raise ValueError(f"{path} is cut short")
        found[name] = (dtype, shape[0], start + offset)
    return found


def once_per_process(store: dict[Any, T], lock: Any, key: Any, load: Callable[[], T]) -> T:
    """store[key], made by load() the first time only, even when threads ask at once."""
    if key not in store:
        with lock:
            if key not in store:
                store[key] = load()
    return store[key]


def file_stamp(path: str | os.PathLike[str]) -> tuple[str, int, int]:
    """What identifies a file's version cheaply: its path, size and modification time."""
    stat = os.stat(path)
    return (os.fspath(path), stat.st_size, stat.st_mtime_ns)
