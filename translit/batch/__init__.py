"""Batch translation of archives: resumable, idempotent, across cores (local engine) or a Ray cluster.

    report = run_batch(["news/", "links.urls"], Job(Path("out"), Options(target_lang="ru")))

Each document's outputs are written atomically under a name made of its id and content hash, and a
row per document is appended to OUTDIR/manifest.jsonl as it finishes, so an interrupted run loses
nothing already written: running it again skips what is done, retries what failed and does the rest.
One bad document never stops the batch.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from translit.batch.items import Item, Problem, collect
from translit.batch.manifest import MANIFEST_NAME, ManifestWriter, read_manifest
from translit.batch.work import Job, row
from translit.errors import InputError

ENGINES = ("local", "ray")
CHUNK_DOCUMENTS = 8
"""Documents a worker translates in one call: short articles together still fill the model's batches."""


@dataclass(frozen=True)
class BatchReport:
    done: int
    failed: int
    skipped: int
    sentences: int
    seconds: float

    @property
    def ok(self) -> bool:
        return self.failed == 0


Progress = Callable[[dict, int, int], None]
"""progress(row, finished documents, all documents): called as each document finishes."""


def plan(items: Sequence[Item], job: Job) -> tuple[list[Item], list[dict]]:
    """The items still to translate, and a "skipped" row for each one a previous run finished with the
    same content and options whose outputs are all still there."""
    previous = read_manifest(job.outdir)
    fingerprint = job.fingerprint
    todo, skipped = [], []
    for item in items:
        last = previous.get(item.id)
        if last is not None and last.get("status") in ("done", "skipped") and last.get("hash") == item.key \
                and last.get("job") == fingerprint and all(path.is_file() for path in job.outputs(item)):
            kept = {k: v for k, v in last.items()
                    if k not in ("id", "input", "hash", "status", "seconds", "reason", "job")}
            skipped.append(row(item, "skipped", job=fingerprint, **kept))
        else:
            todo.append(item)
    return todo, skipped


def _remove_leftovers(outdir) -> None:
    """Half-written temporary files of a run that was killed: never a finished output, safe to delete."""
    if outdir.is_dir():
        for leftover in outdir.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)


def _problem_row(problem: Problem) -> dict:
    return {"id": problem.id, "input": problem.input, "hash": "", "status": "failed",
            "reason": " ".join(problem.reason.split())}


def run_batch(
    inputs: Sequence[str],
    job: Job,
    *,
    engine: str = "local",
    workers: int = 1,
    ray_address: str | None = None,
    chunk: int = CHUNK_DOCUMENTS,
    progress: Progress | None = None,
    stdin: Iterable[str] | None = None,
) -> BatchReport:
    """Translate every document of the inputs into job.outdir; see the module's docstring."""
    if engine not in ENGINES:
        raise InputError(f"Unknown engine {engine!r}; choose {' or '.join(ENGINES)}.")
    if workers < 1:
        raise InputError("--workers must be 1 or more.")
    if not job.options.target_lang:
        raise InputError("Give the target language: --to ru (or uk, en ...).")
    started = time.perf_counter()
    items, problems = collect(inputs, stdin)
    threads = max(1, (os.cpu_count() or 1) // workers)
    job = replace(job, settings=job.settings.with_changes(threads=job.settings.threads or threads))
    _remove_leftovers(job.outdir)
    todo, skipped = plan(items, job)
    chunks = [todo[i : i + chunk] for i in range(0, len(todo), max(1, chunk))]
    total = len(items) + len(problems)
    counts = {"done": 0, "failed": 0, "skipped": 0}
    sentences = 0
    with ManifestWriter(job.outdir) as manifest:

        def record(found: dict) -> None:
            nonlocal sentences
            manifest.write(found)
            counts[found["status"]] += 1
            sentences += int(found.get("sentences", 0) or 0) if found["status"] == "done" else 0
            if progress is not None:
                progress(found, sum(counts.values()), total)

        for found in [*map(_problem_row, problems), *skipped]:
            record(found)
        if chunks:
            if engine == "ray":
                from translit.batch.ray_engine import run_ray

                rows = run_ray(chunks, job, workers, job.settings.threads, ray_address)
            else:
                from translit.batch.local import run_local

                rows = run_local(chunks, job, workers)
            for found in rows:
                record(found)
    return BatchReport(counts["done"], counts["failed"], counts["skipped"], sentences,
                       time.perf_counter() - started)


class ProgressLine:
    """Documents and sentences done, the rate and the time left, on one line of stderr (or a line
    every 5 % when stderr is not a terminal); failures are printed as they happen."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self.sentences = 0
        self.translated = 0  # documents a worker finished in this run: the rate counts only these
        self.first = 0
        self.shown = -1
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def __call__(self, found: dict, finished: int, total: int) -> None:
        if found["status"] == "failed":
            self._clear()
            self.stream.write(f"failed: {found['input']}: {found.get('reason', '')}\n")
        self.sentences += int(found.get("sentences", 0) or 0) if found["status"] == "done" else 0
        if found["status"] == "skipped" or not found.get("hash"):
            self.first = finished  # skipped and unreadable inputs take no time: the rate starts after them
            self.started = time.perf_counter()
        else:
            self.translated += 1
        elapsed = time.perf_counter() - self.started
        rate = (finished - self.first) / elapsed if elapsed > 0 and finished > self.first else 0.0
        left = (total - finished) / rate if rate > 0 else 0.0
        line = (f"{finished}/{total} documents · {self.sentences} sentences · "
                f"{rate * 60:.1f} documents/min · about {_duration(left)} left")
        if self.tty:
            self.stream.write("\r" + line.ljust(78))
            if finished == total:
                self.stream.write("\n")
        else:
            step = max(1, total // 20)
            if finished == total or finished // step != self.shown:
                self.shown = finished // step
                self.stream.write(line + "\n")
        self.stream.flush()

    def _clear(self) -> None:
        if self.tty:
            self.stream.write("\r" + " " * 78 + "\r")


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60}:{seconds % 60:02d}"


__all__ = ["ENGINES", "MANIFEST_NAME", "BatchReport", "Job", "ProgressLine", "plan", "run_batch"]
