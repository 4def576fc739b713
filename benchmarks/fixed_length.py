"""Shared by the benchmarks that run whole commands: a backend plugin that fixes every output's length,
and NTREX news documents as articles.

With every output forced to the same number of tokens, each system does the same decoding work and only
the calling pattern differs (as in benchmarks/translation.py). The plugin is found through its entry point
("translit.translators"), the way any installed backend is, so every process of a command picks it up from
TRANSLIT_BACKEND=fixed-length and the length from TRANSLIT_BENCH_LENGTH.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

PLUGIN = '''
import os

from translit.mt.argos import ArgosTranslator, DecodingOptions


def make_translator(settings):
    length = int(os.environ["TRANSLIT_BENCH_LENGTH"])
    # Outputs fixed to one length all reach the limit: guards off, so every system decodes the same.
    return ArgosTranslator(settings, DecodingOptions(
        beam_size=4, guards=False, min_decoding_length=length, max_decoding_length=length))
'''


def install_plugin(folder: Path) -> None:
    """A backend named fixed-length, found through its entry point like any installed plugin."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "translit_bench_fixed.py").write_text(PLUGIN, encoding="utf-8")
    info = folder / "translit_bench_fixed-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: translit-bench-fixed\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[translit.translators]\nfixed-length = translit_bench_fixed:make_translator\n")


def ntrex_documents(data_dir: Path, count: int) -> list[str]:
    """NTREX documents as article texts, in order, repeated from the start until there are `count`."""
    folder = data_dir / "mt" / "ntrex128"
    lines = (folder / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    doc_ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    by_doc: dict[str, list[str]] = {}
    for line, doc in zip(lines, doc_ids):
        by_doc.setdefault(doc, []).append(line.strip())
    articles = []
    for sentences in by_doc.values():
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        articles.append("\n\n".join(paragraphs) + "\n")
    return [articles[i % len(articles)] for i in range(count)]


def bench_env(home: Path, root: Path, length: int) -> dict[str, str]:
    """An environment of its own under `home` (data, config, cache, packages) with the plugin on the path."""
    import os

    env = os.environ.copy()
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed translit has its bytecode compiled
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    install_plugin(home / "plugin")
    env.update({
        "ARGOS_PACKAGES_DIR": str(home / "packages"), "TRANSLIT_BENCH_LENGTH": str(length),
        "PYTHONPATH": os.pathsep.join([str(home / "plugin"), str(root), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    })
    return env


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds a command takes in a fresh process; its error output ends the benchmark if it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return seconds
