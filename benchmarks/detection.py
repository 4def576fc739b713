"""Language detection on short labelled sentences: plain langdetect vs translit.detect, side by side.

Usage: python benchmarks/detection.py [DATA_DIR] [--errors LANG] [--limit N]

DATA_DIR defaults to ../shared/data relative to the project root; it reads lid/tatoeba_lid_dev.tsv
(label<TAB>text<TAB>pair, ISO 639-3 labels, some with a script suffix such as kaz_Cyrl). Labels are
mapped to ISO 639-1; Chinese varieties (cmn, yue, wuu, ...) count as "zh".

Plain langdetect is `langdetect.detect` with DetectorFactory.seed = 0 and its codes mapped to ours
(zh-cn/zh-tw -> zh, no -> nb); it always answers unless the text has no features. Ours may answer
"unknown". Accuracy counts an "unknown" as wrong; "unk" is the share of "unknown" answers and
"prec" the accuracy of the answers that were not "unknown".

Groups:
  langdetect-55  sentences whose language langdetect has a profile for (the common ground)
  ours           sentences in any language translit.detect can name (adds be, kk, sr, hy, ka, ...)
  ru/uk/be/bg    the Cyrillic languages most confused with one another (present in the data: ru, uk)
  cyrillic-7     ru uk be bg mk sr kk written in Cyrillic
  8-common       en es fr it pt nl ru uk (the published 0.897 anchor used 8 languages, not named)
  short<=20      sentences of at most 20 characters within "ours"
  others         languages neither can name: "unknown" is the right answer there
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from translit.detect import detect_text, from_iso639_3  # noqa: E402
from translit.document import UNKNOWN  # noqa: E402

CHINESE_VARIETIES = {"cmn", "yue", "wuu", "gan", "nan", "cjy", "lzh", "hak", "hsn"}
INDIVIDUAL_TO_MACRO = {"pes": "fa", "swh": "sw", "nob": "nb", "zsm": "ms", "ekk": "et", "khk": "mn"}
LANGDETECT_55 = {
    "af", "ar", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "gu",
    "he", "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk", "ml", "mr", "ne", "nl", "nb",
    "pa", "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw", "ta", "te", "th", "tl", "tr", "uk",
    "ur", "vi", "zh",
}
OURS = LANGDETECT_55 | {"be", "kk", "sr", "hy", "ka", "km", "my", "lo", "si", "yi", "eo"}
CYRILLIC_7 = {"ru", "uk", "be", "bg", "mk", "sr", "kk"}
COMMON_8 = {"en", "es", "fr", "it", "pt", "nl", "ru", "uk"}
NON_CYRILLIC_SUFFIXES = ("_Latn", "_Arab", "_Hebr", "_Hani", "_Hang", "_Thaa")


@dataclass(frozen=True)
class Sample:
    label: str
    lang: str | None
    text: str


def iso639_1(label: str) -> str | None:
    base = label.split("_")[0]
    if base in CHINESE_VARIETIES:
        return "zh"
    return INDIVIDUAL_TO_MACRO.get(base) or from_iso639_3(base)


def load(path: Path) -> list[Sample]:
    samples = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        label, text, _ = line.split("\t")
        samples.append(Sample(label, iso639_1(label), text))
    return samples


def plain_langdetect() -> Callable[[str], str]:
    import langdetect
    from langdetect.lang_detect_exception import LangDetectException

    langdetect.DetectorFactory.seed = 0
    codes = {"zh-cn": "zh", "zh-tw": "zh", "no": "nb"}

    def detect(text: str) -> str:
        try:
            lang = langdetect.detect(text)
        except LangDetectException:
            return UNKNOWN
        return codes.get(lang, lang)

    return detect


def ours(text: str) -> str:
    return detect_text(text).lang


def run(detector: Callable[[str], str], samples: list[Sample]) -> tuple[list[str], float]:
    detector(samples[0].text)  # load profiles outside the timing
    started = time.perf_counter()
    answers = [detector(sample.text) for sample in samples]
    return answers, len(samples) / (time.perf_counter() - started)


def groups(samples: list[Sample]) -> dict[str, list[int]]:
    def is_cyrillic(sample: Sample) -> bool:
        return sample.lang in CYRILLIC_7 and not sample.label.endswith(NON_CYRILLIC_SUFFIXES)

    selected: dict[str, list[int]] = defaultdict(list)
    for i, sample in enumerate(samples):
        if sample.lang in LANGDETECT_55:
            selected["langdetect-55"].append(i)
        if sample.lang in OURS:
            selected["ours"].append(i)
            if len(sample.text) <= 20:
                selected["short<=20"].append(i)
        else:
            selected["others"].append(i)
        if sample.lang in {"ru", "uk", "be", "bg"}:
            selected["ru/uk/be/bg"].append(i)
        if is_cyrillic(sample):
            selected["cyrillic-7"].append(i)
        if sample.lang in COMMON_8:
            selected["8-common"].append(i)
    return selected


def scores(answers: list[str], samples: list[Sample], indices: list[int]) -> tuple[float, float, float]:
    right = sum(answers[i] == samples[i].lang for i in indices)
    unknown = sum(answers[i] == UNKNOWN for i in indices)
    answered = len(indices) - unknown
    return right / len(indices), unknown / len(indices), right / answered if answered else 0.0


def report(samples: list[Sample], results: dict[str, tuple[list[str], float]]) -> None:
    names = list(results)
    header = f"{'group':<14}{'n':>6}" + "".join(f"{name + ' acc':>16}{'unk':>7}{'prec':>7}" for name in names)
    print(header)
    for group, indices in groups(samples).items():
        row = f"{group:<14}{len(indices):>6}"
        for name in names:
            accuracy, unknown, precision = scores(results[name][0], samples, indices)
            row += f"{accuracy:>16.3f}{unknown:>7.3f}{precision:>7.3f}"
        print(row)
    print("\n" + f"{'speed':<20}" + "".join(f"{name}: {speed:,.0f} texts/s   " for name, (_, speed) in
                                          results.items()))


def per_language(samples: list[Sample], results: dict[str, tuple[list[str], float]]) -> None:
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, sample in enumerate(samples):
        if sample.lang in OURS:
            by_label[sample.label].append(i)
    names = list(results)
    print("\n" + f"{'label':<10}{'lang':<6}{'n':>5}" + "".join(f"{name:>12}{'unk':>7}" for name in names))
    for label in sorted(by_label, key=lambda lab: (samples[by_label[lab][0]].lang or "", lab)):
        indices = by_label[label]
        if len(indices) < 20:
            continue
        row = f"{label:<10}{samples[indices[0]].lang:<6}{len(indices):>5}"
        for name in names:
            accuracy, unknown, _ = scores(results[name][0], samples, indices)
            row += f"{accuracy:>12.3f}{unknown:>7.3f}"
        print(row)


def errors(samples: list[Sample], answers: list[str], lang: str, limit: int = 40) -> None:
    wrong = [(s, a) for s, a in zip(samples, answers) if s.lang == lang and a != lang]
    print(f"\n{len(wrong)} errors for {lang}; answers: {Counter(a for _, a in wrong).most_common(8)}")
    for sample, answer in wrong[:limit]:
        print(f"  {answer:<8}{sample.label:<10}{sample.text}")


def calibration(samples: list[Sample]) -> None:
    """How often translit's answers are right at each confidence it gives, and the expected calibration
    error (the gap between the two, weighted by answers)."""
    from translit.detect import detect_text as detect

    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for sample in samples:
        if sample.lang not in OURS:
            continue
        found = detect(sample.text)
        if found.known:
            bins[min(int(found.confidence * 10), 9)].append((found.confidence, found.lang == sample.lang))
    total = sum(len(v) for v in bins.values())
    gap = 0.0
    print(f"\n{'confidence':<12}{'answers':>8}{'mean':>8}{'right':>8}")
    for number in sorted(bins):
        values = bins[number]
        mean = sum(c for c, _ in values) / len(values)
        right = sum(ok for _, ok in values) / len(values)
        gap += len(values) / total * abs(mean - right)
        print(f"{number / 10:.1f}-{(number + 1) / 10:.1f}{len(values):>10}{mean:>8.3f}{right:>8.3f}")
    print(f"expected calibration error: {gap:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", default=str(PROJECT_ROOT.parent / "shared" / "data"))
    parser.add_argument("--errors", metavar="LANG", help="print our mistakes on this ISO 639-1 language")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N sentences of each label")
    parser.add_argument("--calibration", action="store_true", help="also how often each confidence is right")
    args = parser.parse_args()
    path = Path(args.data_dir) / "lid" / "tatoeba_lid_dev.tsv"
    if not path.exists():
        sys.exit(f"{path} not found: pass the data folder as the first argument.")
    samples = load(path)
    if args.limit:
        seen: Counter[str] = Counter()
        samples = [s for s in samples if (seen.update([s.label]) or seen[s.label] <= args.limit)]
    results = {"langdetect": run(plain_langdetect(), samples), "translit": run(ours, samples)}
    print(f"{len(samples)} sentences from {path}\n")
    report(samples, results)
    per_language(samples, results)
    if args.errors:
        errors(samples, results["translit"][0], args.errors)
    if args.calibration:
        calibration(samples)


if __name__ == "__main__":
    main()
