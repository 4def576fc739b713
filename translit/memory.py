"""The translation memory: every sentence a person translated, kept in SQLite and offered again.

One file (`$TRANSLIT_MEMORY`, else XDG_DATA_HOME/translit/memory.sqlite) holds units: a source
sentence, its translation, the two languages, the article it came from, when, and who made it
("human" or "machine"). A sentence that comes back the same (ignoring case, spacing, the kind of
quotation marks and, where it is safe, the numbers) reuses a person's translation; similar ones
(75 % of the words or more) are offered with the difference shown.

Concurrent writers (two app sessions, the CLI) lose nothing: the file is in WAL mode, and every
write is one short transaction that takes the write lock first. A damaged file is reported, never
replaced: a person's work is in it.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from translit.config import default_memory_path
from translit.document import MemoryMatch
from translit.errors import InputError, TranslitError

APPLICATION_ID = 0x74726C74  # "trlt": tells translit's memory from any other SQLite file
SCHEMA_VERSION = 1
FUZZY_THRESHOLD = 75
BUSY_TIMEOUT_S = 30
WHO = ("human", "machine")

_SCHEMA = """
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source_key TEXT NOT NULL,
    words INTEGER NOT NULL,
    article TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    who TEXT NOT NULL CHECK (who IN ('human', 'machine'))
);
CREATE INDEX units_by_key ON units (source_lang, target_lang, source_key);
CREATE INDEX units_by_length ON units (source_lang, target_lang, words);
"""


class MemoryDamagedError(TranslitError):
    """The memory file cannot be read as translit's memory."""


@dataclass(frozen=True)
class Unit:
    """One stored translation."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    article: str = ""
    created: str = ""
    who: str = "human"


@dataclass(frozen=True)
class MemoryStats:
    path: Path
    units: int
    human: int
    machine: int
    pairs: tuple[tuple[str, str, int], ...]
    """(source language, target language, units)."""
    size_bytes: int


def article_id(document) -> str:
    """A short, stable id of an article: its text's hash (the same text, the same id)."""
    import hashlib

    return hashlib.sha256(" ".join(document.text.split()).encode()).hexdigest()[:16]


# --- matching ---------------------------------------------------------------------------------------

_QUOTES = str.maketrans({c: '"' for c in "“”„«»″‟"} | {c: "'" for c in "‘’‚‹›′ʼ"} | {c: "-" for c in "–—‑"})
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def match_key(text: str) -> str:
    """The sentence as exact matching sees it: case, spacing, quotation marks and numbers folded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = _NUMBER.sub("#", text)
    return _SPACE.sub(" ", text).strip()


def _words(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold())


def similarity(a: str, b: str) -> int:
    """How alike two sentences are, in percent of their words (and punctuation) in common, in order."""
    return round(100 * difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio())


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, words) from the stored sentence to this one: op is "equal", "delete" or "insert"."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, [w.casefold() for w in a], [w.casefold() for w in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(b[j1:j2])))
    return out


def _plural_class(number: str) -> str:
    """The grammatical number a figure asks of the noun after it (1, 21: one; 2-4, 22: few; 5, 11: many),
    the same for English and the Slavic languages; a fraction is its own class."""
    digits = re.sub(r"\D", "", number)
    if re.search(r"[.,]\d{1,2}$", number) or not digits:
        return "fraction"
    value = int(digits)
    if value % 10 == 1 and value % 100 != 11:
        return "one"
    if 2 <= value % 10 <= 4 and not 12 <= value % 100 <= 14:
        return "few"
    return "many"


def renumbered(stored_source: str, stored_target: str, source: str) -> str | None:
    """The stored translation with its numbers changed to the new sentence's, or None when that is not
    certain: each changed number must appear once, as written, in the translation, and ask for the
    same grammatical number (1 год / 5 лет cannot be swapped)."""
    old, new = _NUMBER.findall(stored_source), _NUMBER.findall(source)
    if len(old) != len(new):
        return None
    target = stored_target
    changes = [(a, b) for a, b in zip(old, new) if a != b]
    if not changes:
        return target
    for a, b in changes:
        if old.count(a) != 1 or _plural_class(a) != _plural_class(b):
            return None
        places = [m for m in re.finditer(rf"(?<![\d.,]){re.escape(a)}(?![\d]|[.,]\d)", target)]
        if len(places) != 1:
            return None
    for a, b in changes:
        target = re.sub(rf"(?<![\d.,]){re.escape(a)}(?![\d]|[.,]\d)", b, target, count=1)
    return target


# --- the store --------------------------------------------------------------------------------------


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()


class Memory:
    """The memory in one SQLite file; each call opens its own short connection (thread- and process-safe)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_memory_path()

    # connections

    @contextlib.contextmanager
    def _connect(self, *, create: bool) -> Iterator[sqlite3.Connection]:
        if not self.path.exists():
            if not create:
                yield from self._empty()
                return
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(f"Cannot create the translation memory in {self.path.parent} ({exc.strerror}); "
                                 "set TRANSLIT_MEMORY to a file in a folder you can write.") from None
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise InputError(f"Cannot open the translation memory {self.path} ({exc}); check the file's "
                             "permissions, or set TRANSLIT_MEMORY to another file.") from None
        try:
            self._prepare(connection)
            yield connection
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise InputError(f"The translation memory {self.path} stayed locked by another program for "
                                 f"{BUSY_TIMEOUT_S} s; try again.") from None
            raise self._damaged(str(exc)) from None
        finally:
            connection.close()

    def _empty(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(":memory:", isolation_level=None)
        try:
            connection.executescript(_SCHEMA)
            yield connection
        finally:
            connection.close()

    def _prepare(self, connection: sqlite3.Connection) -> None:
        app = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app == 0 and not tables:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("BEGIN IMMEDIATE")
            try:
                tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if not tables:  # another process may have made it while this one waited for the lock
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            connection.execute(statement)
                    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            return
        if app != APPLICATION_ID or "units" not in tables:
            raise MemoryDamagedError(
                f"{self.path} is an SQLite file of another program, not a translit translation memory; set "
                "TRANSLIT_MEMORY to another file (translit leaves this one as it is).")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(f"The translation memory {self.path} was written by a newer translit (format "
                             f"{version}); upgrade translit to use it.")
        connection.execute("PRAGMA synchronous = FULL")

    def _damaged(self, detail: str) -> MemoryDamagedError:
        if "not a database" in detail:
            return MemoryDamagedError(
                f"{self.path} cannot be read as a translation memory ({detail}). If TRANSLIT_MEMORY points at the "
                "wrong file, set it to another one; if it is the memory, translit leaves it as it is: restore it "
                f"from a backup, or move it aside (for example to {self.path.name}.damaged) and translit starts "
                f"a new one.")
        return MemoryDamagedError(
            f"The translation memory {self.path} cannot be read ({detail}). translit leaves it as it is: it "
            f"holds people's translations. Restore it from a backup, or move it aside (for example to "
            f"{self.path.name}.damaged) and translit starts a new one; `sqlite3 {self.path} .recover` may "
            "save what it holds."
        )

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._connect(create=True) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

    # writing

    def add(self, units: Iterable[Unit]) -> int:
        """Store units in one transaction; a unit already stored the same (both sides, languages, who) is
        not stored twice. Returns how many were added."""
        rows = [unit for unit in units if unit.source.strip() and unit.target.strip()]
        for unit in rows:
            if unit.who not in WHO:
                raise InputError(f"A memory unit is made by {' or '.join(WHO)}, not {unit.who!r}.")
        if not rows:
            return 0
        added = 0
        with self._writing() as connection:
            for unit in rows:
                key = match_key(unit.source)
                exists = connection.execute(
                    "SELECT 1 FROM units WHERE source_lang = ? AND target_lang = ? AND source_key = ? AND source = ? "
                    "AND target = ? AND who = ?",
                    (unit.source_lang, unit.target_lang, key, unit.source, unit.target, unit.who),
                ).fetchone()
                if exists:
                    continue
                connection.execute(
                    "INSERT INTO units (source, target, source_lang, target_lang, source_key, words, article, "
                    "created, who) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (unit.source, unit.target, unit.source_lang, unit.target_lang, key,
                     len(_words(unit.source)), unit.article, unit.created or _now(), unit.who),
                )
                added += 1
        return added

    def forget(self, *, source_lang: str | None = None, target_lang: str | None = None, article: str | None = None,
               before: str | None = None, everything: bool = False) -> int:
        """Delete units by pair, article or date (created before an ISO date); `everything` empties it."""
        if before is not None:
            try:
                before = datetime.date.fromisoformat(before).isoformat()
            except ValueError:
                raise InputError(f"--before {before!r} is not a date; write it as 2026-01-31.") from None
        where, values = self._where(source_lang, target_lang, article, before)
        if not where and not everything:
            raise InputError("Say what to forget: --pair en-ru, --article ID, --before 2026-01-01, or --all.")
        with self._writing() as connection:
            cursor = connection.execute("DELETE FROM units" + where, values)
            return cursor.rowcount

    @staticmethod
    def _where(source_lang, target_lang, article, before) -> tuple[str, list[str]]:
        clauses, values = [], []
        for column, value in (("source_lang", source_lang), ("target_lang", target_lang), ("article", article)):
            if value is not None:
                clauses.append(f"{column} = ?")
                values.append(value)
        if before is not None:
            clauses.append("created < ?")
            values.append(before)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), values

    # reading

    def units(self, source_lang: str | None = None, target_lang: str | None = None) -> list[Unit]:
        where, values = self._where(source_lang, target_lang, None, None)
        with self._connect(create=False) as connection:
            rows = connection.execute(
                "SELECT source, target, source_lang, target_lang, article, created, who FROM units"
                + where + " ORDER BY id", values).fetchall()
        return [Unit(*row) for row in rows]

    def stats(self) -> MemoryStats:
        with self._connect(create=False) as connection:
            if self.path.exists():
                problem = connection.execute("PRAGMA quick_check").fetchone()[0]
                if problem != "ok":
                    raise self._damaged(problem)
            by_who = dict(connection.execute("SELECT who, count(*) FROM units GROUP BY who").fetchall())
            pairs = connection.execute(
                "SELECT source_lang, target_lang, count(*) FROM units GROUP BY source_lang, target_lang "
                "ORDER BY count(*) DESC").fetchall()
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        human, machine = by_who.get("human", 0), by_who.get("machine", 0)
        return MemoryStats(self.path, human + machine, human, machine, tuple(map(tuple, pairs)), size)

    def version(self) -> tuple[int, int]:
        """Changes whenever a unit is added or forgotten (for caches)."""
        with self._connect(create=False) as connection:
            row = connection.execute("SELECT count(*), coalesce(max(id), 0) FROM units").fetchone()
        return int(row[0]), int(row[1])

    def exact(self, sources: Sequence[str], source_lang: str, target_lang: str) -> dict[int, MemoryMatch]:
        """For each sentence a person's translation of the same sentence (the newest), by index; where
        only the numbers differ, the translation with its numbers changed when that is certain."""
        keys = {i: match_key(text) for i, text in enumerate(sources) if text.strip()}
        if not keys:
            return {}
        found: dict[str, list] = {}
        with self._connect(create=False) as connection:
            wanted = sorted(set(keys.values()))
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = connection.execute(
                    "SELECT source_key, source, target, article, created FROM units WHERE source_lang = ? AND "
                    f"target_lang = ? AND who = 'human' AND source_key IN ({','.join('?' * len(chunk))}) "
                    "ORDER BY id", [source_lang, target_lang, *chunk]).fetchall()
                for key, *row in rows:
                    found.setdefault(key, []).append(row)
        matches = {}
        for index, key in keys.items():
            for stored_source, stored_target, article, created in reversed(found.get(key, [])):
                target = renumbered(stored_source, stored_target, sources[index])
                if target is not None:
                    matches[index] = MemoryMatch(stored_source, target, 100, article, created, "human")
                    break
        return matches

    def fuzzy(self, source: str, source_lang: str, target_lang: str, *, threshold: int = FUZZY_THRESHOLD,
              limit: int = 3) -> list[MemoryMatch]:
        """Stored sentences at least `threshold` % alike, best first (an exact one included, at 100)."""
        return self.fuzzy_many([source], source_lang, target_lang, threshold=threshold, limit=limit).get(0, [])

    def fuzzy_many(self, sources: Sequence[str], source_lang: str, target_lang: str, *,
                   threshold: int = FUZZY_THRESHOLD, limit: int = 3) -> dict[int, list[MemoryMatch]]:
        """fuzzy() for many sentences with one read of the memory: sentence index -> matches (none: left out)."""
        wanted = {i: _words(text) for i, text in enumerate(sources) if _words(text)}
        if not wanted:
            return {}
        share = threshold / 100
        bounds = {i: (int(len(w) * share / (2 - share)), int(len(w) * (2 - share) / share) + 1)
                  for i, w in wanted.items()}
        low, high = min(b[0] for b in bounds.values()), max(b[1] for b in bounds.values())
        with self._connect(create=False) as connection:
            rows = connection.execute(
                "SELECT source, target, article, created, who, words FROM units WHERE source_lang = ? AND "
                "target_lang = ? AND words BETWEEN ? AND ? ORDER BY id DESC",
                (source_lang, target_lang, low, high)).fetchall()
        stored = [(row, _words(row[0])) for row in rows]
        found: dict[int, list[MemoryMatch]] = {}
        matcher = difflib.SequenceMatcher(autojunk=False)
        for index, words in wanted.items():
            matcher.set_seq2(words)
            first, last = bounds[index]
            scored: dict[tuple[str, str], MemoryMatch] = {}
            for (stored_source, target, article, created, who, count), stored_words in stored:
                if not first <= count <= last:
                    continue
                matcher.set_seq1(stored_words)
                if matcher.real_quick_ratio() * 100 < threshold or matcher.quick_ratio() * 100 < threshold:
                    continue
                score = round(matcher.ratio() * 100)
                if score >= threshold and (stored_source, target) not in scored:
                    scored[stored_source, target] = MemoryMatch(stored_source, target, score, article, created, who)
            if scored:
                found[index] = sorted(scored.values(), key=lambda m: (-m.score, m.who != "human"))[:limit]
        return found
