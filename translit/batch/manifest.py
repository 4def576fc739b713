"""OUTDIR/manifest.jsonl: one JSON line per document and attempt, appended and synced as each finishes.

The file is a log: a rerun appends "skipped" for documents already done, and the last line of an id
is its state. A line cut short by a crash is ignored when read back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from translit.errors import InputError

MANIFEST_NAME = "manifest.jsonl"


def read_manifest(outdir: Path) -> dict[str, dict]:
    """The last row of every id in the manifest (none when there is no manifest yet)."""
    path = outdir / MANIFEST_NAME
    if not path.is_file():
        return {}
    last: dict[str, dict] = {}
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            try:
                found = json.loads(line)
            except json.JSONDecodeError:
                continue  # the end of a line cut off by a crash: the document is simply done again
            if isinstance(found, dict) and "id" in found:
                last[str(found["id"])] = found
    return last


class ManifestWriter:
    """Appends rows, each flushed and synced before the next document is counted as finished."""

    def __init__(self, outdir: Path) -> None:
        try:
            outdir.mkdir(parents=True, exist_ok=True)
            self._stream = (outdir / MANIFEST_NAME).open("a", encoding="utf-8")
        except OSError as error:
            raise InputError(
                f"Cannot write the manifest in {outdir}: {error.strerror}. Choose another -o folder."
            ) from None

    def write(self, found: dict) -> None:
        self._stream.write(json.dumps(found, ensure_ascii=False, sort_keys=False) + "\n")
        self._stream.flush()
        os.fsync(self._stream.fileno())

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> ManifestWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
