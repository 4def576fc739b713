"""The local engine: worker processes started with spawn (a CTranslate2 translator must never be
created before a fork: CTranslate2#1414), one model load per worker, chunks handed out as workers free.

A worker that dies (killed, out of memory) fails only the documents it held; the pool is started
again for the rest.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from translit.batch.items import Item
from translit.batch.work import Job, Worker, row

_WORKER: Worker | None = None


def _start(job: Job) -> None:
    global _WORKER
    _WORKER = Worker(job)


def _process(items: Sequence[Item]) -> list[dict]:
    assert _WORKER is not None, "the worker process was not started with its job"
    return _WORKER.process(items)


def run_local(chunks: Sequence[Sequence[Item]], job: Job, workers: int) -> Iterator[dict]:
    """Manifest rows as chunks finish (in no fixed order)."""
    if workers <= 1:
        worker = Worker(job)
        for chunk in chunks:
            yield from worker.process(chunk)
        return
    pending = list(chunks)
    context = multiprocessing.get_context("spawn")
    while pending:
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(job,))
        finished_cleanly = False
        try:
            running: dict[Future, Sequence[Item]] = {}
            broken = False
            while (pending or running) and not broken:
                while pending and len(running) < 2 * workers:
                    chunk = pending.pop(0)
                    running[pool.submit(_process, chunk)] = chunk
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    chunk = running.pop(future)
                    try:
                        yield from future.result()
                    except BrokenProcessPool:
                        broken = True
                        yield from _died(chunk, job)
                    except Exception as error:  # noqa: BLE001 - one bad chunk never stops the batch
                        yield from _failed(chunk, job, f"{type(error).__name__}: {error}")
            if broken:
                for future, chunk in running.items():
                    future.cancel()
                    yield from _died(chunk, job)
                running.clear()
            finished_cleanly = True
        finally:
            # Ctrl-C or an error: stop at once; what is written stays, the manifest says what is done.
            pool.shutdown(wait=finished_cleanly, cancel_futures=True)


def _died(chunk: Sequence[Item], job: Job) -> list[dict]:
    return _failed(chunk, job, "the worker process translating it stopped (killed, or out of memory); "
                               "run the batch again to retry")


def _failed(chunk: Sequence[Item], job: Job, reason: str) -> list[dict]:
    fingerprint = job.fingerprint
    return [row(item, "failed", reason=reason, job=fingerprint) for item in chunk]
