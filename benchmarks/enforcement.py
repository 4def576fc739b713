"""What glossary enforcement and span protection cost, on the realistic-size random-weight package.

Usage: python benchmarks/enforcement.py [--threads 0] [--repeat N]

Translates every sample article (samples/, English and Russian) four ways — plain, with the glossary,
with protected spans (names, places, numbers, dates, links, codes), with both — and prints per
article the terms and spans found, how each was carried over (present / repaired / forced / flagged), and the
extra seconds, side by side. A random-weight model never produces a legal term by itself, so
nearly every term is forced: this measures the mechanism at its most expensive. Packages en->ru and
ru->en (transformer-base, 32k vocabulary, int8) are built by scripts/build_test_package.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="copies of each article (longer documents)")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="translit-bench-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())
    from build_test_package import build_package

    from translit.config import Settings
    from translit.document import Document
    from translit.ingest import sample_paths
    from translit.mt.argos import ArgosTranslator
    from translit.mt.argos.packages import install_package
    from translit.pipeline import Options, run

    package_dir = home / "packages"
    for pair in (("en", "ru"), ("ru", "en")):
        install_package(build_package(ROOT / "build" / "bench-packages", *pair, preset="base"), package_dir)
    translator = ArgosTranslator(Settings(package_dir=package_dir, threads=args.threads))

    variants = {
        "plain": {"use_glossary": False, "protect": False},
        "glossary": {"use_glossary": True, "protect": False},
        "protect": {"use_glossary": False, "protect": True},
        "both": {"use_glossary": True, "protect": True},
    }
    totals: Counter = Counter()
    print(f"{'article':32} {'sent':>5} {'plain s':>8} {'+gloss s':>8} {'terms':>5} {'forced':>6} {'flagd ':>6} "
          f"{'+prot s':>8} {'spans':>5} {'both s':>7}")
    for name, path in sample_paths().items():
        lang = name.split("-", 1)[0]
        if lang not in ("en", "ru"):
            continue
        target = "ru" if lang == "en" else "en"
        text = "\n\n".join([path.read_text(encoding="utf-8")] * args.repeat)
        document = Document.from_text(text)
        seconds, results = {}, {}
        for variant, flags in variants.items():
            options = Options(source_lang=lang, target_lang=target, summary_sentences=None, **flags)
            run(document, options, translator)  # warm-up: model load, caches
            start = time.perf_counter()
            results[variant] = run(document, options, translator)
            seconds[variant] = time.perf_counter() - start
        glossary_uses = Counter(u.status for p in results["glossary"].pairs for u in p.terms)
        spans = Counter(u.status for p in results["protect"].pairs for u in p.protected)
        n_terms, n_spans = sum(glossary_uses.values()), sum(spans.values())
        print(f"{name:32} {len(results['plain'].pairs):5} {seconds['plain']:8.2f} {seconds['glossary']:8.2f} "
              f"{n_terms:5} {glossary_uses['forced']:6} {glossary_uses['flagged']:6} {seconds['protect']:8.2f} "
              f"{n_spans:5} {seconds['both']:7.2f}")
        totals.update({
            "plain": seconds["plain"], "glossary": seconds["glossary"], "protect": seconds["protect"],
            "both": seconds["both"], "terms": n_terms, "forced": glossary_uses["forced"],
            "present": glossary_uses["present"], "flagged": glossary_uses["flagged"], "spans": n_spans,
            "spans_forced": spans["forced"], "spans_flagged": spans["flagged"], "spans_present": spans["present"],
        })
    extra_glossary = totals["glossary"] - totals["plain"]
    extra_protect = totals["protect"] - totals["plain"]
    print(f"\nglossary terms: {totals['terms']} matched, {totals['present']} present, {totals['forced']} forced, "
          f"{totals['flagged']} flagged; extra {extra_glossary:.2f} s over {totals['plain']:.2f} s "
          f"= {1000 * extra_glossary / max(totals['forced'] + totals['flagged'], 1):.0f} ms per enforced term")
    print(f"protected spans: {totals['spans']} found, {totals['spans_present']} present, "
          f"{totals['spans_forced']} forced, {totals['spans_flagged']} flagged; extra {extra_protect:.2f} s "
          f"= {1000 * extra_protect / max(totals['spans'] - totals['spans_present'], 1):.0f} ms per enforced span")
    print(f"both: {totals['both']:.2f} s vs plain {totals['plain']:.2f} s ({totals['both'] / totals['plain']:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
