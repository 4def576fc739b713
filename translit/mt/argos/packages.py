"""Installed Argos packages: discovery and metadata, read as argostranslate.package reads them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from translit.errors import ModelError


@dataclass(frozen=True)
class InstalledPackage:
    from_code: str
    to_code: str
    version: str
    path: Path
    target_prefix: str = ""
    from_name: str = ""
    to_name: str = ""

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece_model(self) -> Path:
        return self.path / "sentencepiece.model"

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


def _version_key(version: str) -> tuple:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def read_metadata(folder: Path) -> dict:
    """A package folder's metadata.json, as argostranslate's Package reads it (without importing
    argostranslate, which costs a CLI call about 40 ms, and without loading the tokenizer)."""
    try:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"The Argos package in {folder} has an unreadable metadata.json ({exc}); "
            f"remove that folder or reinstall the package."
        ) from None
    if not isinstance(metadata, dict):
        raise ModelError(f"The Argos package in {folder} has a metadata.json that is not an object; "
                         f"remove that folder or reinstall the package.")
    return metadata


def installed_packages(package_dir: Path) -> tuple[InstalledPackage, ...]:
    """Translation packages in package_dir, newest version per pair, sorted by pair.

    Folders that are not Argos packages are skipped; a package without a SentencePiece model
    (old BPE packages) is reported as unusable rather than failing later.
    """
    if not package_dir.is_dir():
        return ()
    best: dict[tuple[str, str], InstalledPackage] = {}
    for folder in sorted(p for p in package_dir.iterdir() if p.is_dir()):
        if not (folder / "metadata.json").is_file():
            continue
        metadata = read_metadata(folder)
        # argostranslate's defaults (IPackage.load_metadata_from_json): type "translate", the rest empty.
        from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
        if metadata.get("type", "translate") != "translate" or not from_code or not to_code:
            continue
        found = InstalledPackage(
            from_code=from_code,
            to_code=to_code,
            version=str(metadata.get("package_version") or "0"),
            path=folder,
            target_prefix=metadata.get("target_prefix") or "",
            from_name=metadata.get("from_name") or "",
            to_name=metadata.get("to_name") or "",
        )
        current = best.get(found.pair)
        if current is None or _version_key(found.version) > _version_key(current.version):
            best[found.pair] = found
    return tuple(best[pair] for pair in sorted(best))


MAX_PACKAGE_BYTES = 2 * 1024**3
"""Uncompressed size cap for a .argosmodel (real packages are 50-400 MB); stops zip bombs."""

_REQUIRED_FILES = ("metadata.json", "model/model.bin")

MAX_MEMBER_RATIO = 20
"""A member over 1 MB may unpack to at most this many times its packed size. Model weights (float or
int8) hardly compress (a 100 MB package unpacks to about its own size); a 1,000:1 member is a bomb."""
MAX_TOTAL_RATIO = 4
TOTAL_SLACK_BYTES = 32 * 1024**2
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")
_FOLDER_PAIR = re.compile(r"translate-([a-z]{2,3})_([a-z]{2,3})(?:-|$)")


@dataclass(frozen=True)
class PackageCheck:
    """What a .argosmodel holds, once it has passed every check."""

    top_folder: str
    metadata: dict
    uncompressed_bytes: int


def _bad(path: Path, reason: str) -> ModelError:
    return ModelError(f"{path.name} is not a usable Argos package: {reason}. Nothing was installed.")


def check_package_file(path: Path, max_bytes: int = MAX_PACKAGE_BYTES) -> PackageCheck:
    """Validate a .argosmodel without extracting it."""
    import stat
    import zipfile

    if not path.is_file():
        raise ModelError(f"{path}: no such file; check the path of the .argosmodel file.")
    if not zipfile.is_zipfile(path):
        raise _bad(path, "it is not a zip archive (a .argosmodel file is one)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = [info.filename for info in infos]
            tops = {name.split("/", 1)[0] for name in names if name.strip("/")}
            for info in infos:
                name = info.filename
                mode = info.external_attr >> 16
                if name.startswith(("/", "\\")) or ":" in name.split("/", 1)[0] or ".." in name.split("/"):
                    raise _bad(path, f"it contains an unsafe path {name!r}")
                if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
                    raise _bad(path, f"{name!r} is a link or a device file")
            total = sum(info.file_size for info in infos)
            if total > max_bytes:
                limit = f"{max_bytes / 1e9:.1f} GB"
                raise _bad(path, f"it unpacks to {total / 1e9:.1f} GB, over the {limit} limit")
            for info in infos:
                if info.file_size > 1024**2 and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
                    ratio = info.file_size / max(info.compress_size, 1)
                    raise _bad(path, f"{info.filename} would unpack to {ratio:,.0f} times its packed size; no "
                               "real model compresses like that")
            packed = sum(info.compress_size for info in infos)
            if total > MAX_TOTAL_RATIO * packed + TOTAL_SLACK_BYTES:
                raise _bad(path, f"it would unpack to {total / 1e6:,.0f} MB from {packed / 1e6:,.1f} MB; real "
                           "packages unpack to about their own size")
            if len(tops) != 1:
                raise _bad(path, "it should hold exactly one top-level folder")
            top = tops.pop()
            for required in _REQUIRED_FILES:
                if f"{top}/{required}" not in names:
                    raise _bad(path, f"{required} is missing")
            if f"{top}/sentencepiece.model" not in names:
                raise _bad(path, "it has no tokenizer (sentencepiece.model); older packages with BPE files cannot "
                           "be run: download the current package for this pair")
            try:
                metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise _bad(path, f"metadata.json is not valid JSON ({exc})") from None
    except zipfile.BadZipFile as exc:
        raise _bad(path, f"the archive is damaged ({exc})") from None
    if not isinstance(metadata, dict) or not all(
        isinstance(metadata.get(key), str) and metadata.get(key) for key in ("from_code", "to_code")
    ):
        raise _bad(path, "metadata.json must give from_code and to_code")
    source, target = metadata["from_code"], metadata["to_code"]
    if not (_LANGUAGE_CODE.fullmatch(source) and _LANGUAGE_CODE.fullmatch(target)) or source == target:
        raise _bad(path, f"metadata.json gives {source!r} -> {target!r}, not a pair of language codes")
    if metadata.get("type", "translate") != "translate":
        raise _bad(path, f"it is a {metadata.get('type')!r} package, not a translation package")
    folder = _FOLDER_PAIR.match(top)
    if folder and folder.groups() != (source, target):
        raise _bad(path, f"its folder {top!r} says {folder.group(1)} -> {folder.group(2)} but metadata.json says "
                   f"{source} -> {target}")
    return PackageCheck(top, metadata, total)


def smoke_test(folder: Path) -> None:
    """Load the unpacked model with CTranslate2 and translate one short sentence; ModelError if it cannot."""
    import ctranslate2
    import sentencepiece

    try:
        tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
        translator = ctranslate2.Translator(str(folder / "model"), device="cpu", compute_type="int8",
                                            inter_threads=1, intra_threads=1)
        tokens = tokenizer.encode(["Hello."], out_type=str)
        translator.translate_batch(tokens, beam_size=1, max_decoding_length=8)
    except Exception as exc:  # noqa: BLE001 - whatever a broken model raises, the answer is the same
        raise ModelError(f"the model does not load or translate ({type(exc).__name__}: {exc})") from None


def install_package(path: Path, package_dir: Path, *, force: bool = False) -> InstalledPackage:
    """Install a .argosmodel: validate, unpack into a temporary folder, then move into place atomically.

    A failure at any step leaves package_dir as it was. An installed newer version of the same pair
    is kept unless force is given.
    """
    import shutil
    import tempfile
    import zipfile
    import zlib

    check = check_package_file(path)
    meta = check.metadata
    version = str(meta.get("package_version") or "0")
    for existing in installed_packages(package_dir):
        if existing.pair == (meta["from_code"], meta["to_code"]):
            if _version_key(existing.version) > _version_key(version) and not force:
                raise ModelError(
                    f"{existing.from_code} -> {existing.to_code} version {existing.version} is installed, "
                    f"newer than {version} in {path.name}; pass --force to replace it."
                )
    package_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=package_dir))
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(staging)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise _bad(path, f"the archive is damaged ({exc})") from None
        unpacked = staging / check.top_folder
        if not (unpacked / "metadata.json").is_file():
            raise _bad(path, "metadata.json did not unpack")
        try:
            smoke_test(unpacked)
        except ModelError as exc:
            raise _bad(path, str(exc)) from None
        pair = (meta["from_code"], meta["to_code"])
        replaced = [p for p in installed_packages(package_dir) if p.pair == pair]
        destination = package_dir / check.top_folder
        previous = staging / "previous"
        if destination.exists():
            destination.rename(previous)
        try:
            unpacked.rename(destination)
        except OSError:
            if previous.exists():
                previous.rename(destination)
            raise
        for old in replaced:
            if old.path != destination and old.path.exists():
                shutil.rmtree(old.path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return next(p for p in installed_packages(package_dir) if p.path == destination)


def remove_package(package_dir: Path, from_code: str, to_code: str) -> InstalledPackage:
    import shutil

    for package in installed_packages(package_dir):
        if package.pair == (from_code, to_code):
            shutil.rmtree(package.path)
            return package
    raise ModelError(
        f"No package for {from_code} -> {to_code} is installed; `translit models list` shows what is."
    )
