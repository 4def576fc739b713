"""The Argos package index: what can be downloaded, and downloading one package with checks.

The index is a JSON list of package metadata (from_code, to_code, package_version, links, and
optionally a size and a sha256 checksum). Downloads stream into a temporary file inside the package
folder, are checked against the index, and are installed with translit.mt.argos.packages.install_package;
on any failure the partial file is removed and the package folder is left as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from translit.errors import MissingModelError, ModelError, NetworkError

if TYPE_CHECKING:
    from translit.config import Settings
    from translit.mt.argos.packages import InstalledPackage

FALLBACK_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
MAX_INDEX_BYTES = 5 * 1024 * 1024
INDEX_TIMEOUT = 30.0
DOWNLOAD_TIMEOUT = 60.0
"""Seconds without a byte before a package download is given up (no limit on the whole download)."""

Progress = Callable[[int, "int | None"], None]
"""progress(bytes_done, bytes_total_or_None), called as a download goes on."""


@dataclass(frozen=True)
class IndexEntry:
    """One package offered by the index."""

    from_code: str
    to_code: str
    version: str
    links: tuple[str, ...]
    from_name: str = ""
    to_name: str = ""
    size: int | None = None
    sha256: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)


def default_index_url(env: Mapping[str, str] | None = None) -> str:
    """ARGOS_PACKAGE_INDEX (a base URL, as argostranslate reads it), else argostranslate's own setting."""
    env = os.environ if env is None else env
    base = env.get("ARGOS_PACKAGE_INDEX", "").strip()
    if base:
        return base if base.endswith(".json") else base.rstrip("/") + "/index.json"
    try:
        from argostranslate import settings as argos_settings  # creates argos folders on import
    except Exception:  # argostranslate missing or its settings file unreadable: use the public index
        return FALLBACK_INDEX_URL
    return str(getattr(argos_settings, "remote_package_index", FALLBACK_INDEX_URL))


def _allow_private(settings: Settings | None) -> bool:
    if settings is None:
        from translit.config import Settings

        settings = Settings.from_env()
    return settings.allow_private_urls


def _checksum(raw: dict) -> str:
    for key in ("sha256", "checksum", "package_sha256"):
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            value = value.strip().lower()
            return value.split(":", 1)[1] if value.startswith("sha256:") else value
    return ""


def _size(raw: dict) -> int | None:
    for key in ("size", "size_bytes", "file_size"):
        value = raw.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


def parse_index(payload: object, source: str = "the package index") -> tuple[IndexEntry, ...]:
    """Translation packages from index JSON; entries that are not translation packages are skipped."""
    if not isinstance(payload, list):
        raise NetworkError(f"{source} is not an Argos package index (expected a JSON list); check the URL.")
    entries = []
    for raw in payload:
        if not isinstance(raw, dict) or raw.get("type", "translate") != "translate":
            continue
        from_code, to_code = raw.get("from_code"), raw.get("to_code")
        links = raw.get("links") or []
        if not isinstance(from_code, str) or not isinstance(to_code, str) or not isinstance(links, list):
            continue
        entries.append(
            IndexEntry(
                from_code=from_code,
                to_code=to_code,
                version=str(raw.get("package_version") or "0"),
                links=tuple(link for link in links if isinstance(link, str)),
                from_name=str(raw.get("from_name") or ""),
                to_name=str(raw.get("to_name") or ""),
                size=_size(raw),
                sha256=_checksum(raw),
            )
        )
    return tuple(sorted(entries, key=lambda e: (e.pair, e.version)))


def fetch_index(index_url: str | None = None, *, settings: Settings | None = None) -> tuple[IndexEntry, ...]:
    """Download and read the package index (this touches the network)."""
    from translit.fetch import fetch_url

    url = index_url or default_index_url()
    fetched = fetch_url(
        url, allow_private=_allow_private(settings), max_bytes=MAX_INDEX_BYTES, timeout=INDEX_TIMEOUT,
        accept=None,
    )
    try:
        payload = json.loads(fetched.data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise NetworkError(f"{url} did not return a valid package index (not JSON); check the URL.") from None
    return parse_index(payload, url)


def available_packages(
    index_url: str | None = None, *, settings: Settings | None = None
) -> tuple[IndexEntry, ...]:
    """Packages offered by the index, newest version per pair, sorted by pair."""
    from translit.mt.argos.packages import _version_key

    best: dict[tuple[str, str], IndexEntry] = {}
    for entry in fetch_index(index_url, settings=settings):
        current = best.get(entry.pair)
        if current is None or _version_key(entry.version) > _version_key(current.version):
            best[entry.pair] = entry
    return tuple(best[pair] for pair in sorted(best))


def find_entry(entries: tuple[IndexEntry, ...], from_code: str, to_code: str) -> IndexEntry:
    for entry in entries:
        if entry.pair == (from_code, to_code):
            return entry
    from_here = sorted(e.to_code for e in entries if e.from_code == from_code)
    hint = (
        f"from {from_code} it offers: {', '.join(from_here)}"
        if from_here
        else f"it offers nothing from {from_code}"
    )
    raise MissingModelError(
        f"The package index has no {from_code} -> {to_code} package ({hint}). Translations through "
        f"English need {from_code} -> en and en -> {to_code}; `translit models download` can fetch those."
    )


def download_package(
    from_code: str,
    to_code: str,
    package_dir: Path,
    *,
    progress: Progress | None = None,
    index_url: str | None = None,
    force: bool = False,
    settings: Settings | None = None,
) -> InstalledPackage:
    """Download the index's package for a pair, check its size and checksum, and install it.

    Each link of the entry is tried in turn when a download fails on the network; a size or checksum
    mismatch stops at once. Nothing is left behind on failure.
    """
    entry = find_entry(available_packages(index_url, settings=settings), from_code, to_code)
    if not entry.links:
        raise ModelError(f"The index lists {from_code} -> {to_code} without a download link; try later.")
    package_dir = Path(package_dir)
    package_dir.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    for link in entry.links:
        try:
            return _download_and_install(entry, link, package_dir, progress, force, settings)
        except NetworkError as exc:
            errors.append(str(exc))
    raise NetworkError(
        f"Could not download {from_code} -> {to_code}: {' / '.join(errors)}"
    )


def _download_and_install(
    entry: IndexEntry,
    link: str,
    package_dir: Path,
    progress: Progress | None,
    force: bool,
    settings: Settings | None,
) -> InstalledPackage:
    import shutil
    import tempfile
    from urllib.parse import unquote, urlsplit

    from translit.fetch import open_url, read_capped
    from translit.mt.argos.packages import MAX_PACKAGE_BYTES, install_package

    staging = Path(tempfile.mkdtemp(prefix=".download-", dir=package_dir))
    file_name = unquote(Path(urlsplit(link).path).name)
    if not file_name.endswith(".argosmodel") or file_name.startswith("."):
        file_name = f"{entry.from_code}_{entry.to_code}.argosmodel"
    partial = staging / file_name
    try:
        digest = hashlib.sha256()
        with partial.open("wb") as out:

            def sink(chunk: bytes) -> None:
                digest.update(chunk)
                out.write(chunk)

            with open_url(
                link, allow_private=_allow_private(settings), timeout=DOWNLOAD_TIMEOUT, accept=None
            ) as response:
                read_capped(
                    response, max_bytes=entry.size or MAX_PACKAGE_BYTES, url=link, timeout=DOWNLOAD_TIMEOUT,
                    total_timeout=None, sink=sink, progress=progress, hint="the index or the server is wrong",
                )
        done = partial.stat().st_size
        if entry.size is not None and done != entry.size:
            raise ModelError(
                f"The download of {entry.from_code} -> {entry.to_code} has {done:,} bytes, but the index "
                f"says {entry.size:,}; nothing was installed. Try again later."
            )
        if entry.sha256 and digest.hexdigest() != entry.sha256:
            raise ModelError(
                f"The download of {entry.from_code} -> {entry.to_code} does not match the checksum in the "
                "index (it is damaged or was changed); nothing was installed. Try again later."
            )
        return install_package(partial, package_dir, force=force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
