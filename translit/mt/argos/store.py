"""The Argos backend's models on disk: what the app's Models panel and `translit models` manage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from translit.config import Settings


class ArgosModelStore:
    """Argos packages in the package folder (the one argospm uses) and the Argos package index."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def installed(self) -> tuple[Any, ...]:
        """The installed packages, newest per pair, with their sizes and paths."""
        from translit.mt.argos.packages import installed_packages

        return installed_packages(self.settings.package_dir)

    def install(self, path: Path, *, force: bool = False) -> Any:
        """Install a .argosmodel file: checked first (a hostile file is refused), all or nothing."""
        from translit.mt.argos.packages import install_package

        return install_package(path, self.settings.package_dir, force=force)

    def remove(self, source: str, target: str) -> Any:
        from translit.mt.argos.packages import remove_package

        return remove_package(self.settings.package_dir, source, target)

    def available(self, index_url: str | None = None) -> Any:
        """Packages the index offers (needs the network)."""
        from translit.mt.argos.index import available_packages

        return available_packages(index_url, settings=self.settings)

    def download(
        self, source: str, target: str, *, progress: Callable[[int, int | None], None] | None = None,
        index_url: str | None = None, force: bool = False,
    ) -> Any:
        """Download a package from the index and install it (the only call that goes online)."""
        from translit.mt.argos.index import download_package

        return download_package(
            source, target, self.settings.package_dir, progress=progress, index_url=index_url, force=force,
            settings=self.settings,
        )
