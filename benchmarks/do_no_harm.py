"""Do no harm: human translations fed through translit as if a model had made them must come out unchanged.

Usage: python benchmarks/do_no_harm.py [DATA_DIR] [--show N] [--direction en-ru|ru-en]

DATA_DIR is the shared evaluation data (default ../shared/data). Each NTREX-128 news document goes
through the whole pipeline (`translate --translation`: glossary terms, protected spans, checks) with
its human reference as the translation, en->ru (English source, Russian reference) and ru->en (the
Russian reference as the source, the English original as its translation). Prints per direction:
sentences, sentences changed (with the rule that changed each), sentences flagged for a person to
check, glossary hits (enforced / suggestions), and the changes themselves. Every change counts as
harm unless a person confirms that it replaced a listed wrong rendering of a concept the source holds.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def documents(data: Path) -> list[tuple[str, list[str], list[str]]]:
    """(document id, English lines, Russian lines) in corpus order."""
    folder = data / "mt" / "ntrex128"
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    english = (folder / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    russian = (folder / "newstest2019-ref.rus.txt").read_text(encoding="utf-8").splitlines()
    grouped: dict[str, tuple[list[str], list[str]]] = {}
    for doc, en, ru in zip(ids, english, russian, strict=True):
        pair = grouped.setdefault(doc.split("\t")[0], ([], []))
        pair[0].append(en)
        pair[1].append(ru)
    return [(doc, en, ru) for doc, (en, ru) in grouped.items()]


def measure(docs, source: str, target: str, show: int, show_qa: int = 0) -> None:
    from translit.document import Document, TermStatus
    from translit.mt.given import GivenTranslation
    from translit.pipeline import Options, run

    options = Options(source_lang=source, target_lang=target, summary_sentences=None)
    counts: Counter = Counter()
    rules: Counter = Counter()
    changes = []
    qa_kinds: Counter = Counter()
    qa_examples = []
    started = time.perf_counter()
    for doc_id, en, ru in docs:
        src_lines, tgt_lines = (en, ru) if source == "en" else (ru, en)
        document = Document.from_text("\n".join(src_lines))
        translator = GivenTranslation(document, Document.from_text("\n".join(tgt_lines)), target)
        given = [text for text, _ in translator.aligned(source)]
        result = run(document, options, translator)
        for pair, original in zip(result.pairs, given):
            counts["sentences"] += 1
            uses = (*pair.terms, *pair.protected)
            counts["enforced hits"] += sum(u.hit.enforced and u in pair.terms for u in pair.terms)
            counts["suggestions"] += sum(u.status == TermStatus.SUGGESTION for u in pair.terms)
            if any(u.flagged for u in uses):
                counts["flagged"] += 1
                for use in uses:
                    if use.flagged:
                        rules["flag: " + use.hit.concept_id] += 1
            if pair.checks:
                counts["qa flagged"] += 1
                for check in pair.checks:
                    qa_kinds[check.kind] += 1
                    qa_examples.append((doc_id, check, pair.source.text, pair.target))
            if pair.target != original:
                counts["changed"] += 1
                why = [f"{u.status} {u.hit.concept_id}" for u in uses if u.status == TermStatus.REPAIRED] or [
                    "unexplained"]
                rules.update(f"change: {w}" for w in why)
                changes.append((doc_id, pair.source.text, original, pair.target, why))
    seconds = time.perf_counter() - started
    total = counts["sentences"]
    print(f"\n{source}->{target}: {total} sentences in {len(docs)} documents, {seconds:.1f} s")
    for key in ("changed", "flagged"):
        print(f"  {key:>8}: {counts[key]:5d}  ({100 * counts[key] / max(total, 1):.2f} %)")
    print(f"  glossary hits enforced: {counts['enforced hits']}, suggestions: {counts['suggestions']}")
    share = 100 * counts["qa flagged"] / max(total, 1)
    print(f"  QA (qa.py) flagged {counts['qa flagged']} sentences ({share:.2f} %): "
          + ", ".join(f"{kind} {n}" for kind, n in qa_kinds.most_common()))
    for rule, n in rules.most_common():
        print(f"    {n:5d}  {rule}")
    for doc_id, src, before, after, why in changes[:show]:
        print(f"  [{doc_id}] {', '.join(why)}\n    source: {src}\n    given:  {before}\n    output: {after}")
    for doc_id, check, src, tgt in qa_examples[:show_qa]:
        print(f"  QA [{doc_id}] {check.kind} {check.value!r}\n    source: {src}\n    target: {tgt}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--show", type=int, default=50, help="changes to print per direction")
    parser.add_argument("--show-qa", type=int, default=0, help="QA flags to print per direction")
    parser.add_argument("--direction", choices=["en-ru", "ru-en"], action="append")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "mt" / "ntrex128").is_dir():
        print(f"No NTREX-128 data in {data}/mt/ntrex128; pass the shared data folder.", file=sys.stderr)
        return 2
    docs = documents(data)
    for direction in args.direction or ["en-ru", "ru-en"]:
        source, target = direction.split("-")
        measure(docs, source, target, args.show, args.show_qa)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
