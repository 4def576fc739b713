"""What a batch translates: folders, files, lists of links, JSONL archives and standard input -> Items.

Every item has an id (the file's path under the folder given, the archive's own id, the link) and a
key: the hash of its content (of the link itself for a link, which is fetched only when translated).
A problem with one input (a missing file, a broken archive line) is a Problem that the manifest
records; it never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from translit.ingest import UPLOAD_TYPES, is_url

KINDS = ("file", "url", "text")
ARCHIVE_SUFFIXES = (".jsonl", ".ndjson")
LINK_LIST_SUFFIXES = (".urls", ".txt", ".list")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Item:
    """One document of a batch."""

    id: str
    input: str
    """Where it came from, for the manifest: a path, `archive.jsonl:12`, a link."""
    kind: str
    """"file" (payload: a path), "url" (payload: the link) or "text" (payload: the text itself)."""
    payload: str
    key: str
    """sha256 of the content (of the link, for a link): with the id it names the outputs."""

    @property
    def stem(self) -> str:
        """The start of every output file name of this item: a readable slug of its id and its key."""
        slug = _SLUG.sub("-", self.id.lower()).strip("-")[:60].rstrip("-") or "document"
        return f"{slug}-{self.key[:12]}"


@dataclass(frozen=True)
class Problem:
    """An input that gives no item, with a one-line reason."""

    id: str
    input: str
    reason: str


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_item(item_id: str, where: str, text: str) -> Item:
    return Item(item_id, where, "text", text, _sha256(text.encode("utf-8")))


def url_item(item_id: str, where: str, url: str) -> Item:
    return Item(item_id, where, "url", url.strip(), _sha256(url.strip().encode("utf-8")))


def collect(inputs: Sequence[str], stdin: Iterable[str] | None = None) -> tuple[list[Item], list[Problem]]:
    """Every item of the inputs, in order; duplicates (same id) after the first become problems."""
    items: list[Item] = []
    problems: list[Problem] = []
    for value in inputs:
        for found in _expand(value, stdin if stdin is not None else sys.stdin):
            if isinstance(found, Item):
                items.append(found)
            else:
                problems.append(found)
    seen: dict[str, Item] = {}
    unique = []
    for item in items:
        if item.id in seen:
            reason = f"the same id as {seen[item.id].input}; it is translated once"
            problems.append(Problem(item.id, item.input, reason))
            continue
        seen[item.id] = item
        unique.append(item)
    return unique, problems


def _expand(value: str, stdin: Iterable[str]) -> Iterator[Item | Problem]:
    if value == "-":
        yield from _lines("-", "-", list(stdin))
        return
    if is_url(value):
        yield url_item(value.strip(), value.strip(), value)
        return
    path = Path(value)
    if path.is_dir():
        for file in _files_under(path):
            yield _file_item(file, file.relative_to(path).as_posix())
        return
    if not path.is_file():
        yield Problem(value, value, "no such file or folder; check the path")
        return
    if path.suffix.lower() in ARCHIVE_SUFFIXES or (
            path.suffix.lower() in LINK_LIST_SUFFIXES and _is_link_list(path)):
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            yield Problem(value, value, f"cannot be read as UTF-8 text ({error})")
            return
        yield from _lines(value, path.name, lines)
        return
    yield _file_item(path, value)


def _files_under(folder: Path) -> list[Path]:
    """Every file translate reads, in sorted order; hidden files and folders are left out."""
    wanted = {f".{suffix}" for suffix in UPLOAD_TYPES}
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found += [Path(root) / f for f in sorted(files) if not f.startswith(".") and Path(f).suffix.lower() in wanted]
    return found


def _file_item(path: Path, item_id: str) -> Item | Problem:
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(item_id, str(path), f"cannot be read ({error.strerror}); check its permissions")
    return Item(item_id, str(path), "file", str(path), _sha256(data))


def _is_link_list(path: Path) -> bool:
    """A text file whose every line (blank lines and # comments aside) is a web link."""
    try:
        with path.open(encoding="utf-8-sig") as stream:
            lines = [line.strip() for line in stream.read(1_000_000).splitlines()]
    except (OSError, UnicodeDecodeError):
        return False
    lines = [line for line in lines if line and not line.startswith("#")]
    return bool(lines) and all(is_url(line) and " " not in line for line in lines)


def _lines(where: str, name: str, lines: list[str]) -> Iterator[Item | Problem]:
    """A JSONL archive ({"id", "text"} or {"id", "url"} per line), or a list of links, or (standard input
    only) one document."""
    content = [(number, line.strip()) for number, line in enumerate(lines, 1) if line.strip()]
    if not content:
        yield Problem(where, where, "empty: nothing to translate")
        return
    if content[0][1].startswith("{") or Path(name).suffix.lower() in ARCHIVE_SUFFIXES:
        # An archive: each line stands alone, a broken one is a problem of its own.
        for number, line in content:
            yield _archive_line(f"{name}:{number}", line)
        return
    links = [line for _, line in content if not line.startswith("#")]
    if links and all(is_url(line) and " " not in line for line in links):
        for number, line in content:
            if not line.startswith("#"):
                yield url_item(line, f"{name}:{number}", line)
        return
    if where == "-":
        yield text_item("stdin", "-", "\n".join(lines))
        return
    yield Problem(where, where, "not a JSONL archive: every line must be a JSON object with an id and a text or url")


def _archive_line(where: str, line: str) -> Item | Problem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Problem(where, where, f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(record, dict):
        return Problem(where, where, 'not a JSON object; write {"id": ..., "text": ...} or {"id": ..., "url": ...}')
    item_id = str(record.get("id", "")).strip()
    if not item_id:
        return Problem(where, where, 'no "id": every line needs one (it names the outputs)')
    text, url = record.get("text"), record.get("url")
    if isinstance(text, str) and text.strip():
        return text_item(item_id, where, text)
    if isinstance(url, str) and is_url(url):
        return url_item(item_id, where, url)
    return Problem(item_id, where, 'neither a "text" nor an http(s) "url"')
