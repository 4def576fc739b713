"""Work kept on disk between runs: what every process would otherwise rebuild at start-up.

Each entry is a pickle file named by a hash of everything it was built from, so a change of any input
(a glossary edit, another version of a library) builds anew instead of reading a stale file. A damaged
or foreign file is ignored and replaced; two processes may build at once (translit.files.write_atomically:
the last rename wins and both files are whole). A read-only or full disk only means
the work is not kept. The folder is TRANSLIT_CACHE_DIR, else $XDG_CACHE_HOME/translit; safe to delete.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
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


def path_for(kind: str, key: object) -> Path:
    digest = hashlib.sha256(repr((FORMAT, kind, key)).encode()).hexdigest()[:32]
    return cache_dir() / f"{kind}-{digest}.pickle"


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


def file_stamp(path: str | os.PathLike[str]) -> tuple[str, int, int]:
    """What identifies a file's version cheaply: its path, size and modification time."""
    stat = os.stat(path)
    return (os.fspath(path), stat.st_size, stat.st_mtime_ns)
