"""Work kept on disk between runs: what every process would otherwise rebuild at start-up.

Each entry is a file (a pickle, or raw numpy arrays for remembered_arrays) named by a hash of
everything it was built from, so a change of any input
(a glossary edit, another version of a library) builds anew instead of reading a stale file. A damaged
or foreign file is ignored and replaced; two processes may build at once (translit.files.write_atomically:
the last rename wins and both files are whole). A read-only or full disk only means
the work is not kept. The folder is TRANSLIT_CACHE_DIR, else $XDG_CACHE_HOME/translit; safe to delete.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, TypeVar

from translit.files import write_atomically

T = TypeVar("T")

FORMAT = 1
"""Bump when what is stored changes shape: files of other formats are then never read."""


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
    """Delete every file of the cache (each is rebuilt when a run needs it): (files, bytes) deleted. A
    process that has a file mapped keeps reading it; only its name goes."""
    files = size = 0
    for name in os.listdir(cache_dir()) if cache_dir().is_dir() else ():
        if _ENTRY.fullmatch(name) is not None:
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
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return built


_ARRAYS_MAGIC = b"translit-arrays\n"
_ALIGN = 64


def remembered_arrays(
    kind: str, key: object, build: Callable[[], dict[str, Any]], names: Collection[str]
) -> dict[str, Any]:
    """Like remembered(), for numpy arrays: kept raw in one file and read back memory-mapped, so that
    reading costs no copy and only the pages a run touches take memory. Arrays read back are read-only.
    A file that does not hold exactly the arrays `names` is built anew."""
    path = path_for(kind, key, ".arrays")
    try:
        found = _mapped(path)
        if set(found) == set(names):
            return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    built = build()
    _keep_arrays(path, built)
    return built


class StoredArrays:
    """One-dimensional arrays of a cache file, read a slice at a time. Unlike a mapping, whose pages
    stay in the process once touched, what is read here is copied out and the file's pages stay in
    the system's file cache: scattered lookups over a large table keep the process small."""

    def __init__(self, path: Path | None, layout: dict[str, tuple[str, int, int]], built: dict[str, Any]):
        import threading

        self._layout = layout
        self._built = built
        self._stream = open(path, "rb", buffering=0) if path is not None else None  # noqa: SIM115
        self._lock = threading.Lock()

    def __del__(self) -> None:
        stream = getattr(self, "_stream", None)
        if stream is not None:
            stream.close()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._layout) if self._stream is not None else frozenset(self._built)

    def length(self, name: str) -> int:
        return self._layout[name][1] if self._stream is not None else len(self._built[name])

    def read(self, name: str, start: int = 0, stop: int | None = None) -> Any:
        """array[start:stop] of the array `name`, as a new array."""
        import numpy as np

        if self._stream is None:
            return self._built[name][start:stop].copy()
        dtype_str, length, offset = self._layout[name]
        dtype = np.dtype(dtype_str)
        start, stop, _ = slice(start, stop).indices(length)
        count = max(0, stop - start)
        at, size = offset + start * dtype.itemsize, count * dtype.itemsize
        if hasattr(os, "pread"):  # no shared file position: safe across threads and forked processes
            data = os.pread(self._stream.fileno(), size, at)
        else:
            with self._lock:
                self._stream.seek(at)
                data = self._stream.read(size)
        if len(data) != size:
            raise OSError(f"{self._stream.name} is shorter than its header says; delete it to rebuild it")
        return np.frombuffer(data, dtype=dtype).copy()


def remembered_slices(
    kind: str, key: object, build: Callable[[], dict[str, Any]], names: Collection[str]
) -> StoredArrays:
    """Like remembered_arrays(), for one-dimensional arrays read a slice at a time (StoredArrays)
    instead of mapped. Without a usable cache folder, the arrays built are read from memory."""
    path = path_for(kind, key, ".arrays")
    if (stored := _stored(path, names)) is not None:
        return stored
    built = build()
    if _keep_arrays(path, built) and (stored := _stored(path, names)) is not None:
        return stored
    return StoredArrays(None, {}, built)


def _stored(path: Path, names: Collection[str]) -> StoredArrays | None:
    """The file's arrays, or None when it is missing, damaged or holds other arrays."""
    try:
        layout = _flat_layout(path)
        return StoredArrays(path, layout, {}) if set(layout) == set(names) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _keep_arrays(path: Path, arrays: dict[str, Any]) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, _packed(arrays))
        return True
    except OSError:
        return False


def _packed(arrays: dict[str, Any]) -> bytes:
    import json

    import numpy as np

    layout, offset = {}, 0
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
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


def _header(head: bytes | mmap.mmap, path: Path) -> tuple[dict[str, Any], int]:
    """The layout in a file's first bytes, and where its data begins."""
    import json

    if head[:len(_ARRAYS_MAGIC)] != _ARRAYS_MAGIC:
        raise ValueError(f"{path} is not a translit arrays file")
    size = int.from_bytes(head[len(_ARRAYS_MAGIC):len(_ARRAYS_MAGIC) + 8], "little")
    header_end = len(_ARRAYS_MAGIC) + 8 + size
    if len(head) < header_end:
        raise ValueError(f"{path} is cut short")
    layout = json.loads(head[len(_ARRAYS_MAGIC) + 8:header_end])
    return layout, -(-header_end // _ALIGN) * _ALIGN


def _mapped(path: Path) -> dict[str, Any]:
    import numpy as np

    with open(path, "rb") as stream:
        mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    layout, start = _header(mapped, path)
    found = {}
    for name, (dtype, shape, offset) in layout.items():
        count = int(np.prod(shape, dtype=np.int64))
        # frombuffer raises ValueError when the file is shorter than its header says (a cut file).
        found[name] = np.frombuffer(mapped, dtype=np.dtype(dtype), count=count, offset=start + offset).reshape(shape)
    return found


def _flat_layout(path: Path) -> dict[str, tuple[str, int, int]]:
    """name -> (dtype, length, offset in the file) of a file of one-dimensional arrays, checked against
    the file's size."""
    import numpy as np

    with open(path, "rb") as stream:
        head = stream.read(len(_ARRAYS_MAGIC) + 8)
        size = os.fstat(stream.fileno()).st_size
        if head[:len(_ARRAYS_MAGIC)] != _ARRAYS_MAGIC:
            raise ValueError(f"{path} is not a translit arrays file")
        header_size = int.from_bytes(head[len(_ARRAYS_MAGIC):], "little")
        if len(head) + header_size > size:  # a damaged length must not ask for that much memory
            raise ValueError(f"{path} is cut short")
        head += stream.read(header_size)
    layout, start = _header(head, path)
    found = {}
    for name, (dtype, shape, offset) in layout.items():
        if len(shape) != 1 or shape[0] < 0 or offset < 0 or np.dtype(dtype).hasobject:
            raise ValueError(f"{name} in {path} is not a one-dimensional array of numbers")
        end = start + offset + shape[0] * np.dtype(dtype).itemsize
        if end > size:
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
