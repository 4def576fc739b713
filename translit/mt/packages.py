"""Installed Argos packages: discovery and metadata, through argostranslate.package."""

from __future__ import annotations

import json
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


def installed_packages(package_dir: Path) -> tuple[InstalledPackage, ...]:
    """Translation packages in package_dir, newest version per pair, sorted by pair.

    Folders that are not Argos packages are skipped; a package without a SentencePiece model
    (old BPE packages) is reported as unusable rather than failing later.
    """
    if not package_dir.is_dir():
        return ()
    from argostranslate.package import Package

    best: dict[tuple[str, str], InstalledPackage] = {}
    for folder in sorted(p for p in package_dir.iterdir() if p.is_dir()):
        if not (folder / "metadata.json").is_file():
            continue
        try:
            package = Package(folder)
        except (OSError, ValueError, json.JSONDecodeError) as exc:
            raise ModelError(
                f"The Argos package in {folder} has an unreadable metadata.json ({exc}); "
                f"remove that folder or reinstall the package."
            ) from None
        if package.type != "translate" or not package.from_code or not package.to_code:
            continue
        found = InstalledPackage(
            from_code=package.from_code,
            to_code=package.to_code,
            version=str(package.package_version or "0"),
            path=folder,
            target_prefix=package.target_prefix or "",
            from_name=package.from_name or "",
            to_name=package.to_name or "",
        )
        current = best.get(found.pair)
        if current is None or _version_key(found.version) > _version_key(current.version):
            best[found.pair] = found
    return tuple(best[pair] for pair in sorted(best))
