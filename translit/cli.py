"""The `translit` command line. Thin: parse, call the library, print."""

from __future__ import annotations

import argparse
import atexit
import json
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from translit.errors import InputError, TranslitError

EXIT_BAD_INPUT = 2
FILE_HELP = "a .txt/.md/.html/.docx/.pdf file, an http(s) URL, or - for standard input"


def input_settings(args: argparse.Namespace):
    from translit.config import Settings

    allow = True if getattr(args, "allow_private_urls", False) else None
    return Settings.from_env().with_changes(allow_private_urls=allow)


def read_document(source: str, args: argparse.Namespace):
    """A Document from a file path, an http(s) URL, or standard input when source is '-'."""
    from translit.ingest import document_from_bytes, load_document

    settings = input_settings(args)
    if source == "-":
        return document_from_bytes(sys.stdin.buffer.read(), "standard input", settings=settings, source="-")
    return load_document(source, settings=settings)


def print_json(payload: object) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


MAX_LINE_CHARS = 10_000
"""`detect --lines` reads a line's first 10,000 characters: plenty to tell its language."""


def cmd_detect(args: argparse.Namespace) -> int:
    from translit.detect import detect_text

    if args.lines:
        chunks = detect_lines(args)
    else:
        chunks = iter([read_document(args.file, args).text])
    for chunk in chunks:
        found = detect_text(chunk[:MAX_LINE_CHARS])
        if args.json:
            alternatives = [{"lang": lang, "confidence": prob} for lang, prob in found.alternatives]
            print(json.dumps({"lang": found.lang, "confidence": round(found.confidence, 4),
                              "alternatives": alternatives}, ensure_ascii=False))
        else:
            print(f"{found.lang}\t{found.confidence:.2f}")
    return 0


def detect_lines(args: argparse.Namespace):
    """The lines of the input one by one: a plain-text file or standard input is streamed (no size limit
    on the whole, each line bounded); other documents are read whole and split into lines."""
    from translit.ingest import is_url

    source = args.file
    plain = source == "-" or (not is_url(source) and Path(source).suffix.lower() in ("", ".txt", ".tsv", ".csv"))
    if not plain:
        yield from read_document(source, args).text.splitlines()
        return
    if source != "-" and not Path(source).is_file():
        raise InputError(f"{source}: no such file; check the path.")
    stream = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115 - closed below
    try:
        for number, raw in enumerate(stream, start=1):
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                raise InputError(f"{source}, line {number}: not UTF-8 text; save the file as UTF-8.") from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def make_session(args: argparse.Namespace):
    """The Session for this call: settings from the environment and the command's options."""
    from translit.session import Session

    return Session(input_settings(args).with_changes(
        threads=getattr(args, "threads", None), backend=getattr(args, "backend", None)))


def say_first_build(what: str) -> None:
    from translit import cache

    print(f"translit: preparing {what}, once: kept in {cache.cache_dir()}", file=sys.stderr, flush=True)


def progress_printer(enabled: bool):
    if not enabled:
        return None

    def report(done: int, total: int) -> None:
        sys.stderr.write(f"\rtranslating: {done}/{total} sentences")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report


def cmd_batch(args: argparse.Namespace) -> int:
    import datetime
    from pathlib import Path

    from translit.batch import Job, ProgressLine, run_batch
    from translit.detect import normalize_code as check_code
    from translit.export import check_format
    from translit.pipeline import Options

    formats = tuple(dict.fromkeys(check_format(f) for f in args.format.split(",") if f.strip()))
    if not formats:
        raise InputError("Give at least one format: --format json (or md, html, docx, txt).")
    session = make_session(args)
    options = Options(
        source_lang=args.source if args.source == "auto" else check_code(args.source),
        target_lang=check_code(args.to),
        summary_sentences=args.summary or None,
        use_glossary=not args.no_glossary,
        glossary_paths=session.glossary_paths(tuple(args.glossary)),
    )
    job = Job(Path(args.output), options, formats, datetime.date.today().isoformat(), session.settings)
    progress = None if args.quiet else ProgressLine()
    report = run_batch(args.inputs, job, engine=args.engine, workers=args.workers, ray_address=args.ray_address,
                       chunk=args.chunk, progress=progress)
    print(f"{report.done} done, {report.skipped} skipped (already done), {report.failed} failed; "
          f"{report.sentences} sentences in {report.seconds:.1f} s. Manifest: {Path(args.output) / 'manifest.jsonl'}",
          file=sys.stderr)
    if report.failed:
        print("Run the same command again to retry the failed documents.", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_translate(args: argparse.Namespace) -> int:
    from translit.detect import normalize_code as check_code
    from translit.export import result_to_text
    from translit.pipeline import Options

    target = check_code(args.to)
    source = args.source if args.source == "auto" else check_code(args.source)
    session = make_session(args)
    document = read_document(args.file, args)
    options = Options(
        source_lang=source,
        target_lang=target,
        summary_sentences=args.summary or None,
        use_glossary=not args.no_glossary,
        glossary_paths=session.glossary_paths(tuple(args.glossary)),
    )
    show_progress = not args.quiet and sys.stderr.isatty()
    given = read_document(args.translation, args).text if args.translation else ""
    result = session.translate(document, options, given=given, progress=progress_printer(show_progress),
                               memory=not args.no_memory)
    if args.edits:
        result = take_xliff_edits(session, result, options, args)
    for warning in result.warnings:
        print(f"translit: {warning}", file=sys.stderr)
    reused = sum(1 for p in result.pairs if p.memory is not None)
    if reused and not args.quiet:
        print(f"{plural(reused, 'sentence')} taken from the translation memory ({session.settings.memory}).",
              file=sys.stderr)
    fmt = "json" if args.json and not args.format else (args.format or format_of_output(args.output))
    if fmt:
        write_export(result, fmt, args.output, include_full=not args.summary_only)
    else:
        sys.stdout.write(result_to_text(result))
    return 0


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def format_of_output(output: str | None) -> str | None:
    """The export format an output file's name asks for (report.docx: docx), or None (plain text out)."""
    if not output or output == "-":
        return None
    from translit.export import EXPORT_FORMATS

    suffix = Path(output).suffix.lower().lstrip(".")
    for key, (extension, _) in EXPORT_FORMATS.items():
        if suffix in (key, extension) or (key == "md" and suffix == "markdown") or (key == "xliff" and suffix == "xlf"):
            return key
    return "txt"  # any other name: the plain text, as without -o


def take_xliff_edits(session, result, options, args: argparse.Namespace):
    """The result with the edits of an XLIFF file made from it; each edit, and each sentence a person
    approved there as it was, is kept in the memory."""
    from translit.edits import apply_edits
    from translit.exchange.xliff import changes_from_xliff

    changes = changes_from_xliff(result, read_bytes(args.edits))
    result = apply_edits(result, changes.edits, options)
    if not args.no_memory:
        try:
            session.remember(result, changes.edits, approved=changes.approved)
        except TranslitError as error:
            print(f"translit: the edits were not kept in the translation memory: {error}", file=sys.stderr)
    if not args.quiet:
        approved = f", {plural(len(changes.approved), 'sentence')} approved as they were" if changes.approved else ""
        print(f"{plural(len(changes.edits), 'edit')} taken from {args.edits}{approved}.", file=sys.stderr)
    return result


def read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path.") from None
    except OSError as exc:
        raise InputError(f"Cannot read {path} ({exc.strerror}).") from None


def write_bytes(data: bytes, output: str | None) -> None:
    """A file written whole, then moved into place; standard output when no file is given."""
    if not output or output == "-":
        sys.stdout.buffer.write(data)
        return
    from translit.files import write_atomically

    try:
        write_atomically(output, data)
    except OSError as exc:
        raise InputError(f"Cannot write {output} ({exc.strerror}); choose another file or folder.") from None


def cmd_cache(args: argparse.Namespace) -> int:
    from translit import cache

    if args.clear:
        files, size = cache.clear()
        print(f"Deleted {plural(files, 'file')} ({size / 1e6:.1f} MB) from {cache.cache_dir()}; "
              "each is rebuilt when a run needs it.")
        return 0
    kinds: dict[str, list[int]] = {}
    for kind, size in cache.entries():
        kinds.setdefault(kind, []).append(size)
    if args.json:
        print_json({"path": str(cache.cache_dir()),
                    "kinds": [{"kind": kind, "files": len(sizes), "size_bytes": sum(sizes)}
                              for kind, sizes in kinds.items()]})
        return 0
    total = sum(sum(sizes) for sizes in kinds.values())
    print(f"{cache.cache_dir()}: {total / 1e6:.1f} MB")
    for kind, sizes in kinds.items():
        print(f"{kind}\t{plural(len(sizes), 'file')}\t{sum(sizes) / 1e6:.1f} MB")
    if kinds:
        print("Files of older library or glossary versions stay here too: `translit cache --clear` deletes all; "
              "what a run needs is rebuilt.")
    return 0


def cmd_memory_stats(args: argparse.Namespace) -> int:
    stats = make_session(args).memory.stats()
    if args.json:
        print_json({"path": str(stats.path), "units": stats.units, "human": stats.human, "machine": stats.machine,
                    "size_bytes": stats.size_bytes,
                    "pairs": [{"from": a, "to": b, "units": n} for a, b, n in stats.pairs]})
        return 0
    print(f"{stats.path}: {plural(stats.units, 'unit')} ({stats.human} by people, {stats.machine} by machine), "
          f"{stats.size_bytes / 1e6:.1f} MB")
    for source, target, count in stats.pairs:
        print(f"{source} -> {target}\t{count}")
    if not stats.units:
        print("Empty: edits made in the app, `translate --edits FILE.xlf` and `translit memory import` fill it.")
    return 0


def _pair_langs(pair: str | None) -> tuple[str | None, str | None]:
    if not pair:
        return None, None
    from translit.detect import normalize_code

    parts = pair.split("-")
    if len(parts) != 2:
        raise InputError(f"--pair {pair!r}: give two language codes joined by a hyphen, such as en-ru.")
    return normalize_code(parts[0]), normalize_code(parts[1])


def cmd_memory_export(args: argparse.Namespace) -> int:
    from translit.exchange.tmx import write_tmx

    source, target = _pair_langs(args.pair)
    units = make_session(args).memory.units(source, target)
    write_bytes(write_tmx(units), args.output)
    print(f"{plural(len(units), 'unit')} written to {args.output or 'standard output'}.", file=sys.stderr)
    return 0


def cmd_memory_import(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from translit.exchange.tmx import read_tmx
    from translit.exchange.xliff import read_xliff
    from translit.memory import Unit

    memory = make_session(args).memory
    total = 0
    read: list[tuple[str, list]] = []
    for path in args.files:  # every file read first: one bad file stores nothing
        suffix = Path(path).suffix.lower()
        if suffix not in (".tmx", ".xlf", ".xliff"):
            raise InputError(f"{path}: give a .tmx, .xlf or .xliff file.")
        try:
            data = read_bytes(path)
            if suffix == ".tmx":
                units = read_tmx(data)
            else:
                xliff = read_xliff(data)
                if not (xliff.source_lang and xliff.target_lang):
                    raise InputError("the XLIFF file does not say its languages (source-language, "
                                     "target-language); translit cannot file its sentences.")
                units = [Unit(u.source, u.target, xliff.source_lang, xliff.target_lang,
                              xliff.article or xliff.original, who="human") for u in xliff.units if u.human]
        except InputError as error:
            raise InputError(f"{path}: {error}") from None
        if args.article:
            units = [replace(u, article=args.article) for u in units]
        read.append((path, units))
    for path, units in read:
        added = memory.add(units)
        total += added
        print(f"{path}: {plural(added, 'unit')} added ({len(units) - added} already there).", file=sys.stderr)
    print(f"{plural(total, 'unit')} added to {memory.path}.", file=sys.stderr)
    return 0


def cmd_memory_forget(args: argparse.Namespace) -> int:
    source, target = _pair_langs(args.pair)
    memory = make_session(args).memory
    count = memory.forget(source_lang=source, target_lang=target, article=args.article, before=args.before,
                          everything=args.all)
    print(f"{plural(count, 'unit')} removed from {memory.path}.", file=sys.stderr)
    return 0


def cmd_glossary_export(args: argparse.Namespace) -> int:
    from translit.exchange.tbx import write_tbx
    from translit.pipeline import Options, glossary_for

    source, target = _pair_langs(args.pair)
    assert source is not None and target is not None
    options = Options(glossary_paths=make_session(args).glossary_paths(tuple(args.glossary)))
    glossary = glossary_for(options, source, target)
    if glossary is None:
        from translit.pairs import pairs

        raise InputError(f"No glossary for {args.pair}; translit has {', '.join(p.code for p in pairs())}.")
    write_bytes(write_tbx(glossary), args.output)
    print(f"{len(glossary.concepts)} concepts written to {args.output or 'standard output'}.", file=sys.stderr)
    return 0


def write_export(result, fmt: str, output: str | None, *, include_full: bool) -> None:
    """An export to a file (written whole, then moved into place) or to standard output."""
    from translit.export import export

    data = export(result, fmt, include_full=include_full)
    if not output or output == "-":
        if fmt == "docx" and sys.stdout.isatty():
            raise InputError("DOCX is a binary format; give a file name with -o report.docx.")
        if not data.endswith(b"\n") and fmt != "docx":
            data += b"\n"
    write_bytes(data, output)


def cmd_summarize(args: argparse.Namespace) -> int:
    from translit.detect import normalize_code as check_code
    from translit.pipeline import analyze
    from translit.summarize import summarize

    source = args.source if args.source == "auto" else check_code(args.source)
    document = read_document(args.file, args)
    detection, sentences = analyze(document, source)
    summary = summarize(
        document,
        detection.overall.lang,
        sentences=args.sentences,
        ratio=args.ratio,
        words=args.words,
        method=args.method,
    )
    chosen = [sentences[i].text for i in summary.indices]
    if args.json:
        print_json({"lang": summary.lang, "sentences": chosen, "indices": list(summary.indices)})
    else:
        print("\n".join(chosen))
    return 0


def cmd_glossary_check(args: argparse.Namespace) -> int:
    from translit.glossary import check_glossary, shipped_files

    files = [args.file] if args.file else [str(f) for f in shipped_files()]
    failed = False
    for file in files:
        problems = check_glossary(file)
        for problem in problems:
            print(problem, file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            print(f"{file}: OK")
    return EXIT_BAD_INPUT if failed else 0


def cmd_glossary_terms(args: argparse.Namespace) -> int:
    from translit.pipeline import Options, analyze, glossary_for

    document = read_document(args.file, args)
    detection, sentences = analyze(document, args.source)
    lang = detection.overall.lang
    options = Options(glossary_paths=make_session(args).glossary_paths(tuple(args.glossary)))
    glossary = glossary_for(options, lang, args.target)
    if glossary is None:
        from translit.pairs import pairs

        covered = ", ".join(pair.code for pair in pairs())
        raise InputError(f"The glossaries cover {covered}; this text is in {lang}"
                         + (f" and no glossary pairs it with {args.target}." if args.target else "."))
    found = []
    for sentence, hits in zip(sentences, glossary.find_in_document([s.text for s in sentences], lang)):
        for hit in hits:
            found.append(
                {
                    "id": hit.concept_id,
                    "source_text": hit.source_text,
                    "start": hit.start,
                    "end": hit.end,
                    "sentence": sentence.index,
                    "target_term": hit.target_term,
                    **{f"note_{code}": note for code, note in hit.notes},
                    "enforced": hit.enforced,
                }
            )
    if args.json:
        print_json({"lang": lang, "glossary": f"{glossary.name} {glossary.version}", "terms": found})
    else:
        for term in found:
            sense = "" if term["enforced"] else "\t(suggestion: the legal sense is not certain here)"
            print(f"{term['source_text']}\t{term['target_term']}\t{term.get('note_en', '')}{sense}")
    return 0


def cmd_romanize(args: argparse.Namespace) -> int:
    from translit.romanize import romanize

    text = args.text if args.text != "-" else sys.stdin.read()
    print(" ".join(romanize(text, args.lang, args.system).split()))
    return 0


def cmd_models_list(args: argparse.Namespace) -> int:
    session = make_session(args)
    settings = session.settings
    packages = session.installed_packages()
    pivots = session.pivot_pairs()
    if args.json:
        print_json(
            {
                "package_dir": str(settings.package_dir),
                "packages": [
                    {"from": p.from_code, "to": p.to_code, "version": p.version, "path": str(p.path),
                     "size_bytes": p.size_bytes()}
                    for p in packages
                ],
                "pivot_pairs": [{"from": p.source, "to": p.target, "via": p.via} for p in pivots],
            }
        )
        return 0
    if not packages:
        print(f"No Argos packages installed in {settings.package_dir}.")
        print("Install one with `translit models install FILE.argosmodel` (see README: Getting models).")
        return 0
    for p in packages:
        print(f"{p.from_code} -> {p.to_code}\tversion {p.version}\t{p.size_bytes() / 1e6:.1f} MB\t{p.path}")
    for pivot in pivots:
        print(pivot.label)
    return 0


def cmd_models_install(args: argparse.Namespace) -> int:
    package = make_session(args).install_model(Path(args.file), force=args.force)
    print(f"Installed {package.from_code} -> {package.to_code} version {package.version} in {package.path}")
    return 0


def cmd_models_remove(args: argparse.Namespace) -> int:
    source, target = check_pair_code(args.source), check_pair_code(args.target)
    package = make_session(args).remove_model(source, target)
    print(f"Removed {package.from_code} -> {package.to_code} version {package.version}")
    return 0


def cmd_models_available(args: argparse.Namespace) -> int:
    entries = make_session(args).available_models(args.index)
    if args.json:
        print_json([{"from": e.from_code, "to": e.to_code, "version": e.version, "size": e.size} for e in entries])
    for entry in entries if not args.json else ():
        size = f"\t{entry.size / 1e6:.0f} MB" if entry.size else ""
        print(f"{entry.from_code} -> {entry.to_code}\tversion {entry.version}{size}")
    return 0


def cmd_models_download(args: argparse.Namespace) -> int:

    def progress(done: int, total: int | None) -> None:
        if args.quiet:
            return
        shown = f"{done / 1e6:.1f}/{total / 1e6:.1f} MB" if total else f"{done / 1e6:.1f} MB"
        sys.stderr.write(f"\rdownloading: {shown}")
        sys.stderr.flush()

    package = make_session(args).download_model(
        check_pair_code(args.source), check_pair_code(args.target), progress=progress, index_url=args.index,
        force=args.force,
    )
    if not args.quiet:
        sys.stderr.write("\n")
    print(f"Installed {package.from_code} -> {package.to_code} version {package.version} in {package.path}")
    return 0


def check_pair_code(code: str) -> str:
    from translit.detect import normalize_code

    return normalize_code(code)


def add_url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-private-urls", action="store_true",
        help="allow URLs on loopback or private addresses (refused by default; also TRANSLIT_ALLOW_PRIVATE_URLS=1)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translit",
        description="Offline article translation and bilingual summaries with Argos Translate models.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("detect", help="detect the language of a text")
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument("--lines", action="store_true", help="detect each line separately")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_url_option(p)
    p.set_defaults(func=cmd_detect)

    p = sub.add_parser("translate", help="translate an article sentence by sentence")
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument("--to", required=True, help="target language code, e.g. ru")
    p.add_argument("--from", dest="source", default="auto", help="source language code (default: detect)")
    p.add_argument("--summary", type=int, default=0, metavar="N", help="add an N-sentence summary")
    p.add_argument("--threads", type=int, default=None,
                   help="CPU threads for the model, one replica each (default: the usable cores, at most 8)")
    p.add_argument(
        "--backend", default=None, metavar="NAME",
        help="translation backend (default: argos, or TRANSLIT_BACKEND); plugins add their own",
    )
    p.add_argument(
        "--glossary", action="append", default=[], metavar="PATH",
        help="an extra glossary file whose entries override the built-in ones (repeatable)",
    )
    p.add_argument("--no-glossary", action="store_true", help="translate without the legal glossary")
    p.add_argument(
        "--translation", metavar="TGT",
        help="use this translation instead of a model (line i translates line i of FILE): terms, names and "
        "numbers are checked and flagged, the summary and exports made, nothing is inserted",
    )
    p.add_argument("--json", action="store_true", help="print JSON (same as --format json)")
    p.add_argument("--format", metavar="FORMAT",
                   help="write an export in this format: md, html, docx, json, txt or xliff (default: from the name "
                   "given to -o, else plain text)")
    p.add_argument("-o", "--output", metavar="OUT", help="file for the export (default: standard output)")
    p.add_argument("--summary-only", action="store_true", help="exports hold the summary, not the full text")
    p.add_argument("--edits", metavar="FILE.xlf",
                   help="an XLIFF of this article edited in a CAT tool: its changed sentences become edits (kept in "
                   "the translation memory) and the export shows them")
    p.add_argument("--no-memory", action="store_true",
                   help="do not take sentences from the translation memory, nor keep edits in it")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    add_url_option(p)
    p.set_defaults(func=cmd_translate)

    p = sub.add_parser(
        "batch", help="translate an archive: folders, link lists, JSONL; resumable, on all cores or Ray",
        description="Translate many documents into OUTDIR. Rerun the same command to finish an interrupted "
        "batch: finished documents are skipped, failed ones retried. OUTDIR/manifest.jsonl says what "
        "happened to each. Exit status 0 when every document is done, 1 when some failed.",
    )
    p.add_argument("inputs", metavar="INPUT", nargs="+",
                   help="a folder (every file translate reads, recursively), a file, a list of links (one per "
                   "line), a JSONL archive ({\"id\", \"text\"} or {\"id\", \"url\"} per line), or - for standard input")
    p.add_argument("--to", required=True, help="target language code, e.g. ru")
    p.add_argument("--from", dest="source", default="auto", help="source language code (default: detect each)")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder for the outputs and the manifest")
    p.add_argument("--format", default="json", metavar="LIST",
                   help="comma-separated export formats: json,md,html,docx,txt (default json)")
    p.add_argument("--summary", type=int, default=0, metavar="N", help="add an N-sentence summary")
    p.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local worker processes (default) or Ray (pip install 'translit[ray]')")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes or Ray actors, each with its own model (default 1)")
    p.add_argument("--ray-address", default=None, metavar="ADDR",
                   help="join a Ray cluster (auto, ray://host:10001); default: start a local one")
    p.add_argument("--chunk", type=int, default=8, metavar="N", help="documents a worker translates together")
    p.add_argument("--backend", default=None, metavar="NAME", help="translation backend (default: argos)")
    p.add_argument("--glossary", action="append", default=[], metavar="PATH", help="an extra glossary file")
    p.add_argument("--no-glossary", action="store_true", help="translate without the legal glossary")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    add_url_option(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("summarize", help="extractive summary in the article's language")
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument("--from", dest="source", default="auto", help="source language code (default: detect)")
    length = p.add_mutually_exclusive_group()
    length.add_argument("--sentences", type=int, default=None, metavar="N", help="N sentences (default 3)")
    length.add_argument("--ratio", type=float, default=None, metavar="R", help="share of the sentences, 0-1")
    length.add_argument("--words", type=int, default=None, metavar="W", help="at most W words")
    p.add_argument(
        "--method", default="default", metavar="NAME",
        help="default (position, title overlap, centrality, glossary terms), lead, lexrank, luhn, textrank, "
        "lsa, sumbasic, kl, edmundson or random",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    add_url_option(p)
    p.set_defaults(func=cmd_summarize)

    p = sub.add_parser("glossary", help="check glossary files; list the terms found in a text")
    glossary = p.add_subparsers(dest="glossary_command", metavar="ACTION")
    glossary.required = True
    g = glossary.add_parser("check", help="validate a glossary or places file (exit 2 on errors)")
    g.add_argument("file", metavar="FILE", nargs="?", help="the file (default: every file translit ships)")
    g.set_defaults(func=cmd_glossary_check)
    g = glossary.add_parser("terms", help="glossary terms found in a text")
    g.add_argument("file", metavar="FILE", help=FILE_HELP)
    g.add_argument("--from", dest="source", default="auto", help="source language code (default: detect)")
    g.add_argument("--to", dest="target", default=None,
                   help="the glossary's other language (en-ru or en-uk; default: the text language's first pair)")
    g.add_argument("--glossary", action="append", default=[], metavar="PATH", help="an extra glossary file")
    g.add_argument("--json", action="store_true", help="print JSON")
    add_url_option(g)
    g.set_defaults(func=cmd_glossary_terms)
    g = glossary.add_parser("export", help="the glossary of a pair as TBX-Basic, for CAT tools' termbases")
    g.add_argument("--pair", default="en-ru", help="the glossary's languages (default en-ru)")
    g.add_argument("--format", default="tbx", choices=["tbx"], help="tbx (TBX-Basic; the only one for now)")
    g.add_argument("--glossary", action="append", default=[], metavar="PATH", help="an extra glossary file")
    g.add_argument("-o", "--output", metavar="FILE.tbx", help="the file (default: standard output)")
    g.set_defaults(func=cmd_glossary_export)

    p = sub.add_parser("memory", help="the translation memory: people's translations, reused when a sentence returns")
    memory = p.add_subparsers(dest="memory_command", metavar="ACTION")
    memory.required = True
    m = memory.add_parser("stats", help="how many units it holds, by language pair")
    m.add_argument("--json", action="store_true", help="print JSON")
    m.set_defaults(func=cmd_memory_stats)
    m = memory.add_parser("export", help="write the memory as TMX 1.4b")
    m.add_argument("-o", "--output", metavar="FILE.tmx", help="the file (default: standard output)")
    m.add_argument("--pair", default=None, help="only this pair, such as en-ru")
    m.set_defaults(func=cmd_memory_export)
    m = memory.add_parser("import", help="add the units of TMX files, or the human-translated units of XLIFF files")
    m.add_argument("files", metavar="FILE", nargs="+", help=".tmx, .xlf or .xliff")
    m.add_argument("--article", default=None, help="file the units under this article id")
    m.set_defaults(func=cmd_memory_import)
    m = memory.add_parser("forget", help="remove units by pair, article or date, or all of them")
    m.add_argument("--pair", default=None, help="units of this pair, such as en-ru")
    m.add_argument("--article", default=None, help="units of this article id")
    m.add_argument("--before", default=None, metavar="DATE", help="units made before this ISO date (2026-01-31)")
    m.add_argument("--all", action="store_true", help="every unit")
    m.set_defaults(func=cmd_memory_forget)

    p = sub.add_parser("romanize", help="Cyrillic to Latin as passports write names")
    p.add_argument("text", metavar="TEXT", help="the text, or - for standard input")
    p.add_argument("--lang", default="ru", choices=["ru", "uk"], help="language of the text (default ru)")
    p.add_argument(
        "--system", default="passport", choices=["passport", "icao", "bgn", "gost"],
        help="passport (the country's passport system, default), icao, bgn or gost",
    )
    p.set_defaults(func=cmd_romanize)

    p = sub.add_parser("cache", help="the start-up work kept between runs (TRANSLIT_CACHE_DIR): its size, or --clear")
    p.add_argument("--clear", action="store_true", help="delete it all (rebuilt when needed)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_cache)

    p = sub.add_parser("models", help="installed Argos translation packages")
    models = p.add_subparsers(dest="models_command", metavar="ACTION")
    models.required = True
    m = models.add_parser("list", help="list installed packages and pairs")
    m.add_argument("--json", action="store_true", help="print JSON")
    m.set_defaults(func=cmd_models_list)
    m = models.add_parser("install", help="install a .argosmodel file (checked first; all or nothing)")
    m.add_argument("file", metavar="FILE")
    m.add_argument("--force", action="store_true", help="replace an installed newer version")
    m.set_defaults(func=cmd_models_install)
    m = models.add_parser("remove", help="remove the package for a pair")
    m.add_argument("source", metavar="FROM", help="source language code, e.g. en")
    m.add_argument("target", metavar="TO", help="target language code, e.g. ru")
    m.set_defaults(func=cmd_models_remove)
    m = models.add_parser("available", help="packages offered by the Argos package index (needs the network)")
    m.add_argument("--index", metavar="URL", help="another package index (default: argostranslate's)")
    m.add_argument("--json", action="store_true", help="print JSON")
    add_url_option(m)
    m.set_defaults(func=cmd_models_available)
    m = models.add_parser("download", help="download and install a package from the index (needs the network)")
    m.add_argument("source", metavar="FROM", help="source language code, e.g. en")
    m.add_argument("target", metavar="TO", help="target language code, e.g. ru")
    m.add_argument("--index", metavar="URL", help="another package index (default: argostranslate's)")
    m.add_argument("--force", action="store_true", help="replace an installed newer version")
    m.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    add_url_option(m)
    m.set_defaults(func=cmd_models_download)
    return parser


def run() -> NoReturn:
    """The `translit` command (and `python -m translit`): main(), then out at once. Tearing the
    interpreter down (every module, CTranslate2's replicas) takes 40-50 ms, a fifth of a one-sentence
    translation. With the exit handlers run and the output flushed there is nothing left for it to do,
    unless the command started threads or processes of its own (a batch's pool, Ray): those are shut
    down by the ordinary exit."""
    code = main()
    if threading.active_count() > 1 or not _FAST_EXIT_MODULES.isdisjoint(sys.modules):
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader stopped early (`| head`): not an error
            pass
        except (OSError, ValueError) as exc:
            if stream is sys.stdout:
                print(f"translit: could not write the output ({exc}); check the disk or the file.",
                      file=sys.stderr, flush=True)
                code = code or 1
    os._exit(code)


_FAST_EXIT_MODULES = frozenset({"multiprocessing", "concurrent.futures.process", "ray"})
"""Loaded, these may have workers that only the interpreter's own shutdown stops."""


def main(argv: Sequence[str] | None = None) -> int:
    from translit import cache

    parser = build_parser()
    args = parser.parse_args(argv)
    cache.set_build_notice(None if getattr(args, "quiet", False) else say_first_build)
    try:
        return args.func(args)
    except TranslitError as exc:
        print(f"translit: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("translit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
