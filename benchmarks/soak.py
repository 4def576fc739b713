"""Soak: many translations in a row in one process; memory must stop growing once the caches are full.

Usage: python benchmarks/soak.py [--runs 50] [--preset tiny|base] [--sentences 20]

Translates `runs` different articles (NTREX-like sentences written for this project, each article
made distinct) through one Session, the way the app serves its readers, and prints the resident
memory after each run. The translation cache keeps 20 results, so memory may grow over the first
20 runs and must then stay flat: the last line compares the growth over the last half of the runs
with the growth over the first half.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SENTENCES = [
    "The immigration judge postponed the hearing until next spring.",
    "Two asylum seekers from Russia passed their credible fear interviews.",
    "The family filed the application for temporary protected status in March.",
    "Lawyers said the detention center in Texas holds more than a thousand people.",
    "The court ordered the government to release the man on bond.",
]


def rss_mb() -> float:
    with open("/proc/self/statm") as stat:
        return int(stat.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--preset", default="tiny", choices=["tiny", "base"])
    parser.add_argument("--sentences", type=int, default=20, help="sentences per article")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="translit-soak-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())
    from build_test_package import build_package

    from translit.config import Settings
    from translit.document import Document
    from translit.mt.argos.packages import install_package
    from translit.pipeline import Options
    from translit.session import TRANSLATIONS_KEPT, Session

    package_dir = home / "packages"
    install_package(build_package(ROOT / "build" / "bench-packages", "en", "ru", preset=args.preset), package_dir)
    session = Session(Settings(package_dir=package_dir, user_glossary=home / "none.tsv"))
    options = Options(source_lang="en", target_lang="ru", summary_sentences=3)
    curve = []
    started = time.perf_counter()
    for run in range(1, args.runs + 1):
        lines = [f"{SENTENCES[(run + i) % len(SENTENCES)]} Case {run}-{i}." for i in range(args.sentences)]
        session.translate(Document.from_text("\n".join(lines) + "\n"), options)
        curve.append(rss_mb())
        if run == 1 or run % 5 == 0:
            print(f"run {run:3d}: RSS {curve[-1]:7.1f} MB")
    half = len(curve) // 2
    first, last = curve[half - 1] - curve[0], curve[-1] - curve[half - 1]
    print(f"\n{args.runs} translations of {args.sentences} sentences in {time.perf_counter() - started:.1f} s; "
          f"cache keeps {TRANSLATIONS_KEPT}")
    print(f"RSS growth: first half {first:+.1f} MB, second half {last:+.1f} MB (peak {max(curve):.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
