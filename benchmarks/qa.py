"""QA checks (translit/qa.py): how often they flag human translations, and how many planted defects they catch.

Usage: python benchmarks/qa.py [DATA_DIR] [--model] [--show N]

On the NTREX-128 news documents (English source, human Russian reference, through `translate
--translation` as the do-no-harm benchmark does):
- clean: the references as they are; every flag there is either a real slip of the translator or a
  false alarm (benchmarks/do_no_harm.py --show-qa lists them);
- planted: one defect of a kind planted in every fifth line of the reference (a word said twice, a
  phrase looping, the source left untranslated, the line cut to a third, an unpaired bracket, a
  number changed, a surname misspelt once); recall = planted lines whose sentence got a flag of
  that kind; "elsewhere" = flags that appeared on lines nothing was planted in, beyond the clean run.
--model adds the QA flag rate on model output (the random-weight test package: its output is noise,
so this shows only that the checks run on model output, not a quality figure).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

EVERY = 5
_WORDS = re.compile(r"\S+")


def _repeat_word(source: str, target: str) -> str | None:
    words = target.split(" ")
    if len(words) < 6 or not words[2].isalpha():
        return None
    return " ".join([*words[:3], words[2], *words[3:]])


def _loop(source: str, target: str) -> str | None:
    words = target.rstrip(".!?»\"").split(" ")
    if len(words) < 6:
        return None
    return " ".join(words) + (" " + " ".join(words[-3:])) * 4 + "."


def _untranslated(source: str, target: str) -> str | None:
    return source if len(source.split()) >= 4 else None


def _truncated(source: str, target: str) -> str | None:
    words = target.split(" ")
    if len(source) < 60 or len(words) < 9:
        return None
    return " ".join(words[: len(words) // 3])


def _bracket(source: str, target: str) -> str | None:
    words = target.split(" ")
    if len(words) < 6 or any(c in source + target for c in "()"):
        return None
    return " ".join([*words[:3], "(" + words[3], *words[4:]])


def _number(source: str, target: str) -> str | None:
    match = re.search(r"(?<![\d.,])\d+(?![\d.,]\d)", target)
    if match is None or match.group() not in source:
        return None
    changed = str(int(match.group()) + 1)
    return target[: match.start()] + changed + target[match.end():]


PLANTS = {
    "repeated": (_repeat_word, {"repeated"}),
    "loop": (_loop, {"repeated"}),
    "untranslated": (_untranslated, {"untranslated"}),
    "truncated": (_truncated, {"truncated"}),
    "brackets": (_bracket, {"brackets"}),
    "number": (_number, {"number", "amount", "percent", "date", "time", "extra_number"}),
}


def flag_kinds(pair) -> set[str]:
    from translit.qa import flags_of

    return {flag.kind for flag in flags_of(pair)}


def run_given(source_lines: list[str], target_lines: list[str]):
    from translit.document import Document
    from translit.mt.given import GivenTranslation
    from translit.pipeline import Options, run

    document = Document.from_text("\n".join(source_lines))
    translator = GivenTranslation(document, Document.from_text("\n".join(target_lines)), "ru")
    return run(document, Options(source_lang="en", target_lang="ru", summary_sentences=None), translator)


def kinds_by_line(result) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for pair in result.pairs:
        found.setdefault(pair.source.paragraph, set()).update(flag_kinds(pair))
    return found


def _misspelt_name(result, target_lines: list[str]) -> tuple[int, str] | None:
    """A line whose surname (written the same in two sentences or more) is misspelt once: Смит -> Сммит."""
    from translit.document import SpanKind

    seen: dict[str, list[tuple[int, str]]] = {}
    for pair in result.pairs:
        for use in pair.protected:
            if use.hit.span == SpanKind.NAME and use.target_text and not use.flagged:
                word = use.target_text.split()[-1]
                if len(word) >= 4 and word[:1].isupper():
                    seen.setdefault(use.hit.source_text.split()[-1], []).append((pair.source.paragraph, word))
    for uses in seen.values():
        if len(uses) >= 2:
            line, word = uses[-1]
            if target_lines[line].count(word) == 1:
                wrong = word[:2] + word[1] + word[2:]
                return line, target_lines[line].replace(word, wrong)
    return None


def measure(docs, show: int) -> None:
    clean_sentences = clean_flagged = 0
    clean_kinds: Counter = Counter()
    recall: dict[str, list[int]] = {kind: [0, 0] for kind in [*PLANTS, "name_spelling"]}
    elsewhere: Counter = Counter()
    missed: list[tuple[str, str, str]] = []
    for _, english, russian in docs:
        clean = run_given(english, russian)
        clean_lines = kinds_by_line(clean)
        clean_sentences += len(clean.pairs)
        for pair in clean.pairs:
            kinds = {f.kind for f in pair.checks}
            clean_flagged += bool(kinds)
            clean_kinds.update(kinds)
        for kind, (plant, expected) in PLANTS.items():
            target = list(russian)
            planted = []
            for line in range(0, len(russian), EVERY):
                changed = plant(english[line], russian[line])
                if changed is not None and changed != russian[line]:
                    target[line] = changed
                    planted.append(line)
            if not planted:
                continue
            lines = kinds_by_line(run_given(english, target))
            for line in planted:
                recall[kind][1] += 1
                if lines.get(line, set()) & expected:
                    recall[kind][0] += 1
                elif len(missed) < show:
                    missed.append((kind, english[line], target[line]))
            for line, kinds in lines.items():
                if line not in planted:
                    elsewhere[kind] += len(kinds - clean_lines.get(line, set()))
        misspelt = _misspelt_name(clean, russian)
        if misspelt is not None:
            line, text = misspelt
            target = list(russian)
            target[line] = text
            recall["name_spelling"][1] += 1
            recall["name_spelling"][0] += "name_spelling" in kinds_by_line(run_given(english, target)).get(line, set())
    print(f"clean references: {clean_flagged} of {clean_sentences} sentences flagged by QA "
          f"({100 * clean_flagged / max(clean_sentences, 1):.2f} %): "
          + ", ".join(f"{k} {n}" for k, n in clean_kinds.most_common()))
    print(f"\n{'planted defect':<15} {'caught':>7} {'planted':>8} {'recall':>7} {'new flags elsewhere':>20}")
    for kind, (caught, total) in recall.items():
        print(f"{kind:<15} {caught:>7} {total:>8} {caught / max(total, 1):>7.2f} {elsewhere[kind]:>20}")
    for kind, source, target in missed:
        print(f"  missed {kind}:\n    source: {source}\n    target: {target}")


def model_rate(docs, limit: int = 200) -> None:
    import tempfile

    sys.path.insert(0, str(ROOT / "scripts"))
    from build_test_package import build_test_packages

    from translit.config import Settings
    from translit.document import Document
    from translit.mt.argos import ArgosTranslator
    from translit.mt.argos.packages import install_package
    from translit.pipeline import Options, run

    folder = Path(tempfile.mkdtemp(prefix="translit-qa-bench-"))
    for file in build_test_packages(ROOT / "build" / "test-packages"):
        install_package(file, folder)
    translator = ArgosTranslator(Settings(package_dir=folder))
    lines = [line for _, english, _ in docs for line in english][:limit]
    result = run(Document.from_text("\n".join(lines)), Options(source_lang="en", target_lang="ru",
                                                               summary_sentences=None), translator)
    kinds: Counter = Counter(f.kind for pair in result.pairs for f in pair.checks)
    flagged = sum(1 for pair in result.pairs if pair.checks)
    share = 100 * flagged / max(len(result.pairs), 1)
    print(f"\nmodel output (random-weight test package, {len(result.pairs)} sentences): {flagged} flagged by QA "
          f"({share:.1f} %): " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--model", action="store_true", help="also the flag rate on model output")
    parser.add_argument("--show", type=int, default=10, help="missed planted defects to print")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "mt" / "ntrex128").is_dir():
        print(f"No NTREX-128 data in {data}/mt/ntrex128; pass the shared data folder.", file=sys.stderr)
        return 2
    from do_no_harm import documents

    docs = documents(data)
    measure(docs, args.show)
    if args.model:
        model_rate(docs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
