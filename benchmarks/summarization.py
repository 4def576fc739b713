"""Extractive summary quality and speed: every method of translit.summarize on CNN/DailyMail.

Usage: python benchmarks/summarization.py [DATA_DIR] [--limit N] [--sentences K] [--cap SECONDS]

DATA_DIR holds summ/cnndm_dev.jsonl ({id, article, reference} per line); it defaults to
../shared/data relative to the project root. Prints ROUGE-1/2/L F1 (rouge-score, Porter stemming)
of K-sentence summaries against the references, the time each method took for all articles, and the
time to summarize one 200- and one 1,000-sentence document built from the articles' sentences.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translit.document import Document  # noqa: E402
from translit.segment import segment  # noqa: E402
from translit.summarize import summarize  # noqa: E402

METHOD_LABELS = {
    "lead": "Lead-3",
    "random": "random (seed 0)",
    "lexrank": "sumy LexRank",
    "luhn": "sumy Luhn",
    "textrank": "sumy TextRank",
    "lsa": "sumy LSA",
    "sumbasic": "sumy SumBasic",
    "kl": "sumy KL-Sum",
    "edmundson": "sumy Edmundson (key+title+location)",
    "default": "translit default",
}


def load_articles(data_dir: Path, limit: int | None) -> list[dict]:
    path = data_dir / "summ" / "cnndm_dev.jsonl"
    if not path.is_file():
        sys.exit(f"No {path}: pass the folder that holds summ/cnndm_dev.jsonl as DATA_DIR.")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def summary_text(document: Document, method: str, count: int) -> str:
    sentences = segment(document, "en")
    chosen = summarize(document, "en", sentences=count, method=method)
    return "\n".join(sentences[i].text for i in chosen.indices)


def evaluate(rows: list[dict], method: str, count: int) -> tuple[float, float, float, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    documents = [Document.from_text(row["article"]) for row in rows]
    started = time.perf_counter()
    outputs = [summary_text(doc, method, count) for doc in documents]
    seconds = time.perf_counter() - started
    scores = [scorer.score(row["reference"], out) for row, out in zip(rows, outputs, strict=True)]
    r1, r2, rl = (
        100 * statistics.mean(s[key].fmeasure for s in scores) for key in ("rouge1", "rouge2", "rougeL")
    )
    return r1, r2, rl, seconds


def long_document(rows: list[dict], sentence_count: int) -> Document:
    """One document of exactly `sentence_count` real news sentences, one article per paragraph."""
    lines: list[str] = []
    total = 0
    while total < sentence_count:
        for row in rows:
            sentences = segment(Document.from_text(row["article"]), "en")
            take = sentences[: sentence_count - total]
            lines.append(" ".join(s.text for s in take))
            total += len(take)
            if total >= sentence_count:
                break
    document = Document.from_text("\n".join(lines))
    assert len(segment(document, "en")) == sentence_count, "segmentation of the joined text differs"
    return document


def _timed_run(document: Document, method: str, queue: multiprocessing.Queue) -> None:
    started = time.perf_counter()
    summarize(document, "en", sentences=3, method=method)
    queue.put(time.perf_counter() - started)


def time_with_cap(document: Document, method: str, cap: float) -> float | None:
    """Seconds for one summary in a fresh process (cold caches, lazy imports included).

    The process is stopped after `cap` seconds; None then.
    """
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_timed_run, args=(document, method, queue))
    process.start()
    process.join(cap)
    if process.is_alive():
        process.terminate()
        process.join()
        return None
    return queue.get() if not queue.empty() else None


def _shown(seconds: float | None, cap: float) -> str:
    return f"{seconds:9.2f}" if seconds is not None else f"{'>' + format(cap, '.0f'):>9}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--sentences", type=int, default=3, help="summary length in sentences")
    parser.add_argument("--cap", type=float, default=60.0, help="stop a long-document timing after this")
    parser.add_argument("--long", type=int, default=1000, help="sentences in the long-document timing")
    args = parser.parse_args()

    rows = load_articles(args.data_dir, args.limit)
    print(f"CNN/DM: {len(rows)} articles, {args.sentences}-sentence summaries, ROUGE F1 x100 "
          "(rouge-score, use_stemmer=True; R-L is sentence-level rougeL)\n")
    print(f"{'method':38} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'seconds':>8}")
    for method, label in METHOD_LABELS.items():
        r1, r2, rl, seconds = evaluate(rows, method, args.sentences)
        print(f"{label:38} {r1:6.2f} {r2:6.2f} {rl:6.2f} {seconds:8.2f}", flush=True)

    print(f"\nOne long document (articles joined, one per paragraph), 3 sentences, seconds in a fresh "
          f"process (imports and stemming included), stopped after {args.cap:.0f} s:")
    big = long_document(rows, args.long)
    small = long_document(rows, 200)
    print(f"{'method':38} {'200 sent.':>9} {str(args.long) + ' sent.':>10}")
    for method, label in METHOD_LABELS.items():
        short_time = time_with_cap(small, method, args.cap)
        long_time = time_with_cap(big, method, args.cap)
        print(f"{label:38} {_shown(short_time, args.cap)} {_shown(long_time, args.cap):>10}", flush=True)


if __name__ == "__main__":
    main()
