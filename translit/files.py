"""Files written whole or not at all: the one way translit writes outputs, glossaries and caches."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write beside the target, sync, then rename over it: a reader sees the old file or the new one,
    never part of either, and a failure leaves the old file as it was (and no temporary file).

    The file gets the permissions an ordinary new file would (0666 less the umask), not the private
    ones of a temporary file. The folder must exist.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return path
