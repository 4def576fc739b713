"""The work of one batch worker, the same in every engine: load documents, translate them together,
write their outputs atomically, and report one manifest row per document.

A worker loads its translator once (in a process of the local pool, or a Ray actor) and keeps it for
every chunk of documents it is given.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translit.batch.items import Item
from translit.config import Settings
from translit.document import Document, Result
from translit.errors import TranslitError
from translit.files import write_atomically
from translit.pipeline import Options

STATUSES = ("done", "failed", "skipped")


@dataclass(frozen=True)
class Job:
    """What every document of a batch gets: the same options, formats, folder and date."""

    outdir: Path
    options: Options
    formats: tuple[str, ...] = ("json",)
    date: str = ""
    """The date printed in the exports: the day the batch started, so every output of it agrees."""
    settings: Settings = field(default_factory=Settings.from_env)

    @property
    def fingerprint(self) -> str:
        """What the outputs depend on besides the document: a rerun with other options redoes the work."""
        from translit.glossary import shipped_files

        files = [*shipped_files(), *map(Path, self.options.glossary_paths)]
        stamps = [(f.name, f.stat().st_mtime_ns if f.is_file() else 0) for f in files]
        described = repr((self.options, self.formats, self.date, self.settings.backend, stamps))
        return hashlib.sha256(described.encode()).hexdigest()[:16]

    def outputs(self, item: Item) -> tuple[Path, ...]:
        from translit.export import EXPORT_FORMATS

        return tuple(self.outdir / f"{item.stem}.{EXPORT_FORMATS[fmt][0]}" for fmt in self.formats)


def row(item: Item, status: str, *, reason: str = "", job: str = "", **details: object) -> dict:
    """A manifest row (one JSON line of OUTDIR/manifest.jsonl)."""
    found: dict[str, object] = {"id": item.id, "input": item.input, "hash": item.key, "status": status}
    if reason:
        found["reason"] = " ".join(reason.split())
    found.update(details)
    found["job"] = job
    return found


class Worker:
    """Translates chunks of items with one translator, loaded when the worker starts."""

    def __init__(self, job: Job) -> None:
        from translit.session import Session

        self.job = job
        self.session = Session(job.settings)
        self.fingerprint = job.fingerprint

    def process(self, items: Sequence[Item]) -> list[dict]:
        """One manifest row per item, in order: done (outputs written) or failed with the reason."""
        from translit.pipeline import run_many

        started = time.perf_counter()
        rows: dict[int, dict] = {}
        documents: list[tuple[int, Document]] = []
        for index, item in enumerate(items):
            try:
                documents.append((index, self._document(item)))
            except TranslitError as error:
                rows[index] = row(item, "failed", reason=str(error), job=self.fingerprint)
        translator = self.session.translator
        results = run_many([d for _, d in documents], self.job.options, translator) if documents else []
        sentences = sum(len(r.pairs) for r in results if isinstance(r, Result)) or 1
        elapsed = time.perf_counter() - started
        for (index, _), result in zip(documents, results):
            item = items[index]
            if isinstance(result, TranslitError):
                rows[index] = row(item, "failed", reason=str(result), job=self.fingerprint)
                continue
            try:
                written = self._write(item, result)
            except OSError as error:
                rows[index] = row(item, "failed", reason=f"could not write the outputs: {error}", job=self.fingerprint)
                continue
            rows[index] = row(
                item, "done", job=self.fingerprint, **_summary(result), outputs=[p.name for p in written],
                # One call translated the chunk: each document is given its share of the time by sentences.
                seconds=round(elapsed * len(result.pairs) / sentences, 3),
            )
        return [rows[i] for i in range(len(items))]

    def _document(self, item: Item) -> Document:
        from translit.ingest import document_from_bytes, load_document

        settings = self.job.settings
        if item.kind == "text":
            data = item.payload.encode("utf-8")
            return document_from_bytes(data, f"{item.id}.txt", settings=settings, source=item.id)
        return load_document(item.payload, settings=settings)

    def _write(self, item: Item, result: Result) -> tuple[Path, ...]:
        from translit.export import ExportOptions, export

        options = ExportOptions(include_full=True, date=self.job.date or None)
        paths = self.job.outputs(item)
        for fmt, path in zip(self.job.formats, paths):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, export(result, fmt, options))
        return paths


def _summary(result: Result) -> dict:
    from translit import terms
    from translit.export import flags_in

    flags = len(flags_in(result))  # the list every export shows, one per thing to check
    return {
        "source_lang": result.source_lang,
        "target_lang": result.target_lang,
        "sentences": len(result.pairs),
        "terms": sum(1 for p in result.pairs for u in p.terms if not terms.is_protected(u.hit)),
        "flags": flags,
        "models": [f"{m.from_code}->{m.to_code} {m.version}".strip() for m in result.models],
        "glossary": result.glossary_version,
    }
