"""Start-up, enforcement cost, memory and throughput of translit against raw CTranslate2, in one run.

Usage: python benchmarks/startup.py [DATA_DIR] [--runs 5] [--sentences 200] [--length 24]

1. One-sentence CLI: `translit translate one.txt --to ru --json` (with the glossary, and with
   --no-glossary) against a raw script that imports CTranslate2 and SentencePiece, loads the same
   package and translates the same sentence (beam 4), with CTranslate2's default threads and with one
   thread (what translit's replicas use). Each a fresh process, best of --runs after one
   run that fills translit's cache; the very first run (empty cache) is shown too. Two ways to decode:
   the model's own output lengths (translit's guards on: a random model loops, so translit decodes
   such a sentence again, which a real model seldom needs) and every output fixed to --length tokens
   (guards off: both decode exactly the same). On the tiny test package and on the realistic-size one.
2. On the realistic-size package, outputs fixed: translit's pipeline on --sentences NTREX sentences
   against one raw translate_batch (max_batch_size=64, the batch translit uses), each in its own process:
   seconds and peak RSS. Then the English sample articles plain and with glossary + protected spans
   (each after one warm-up article: loading the glossary is start-up, timed in 1.): on random weights
   every term must be forced, the worst case.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

SENTENCE = "The court postponed the hearing until spring.\n"

RAW_ONE = """
import sys
import ctranslate2, sentencepiece
package, text, length = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().strip(), int(sys.argv[3])
threads = {"intra_threads": int(sys.argv[4])} if len(sys.argv) > 4 else {}
tokenizer = sentencepiece.SentencePieceProcessor(model_file=package + "/sentencepiece.model")
translator = ctranslate2.Translator(package + "/model", device="cpu", **threads)
fixed = {"min_decoding_length": length, "max_decoding_length": length} if length else {}
result = translator.translate_batch([tokenizer.encode(text, out_type=str)], beam_size=4, **fixed)
print(tokenizer.decode_pieces(result[0].hypotheses[0]))
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    from fixed_length import timed as run_timed

    return run_timed(command, env, ROOT)


def measure_startup(home: Path, env: dict[str, str], package: Path, length: int, runs: int) -> dict[str, float]:
    one = home / "one.txt"
    one.write_text(SENTENCE, encoding="utf-8")
    backend = {"TRANSLIT_BACKEND": "fixed-length"} if length else {"TRANSLIT_BACKEND": ""}
    run_env = {**env, **backend}
    cli = [sys.executable, "-m", "translit", "translate", str(one), "--to", "ru", "--json", "-q",
           "-o", str(home / "one.json")]
    raw = [sys.executable, "-c", RAW_ONE, str(package), str(one), str(length)]
    shutil.rmtree(Path(env["XDG_CACHE_HOME"]), ignore_errors=True)
    found = {"translit, first run (empty cache)": timed(cli, run_env)}
    for name, command in (("raw CTranslate2 script", raw), ("raw, intra_threads=1", [*raw, "1"]), ("translit", cli),
                          ("translit --no-glossary", [*cli, "--no-glossary"])):
        found[name] = min(timed(command, run_env) for _ in range(runs))
    return found


def worker(mode: str, package: str, data_dir: str, sentences: int, length: int) -> None:
    """One measurement in this process; prints a JSON line with its seconds and peak RSS."""
    import resource

    fixed = {"min_decoding_length": length, "max_decoding_length": length}
    found: dict[str, float] = {}
    if mode == "raw":
        import ctranslate2
        import sentencepiece

        # translit's own sentence split, made by the parent: nothing of translit is loaded here.
        split = Path(data_dir, "..", "sentences.txt").read_text(encoding="utf-8").splitlines()
        tokenizer = sentencepiece.SentencePieceProcessor(model_file=package + "/sentencepiece.model")
        translator = ctranslate2.Translator(package + "/model", device="cpu")
        tokens = tokenizer.encode(split, out_type=str)
        translator.translate_batch(tokens[:4], beam_size=4, **fixed)  # warm-up, as translit's below
        started = time.perf_counter()
        translator.translate_batch(tokens, beam_size=4, length_penalty=0.2, max_batch_size=64, **fixed)
        found["plain"] = time.perf_counter() - started
        found["sentences"] = len(tokens)
    else:
        from translation import ntrex_article

        from translit.document import Document
        from translit.ingest import sample_paths
        from translit.mt.registry import make_translator
        from translit.pipeline import Options, run

        translator = make_translator()
        document = Document.from_text(ntrex_article(Path(data_dir), sentences))
        plain = Options(source_lang="en", target_lang="ru", summary_sentences=None, use_glossary=False, protect=False)
        run(Document.from_text(SENTENCE), plain, translator)  # warm-up: model load
        started = time.perf_counter()
        result = run(document, plain, translator)
        found["plain"] = time.perf_counter() - started
        found["sentences"] = len(result.pairs)
        if mode == "translit+enforcement":
            articles = [Document.from_text(path.read_text(encoding="utf-8"))
                        for name, path in sample_paths().items() if name.startswith("en-")]
            both = Options(source_lang="en", target_lang="ru", summary_sentences=None)
            for key, options in (("articles plain", plain), ("articles glossary+spans", both)):
                run(articles[0], options, translator)  # warm-up: the glossary and spans load once (part 1 times it)
                started = time.perf_counter()
                results = [run(article, options, translator) for article in articles]
                found[key] = time.perf_counter() - started
            found["article sentences"] = sum(len(r.pairs) for r in results)
            found["forced"] = sum(1 for r in results for p in r.pairs for u in (*p.terms, *p.protected)
                                  if u.status.value == "forced")
    found["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(found))


def in_process(mode: str, args: argparse.Namespace, package: Path, env: dict[str, str]) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", mode, "--package", str(package), args.data_dir,
               "--sentences", str(args.sentences), "--length", str(args.length)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--length", type=int, default=24, help="output tokens when lengths are fixed")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--package", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.package, args.data_dir, args.sentences, args.length)
        return 0

    from build_test_package import build_package
    from fixed_length import bench_env

    print(f"{os.cpu_count()} cores; best of {args.runs} fresh processes; fixed outputs: {args.length} tokens")
    base_package = None
    for preset, folder in (("tiny", "test-packages"), ("base", "bench-packages")):
        home = Path(tempfile.mkdtemp(prefix=f"translit-startup-{preset}-"))
        env = bench_env(home, ROOT, args.length)
        package_file = build_package(ROOT / "build" / folder, "en", "ru", preset=preset)
        timed([sys.executable, "-m", "translit", "models", "install", str(package_file)], env)
        package = next(p for p in (home / "packages").iterdir() if (p / "model").is_dir())
        for length, label in ((0, "model's own output lengths, guards on"), (args.length, "outputs fixed")):
            found = measure_startup(home, env, package, length, args.runs)
            raw = found["raw CTranslate2 script"]
            print(f"\none-sentence CLI, {preset} package ({package_file.stat().st_size / 1e6:.0f} MB), {label}:")
            for name, seconds in found.items():
                print(f"  {name:36} {seconds:6.2f} s  {seconds / raw:5.2f}x raw")
            print(f"  goal: translit (with the glossary) <= 1.5x raw: {found['translit'] / raw:.2f}x; "
                  f"against the faster raw script: {found['translit'] / min(raw, found['raw, intra_threads=1']):.2f}x")
        if preset == "base":
            base_package, base_env = package, {**env, "TRANSLIT_BACKEND": "fixed-length"}

    assert base_package is not None
    from translation import ntrex_article

    from translit.document import Document
    from translit.pipeline import analyze

    _, split = analyze(Document.from_text(ntrex_article(Path(args.data_dir), args.sentences)), "en")
    work = Path(tempfile.mkdtemp(prefix="translit-startup-raw-")) / "data"
    work.mkdir()
    (work.parent / "sentences.txt").write_text("".join(s.text + "\n" for s in split), encoding="utf-8")
    raw = in_process("raw", argparse.Namespace(**{**vars(args), "data_dir": str(work)}), base_package, base_env)
    plain = in_process("translit", args, base_package, base_env)
    full = in_process("translit+enforcement", args, base_package, base_env)
    n = int(raw["sentences"])
    print(f"\nrealistic-size package, {n} NTREX sentences, outputs fixed, each in its own process:")
    print(f"  {'system':40} {'seconds':>8} {'sent/s':>7} {'peak RSS MB':>12}")
    print(f"  {'raw translate_batch, max_batch_size=64':40} {raw['plain']:8.2f} {n / raw['plain']:7.1f} "
          f"{raw['rss_mb']:12.0f}")
    print(f"  {'translit pipeline, plain':40} {plain['plain']:8.2f} {n / plain['plain']:7.1f} {plain['rss_mb']:12.0f}")
    print(f"  {'translit, then glossary+spans articles':40} {full['plain']:8.2f} {n / full['plain']:7.1f} "
          f"{full['rss_mb']:12.0f}")
    print(f"  plain throughput: {raw['plain'] / plain['plain']:.2f}x raw (goal >= 0.95x)")
    print(f"  peak RSS plain: {plain['rss_mb'] / raw['rss_mb']:.2f}x raw; with glossary and spans: "
          f"{full['rss_mb'] / raw['rss_mb']:.2f}x raw (goal <= 1.2x)")
    ratio = full["articles glossary+spans"] / full["articles plain"]
    print(f"\nEnglish sample articles ({int(full['article sentences'])} sentences), {int(full['forced'])} terms and "
          f"spans forced: plain {full['articles plain']:.1f} s, glossary+spans {full['articles glossary+spans']:.1f} s "
          f"= {ratio:.2f}x (goal <= 2.0x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
