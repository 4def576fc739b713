"""Sentence splitting measured on real news: boundary precision/recall/F1 and speed.

Usage: python benchmarks/segmentation.py [DATA_DIR] [--errors CANDIDATE:LANG]

DATA_DIR defaults to ../shared/data relative to the project root. It reads the line-aligned
NTREX-128 news sentences (mt/ntrex128): English source and Russian, Ukrainian and Spanish human
translations. Every document's lines are joined with one space into a single paragraph, each candidate
splits it again, and the predicted sentence starts are scored against the true line starts.

Columns: P/R/F1 over all line boundaries; "R punct" is recall over the boundaries whose line ends with
terminal punctuation (a headline without a full stop can never be found inside a joined paragraph, so
this is the ceiling-free figure); "sent/s" is true sentences divided by splitting time.
Candidates that do not know a language run with the nearest rules they have, shown in brackets.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

LANG_FILES = {
    "en": "newstest2019-src.eng.txt",
    "ru": "newstest2019-ref.rus.txt",
    "uk": "newstest2019-ref.ukr.txt",
    "es": "newstest2019-ref.spa.txt",
}
_ENDS_WITH_PUNCT = re.compile(r"[.!?…][\"'»”’)\]]*$")

Splitter = Callable[[str], list[int]]


@dataclass(frozen=True)
class Paragraph:
    text: str
    gold: frozenset[int]
    gold_punctuated: frozenset[int]
    sentences: int


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    recall_punctuated: float
    sentences_per_second: float


def load_paragraphs(data_dir: Path, lang: str) -> list[Paragraph]:
    corpus = data_dir / "mt" / "ntrex128"
    doc_ids = (corpus / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    lines = (corpus / LANG_FILES[lang]).read_text(encoding="utf-8").splitlines()
    if len(doc_ids) != len(lines):
        raise SystemExit(f"{LANG_FILES[lang]}: {len(lines)} lines but {len(doc_ids)} document ids")
    documents: dict[str, list[str]] = {}
    for doc_id, line in zip(doc_ids, lines):
        documents.setdefault(doc_id.strip(), []).append(line.strip())
    return [join_lines(doc_lines) for doc_lines in documents.values()]


def join_lines(lines: list[str]) -> Paragraph:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    boundaries = starts[1:]
    punctuated = [s for s, prev in zip(boundaries, lines) if _ENDS_WITH_PUNCT.search(prev)]
    return Paragraph(" ".join(lines), frozenset(boundaries), frozenset(punctuated), len(lines))


def starts_from_texts(text: str, pieces: Iterable[str]) -> list[int]:
    """Sentence starts for libraries that return strings: find each piece in order."""
    starts, position = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, position)
        if found < 0:
            continue
        starts.append(found)
        position = found + len(piece)
    return starts


def ours(lang: str) -> Splitter:
    from translit.segment import split_sentences

    return lambda text: [start for start, _ in split_sentences(text, lang)]


def naive(lang: str) -> Splitter:
    boundary = re.compile(r"(?<=[.!?…])[\"»”')\]]*\s+(?=[\"«“(\[]?[A-ZА-ЯЁІЇЄҐ0-9])")
    return lambda text: [0] + [m.end() for m in boundary.finditer(text)]


def pysbd_splitter(lang: str) -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language=lang, clean=False)
    return lambda text: starts_from_texts(text, segmenter.segment(text))


def razdel_splitter(lang: str) -> Splitter:
    from razdel import sentenize

    return lambda text: [s.start for s in sentenize(text)]


def sentencex_splitter(lang: str) -> Splitter:
    import sentencex

    return lambda text: [b["start_index"] for b in sentencex.get_sentence_boundaries(lang, text)]


def pysbd_lang(lang: str) -> str:
    return lang if lang in {"en", "ru", "es"} else "ru"


# name -> (factory, language the candidate really runs with)
CANDIDATES: dict[str, tuple[Callable[[str], Splitter], Callable[[str], str]]] = {
    "ours": (ours, lambda lang: lang),
    "pysbd": (pysbd_splitter, pysbd_lang),
    "razdel": (razdel_splitter, lambda lang: "ru"),
    "sentencex": (sentencex_splitter, lambda lang: lang),
    "naive regex": (naive, lambda lang: lang),
}


def predicted_boundaries(splitter: Splitter, paragraph: Paragraph) -> set[int]:
    text = paragraph.text
    starts = set()
    for start in splitter(text):
        while start < len(text) and text[start].isspace():
            start += 1
        if 0 < start < len(text):
            starts.add(start)
    return starts


def timed_predictions(splitter: Splitter, paragraphs: list[Paragraph]) -> tuple[list[set[int]], float]:
    """Predictions and the best of up to three timings (fewer when one run takes over a second)."""
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        predictions = [predicted_boundaries(splitter, p) for p in paragraphs]
        best = min(best, time.perf_counter() - began)
        if best > 1.0:
            break
    return predictions, best


def score(splitter: Splitter, paragraphs: list[Paragraph]) -> Score:
    predictions, elapsed = timed_predictions(splitter, paragraphs)
    true_pos = sum(len(pred & p.gold) for pred, p in zip(predictions, paragraphs))
    n_pred = sum(len(pred) for pred in predictions)
    n_gold = sum(len(p.gold) for p in paragraphs)
    found_punct = sum(len(pred & p.gold_punctuated) for pred, p in zip(predictions, paragraphs))
    n_punct = sum(len(p.gold_punctuated) for p in paragraphs)
    precision = true_pos / n_pred if n_pred else 0.0
    recall = true_pos / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    sentences = sum(p.sentences for p in paragraphs)
    return Score(precision, recall, f1, found_punct / n_punct if n_punct else 0.0, sentences / elapsed)


def print_errors(splitter: Splitter, paragraphs: list[Paragraph], width: int = 40) -> None:
    """Show every missed and every spurious boundary with some context (for tuning rules)."""
    for paragraph in paragraphs:
        predicted = predicted_boundaries(splitter, paragraph)
        text = paragraph.text
        missed, spurious = paragraph.gold - predicted, predicted - paragraph.gold
        for kind, positions in (("MISSED", missed), ("SPURIOUS", spurious)):
            for position in sorted(positions):
                left, right = text[max(0, position - width):position], text[position:position + width]
                print(f"{kind:8} …{left}|{right}…")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data_dir", nargs="?", type=Path, default=PROJECT_ROOT.parent / "shared" / "data")
    parser.add_argument("--errors", metavar="CANDIDATE:LANG", help="list boundary errors of one candidate")
    args = parser.parse_args(argv)
    if not (args.data_dir / "mt" / "ntrex128").is_dir():
        raise SystemExit(f"No mt/ntrex128 under {args.data_dir}: pass the evaluation data folder.")

    if args.errors:
        name, lang = args.errors.split(":")
        factory, runs_as = CANDIDATES[name]
        print_errors(factory(runs_as(lang)), load_paragraphs(args.data_dir, lang))
        return

    print(f"{'lang':4}  {'candidate':20} {'P':>6} {'R':>6} {'F1':>6} {'R punct':>8} {'sent/s':>9}")
    for lang in LANG_FILES:
        paragraphs = load_paragraphs(args.data_dir, lang)
        for name, (factory, runs_as) in CANDIDATES.items():
            real_lang = runs_as(lang)
            label = name if real_lang == lang else f"{name} [{real_lang}]"
            try:
                splitter = factory(real_lang)
            except ImportError:
                print(f"{lang:4}  {label:20} not installed")
                continue
            splitter(paragraphs[0].text)  # warm-up: lazy imports and compiled rules
            result = score(splitter, paragraphs)
            print(
                f"{lang:4}  {label:20} {result.precision:6.3f} {result.recall:6.3f} {result.f1:6.3f} "
                f"{result.recall_punctuated:8.3f} {result.sentences_per_second:9,.0f}"
            )
        print()
    print_long_paragraph_speed(args.data_dir)


def print_long_paragraph_speed(data_dir: Path) -> None:
    """Our splitter on every English line joined into one paragraph: it must stay linear."""
    lines = [p.text for p in load_paragraphs(data_dir, "en")]
    paragraph = join_lines(lines)
    _, elapsed = timed_predictions(ours("en"), [paragraph])
    sentences = sum(len(p.gold) + 1 for p in load_paragraphs(data_dir, "en"))
    print(f"ours, all {sentences:,} English sentences as one paragraph: {sentences / elapsed:,.0f} sent/s")


if __name__ == "__main__":
    main()
