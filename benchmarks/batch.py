"""Batch throughput: `translit batch` (local 1/2 workers, Ray 1/2 actors) against the one-document-at-a-
time CLI loop and against one process translating everything.

Usage: python benchmarks/batch.py [DATA_DIR] [--documents 200] [--length 24] [--cli-sample 10]
                                  [--nodes 1,4,16] [--no-ray]

Every system runs the realistic-size random-weight package (transformer-base, 6+6 layers, d512, 32k
vocabulary, int8, built by scripts/build_test_package.py) with beam 4 and every output forced to the
same number of tokens, so each does the same decoding work and only the way documents reach the model
differs. The fixed lengths come from a small backend plugin this script writes (entry point
"translit.translators", the way any plugin is installed), so the CLI loop, the workers and the Ray
actors all pick it up from TRANSLIT_BACKEND.

Documents are the NTREX-128 news documents (English sources, 4 sentences to a paragraph), taken in
order and again from the start until there are --documents of them. Plain translation (--no-glossary):
enforcement on random weights forces every term, the worst case, and is measured by
benchmarks/enforcement.py. Number protection stays on, as in every CLI call.

Systems, each a real command in a fresh process:
- CLI loop: `translit translate DOC --json` once per document (today's only way). Timed on
  --cli-sample documents spread evenly over the set, and scaled to all of them (0: time them all).
- one process: `translit translate` of one file holding every document, all threads, one model load.
- batch local, 1 worker (all threads) and 2 workers (a thread each); batch Ray, 1 and 2 actors.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

def translit(*args: str, env: dict[str, str]) -> float:
    from fixed_length import timed

    return timed([sys.executable, "-m", "translit", *args], env, ROOT)


def manifest_sentences(outdir: Path) -> int:
    rows = [json.loads(line) for line in (outdir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = [r for r in rows if r["status"] != "done"]
    if failed:
        raise SystemExit(f"{len(failed)} documents not done in {outdir}: {failed[0]}")
    return sum(r["sentences"] for r in rows)


def same_outputs(first: Path, second: Path) -> tuple[int, int]:
    """(outputs compared, outputs that differ) between two batch folders, manifests aside."""
    names = sorted(p.name for p in first.glob("*.json"))
    differ = sum((first / n).read_bytes() != (second / n).read_bytes() if (second / n).is_file() else 1
                 for n in names)
    return len(names), differ


def ray_start_seconds(env: dict[str, str]) -> float | None:
    """ray.init of a local loopback instance and its shutdown, in a fresh process (import excluded)."""
    code = textwrap.dedent("""
        import time, ray
        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="warning",
                 _node_ip_address="127.0.0.1")
        ray.shutdown()
        print(time.perf_counter() - started)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return float(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--length", type=int, default=24, help="output tokens forced for every sentence")
    parser.add_argument("--cli-sample", type=int, default=10,
                        help="documents the CLI loop is timed on, scaled to all (0: all)")
    parser.add_argument("--nodes", default="1,4,16", help="cluster sizes (8-core nodes) for the projection")
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    args = parser.parse_args()

    from build_test_package import build_package
    from fixed_length import bench_env, ntrex_documents

    home = Path(tempfile.mkdtemp(prefix="translit-batch-bench-"))
    env = {**bench_env(home, ROOT, args.length), "TRANSLIT_BACKEND": "fixed-length"}
    package_file = build_package(ROOT / "build" / "bench-packages", "en", "ru", preset="base")
    translit("models", "install", str(package_file), env={**env, "TRANSLIT_BACKEND": ""})
    cores = os.cpu_count() or 1
    print(f"package: {package_file.name} ({package_file.stat().st_size / 1e6:.0f} MB); "
          f"{cores} cores; beam 4, {args.length} output tokens per sentence")

    texts = ntrex_documents(Path(args.data_dir), args.documents)
    inputs = home / "inputs"
    inputs.mkdir()
    files = []
    for number, text in enumerate(texts, 1):
        path = inputs / f"doc{number:04d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    every = home / "everything.txt"
    every.write_text("\n".join(texts), encoding="utf-8")

    results: dict[str, float] = {}
    sentences = 0
    runs = [("batch local, 1 worker", "local", 1), ("batch local, 2 workers", "local", 2)]
    if not args.no_ray:
        runs += [("batch Ray, 1 actor", "ray", 1), ("batch Ray, 2 actors", "ray", 2)]
    folders = {}
    for name, engine, workers in runs:
        outdir = home / f"out-{engine}-{workers}"
        results[name] = translit("batch", str(inputs), "--to", "ru", "-o", str(outdir), "--no-glossary", "-q",
                                 "--engine", engine, "--workers", str(workers), env=env)
        sentences = manifest_sentences(outdir)
        folders[name] = outdir
        print(f"  {name}: {results[name]:.1f} s", flush=True)

    results["one process, all documents in one file"] = translit(
        "translate", str(every), "--to", "ru", "--no-glossary", "--json", "-o", str(home / "every.json"), "-q",
        env=env)
    print(f"  one process: {results['one process, all documents in one file']:.1f} s", flush=True)

    sample = files if args.cli_sample <= 0 else [files[round(i * len(files) / args.cli_sample)]
                                                  for i in range(min(args.cli_sample, len(files)))]
    loop = sum(translit("translate", str(path), "--to", "ru", "--no-glossary", "--json", "-q",
                        "-o", str(home / f"{path.stem}.json"), env=env) for path in sample)
    cli_name = "CLI loop, one process per document"
    results[cli_name] = loop * len(files) / len(sample)
    print(f"  CLI loop: {loop:.1f} s for {len(sample)} documents", flush=True)

    n = len(files)
    print(f"\n{n} documents, {sentences} sentences (NTREX documents, {sentences / n:.1f} sentences each)")
    print(f"{'system':40} {'seconds':>8} {'docs/min':>9} {'sent/s':>7} {'vs CLI loop':>12} {'vs one process':>15}")
    whole = results["one process, all documents in one file"]
    for name, seconds in results.items():
        note = " (scaled)" if name == cli_name and len(sample) < n else ""
        print(f"{name:40} {seconds:8.1f} {n * 60 / seconds:9.1f} {sentences / seconds:7.2f} "
              f"{results[cli_name] / seconds:11.2f}x {whole / seconds:14.2f}x"
              f"{note}")

    one, two = results["batch local, 1 worker"], results["batch local, 2 workers"]
    print(f"\nbatch local 2 workers / CLI loop: {results[cli_name] / two:.2f}x (goal >= 1.8x)")
    print(f"scaling, local 1 -> 2 workers: {one / two:.2f}x, efficiency {one / two / 2:.0%} "
          f"(on {cores} cores; 1 worker already uses all of them: one model replica per thread)")
    if not args.no_ray:
        for workers in (1, 2):
            label = "actor" if workers == 1 else "actors"
            ray_seconds = results[f"batch Ray, {workers} {label}"]
            local_seconds = results[f"batch local, {workers} {'worker' if workers == 1 else 'workers'}"]
            print(f"Ray {workers} {label} / local {workers}: {ray_seconds / local_seconds:.3f}x the time "
                  f"({ray_seconds - local_seconds:+.1f} s, {ray_seconds / local_seconds - 1:+.1%}; goal within 15 %)")
        compared, differ = same_outputs(folders["batch local, 2 workers"], folders["batch Ray, 2 actors"])
        print(f"outputs local vs Ray: {compared - differ} of {compared} JSON files byte for byte the same")
        start = ray_start_seconds(env)
        if start is not None:
            print(f"Ray start-up (ray.init of a local loopback instance + shutdown): {start:.1f} s")

    # Documents are independent and each actor holds its own model, so a cluster adds actors' rates;
    # the driver only hands out items and collects manifest rows.
    best = results.get("batch Ray, 2 actors", two)
    per_core = n * 60 / (best * cores)
    source = "Ray" if "batch Ray, 2 actors" in results else "local"
    print(f"\nOn paper: {per_core:.1f} documents/min per actor of one thread ({source}, {cores} on {cores} cores "
          "here); N 8-core nodes running 8 such actors each, rates adding up:")
    for nodes in (int(x) for x in args.nodes.split(",") if x.strip()):
        per_minute = per_core * 8 * nodes
        print(f"  {nodes:3} x 8-core nodes: about {per_minute:,.0f} documents/min, "
              f"{per_minute * 60 * 24:,.0f} a day")
    return 0


if __name__ == "__main__":
    sys.exit(main())
