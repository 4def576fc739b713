"""Translation backends by name: the built-in Argos backend, and plugins through entry points.

A plugin package declares, in its pyproject.toml,

    [project.entry-points."translit.translators"]
    mybackend = "my_package:make_translator"

where make_translator(settings) returns an object with the Translator protocol (mt/base.py).
`translit translate --backend mybackend` and TRANSLIT_BACKEND=mybackend then use it.
"""

from __future__ import annotations

from collections.abc import Callable

from translit.config import Settings
from translit.errors import TranslitError
from translit.mt.base import ModelStore, Translator

ENTRY_POINT_GROUP = "translit.translators"
DEFAULT_BACKEND = "argos"

Factory = Callable[[Settings], Translator]


def _argos(settings: Settings) -> Translator:
    from translit.mt.argos import ArgosTranslator

    return ArgosTranslator(settings)


BUILT_IN: dict[str, Factory] = {"argos": _argos}


def _argos_store(settings: Settings) -> ModelStore:
    from translit.mt.argos.store import ArgosModelStore

    return ArgosModelStore(settings)


STORES: dict[str, Callable[[Settings], ModelStore]] = {"argos": _argos_store}
"""Backends whose models translit installs and removes; a plugin backend manages its own."""


def backends() -> dict[str, Factory]:
    """Every backend by name: the built-in ones, then those that installed packages declare."""
    from importlib.metadata import entry_points

    found = dict(BUILT_IN)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(entry.name, _loaded(entry))
    return found


def _loaded(entry) -> Factory:
    def factory(settings: Settings) -> Translator:
        try:
            make = entry.load()
        except Exception as exc:  # noqa: BLE001 - a broken plugin must say which one, not crash the tool
            raise TranslitError(
                f"The translation backend {entry.name!r} ({entry.value}) could not be loaded: {exc}. "
                "Reinstall the package that provides it, or choose another backend."
            ) from None
        return make(settings)

    return factory


def make_translator(settings: Settings | None = None, name: str | None = None) -> Translator:
    """The backend `name` (default: settings.backend, i.e. TRANSLIT_BACKEND, else argos)."""
    settings = settings or Settings.from_env()
    wanted = name or settings.backend or DEFAULT_BACKEND
    if wanted in BUILT_IN:  # built-ins win over plugins of the same name: no need to read every package's entry points
        return BUILT_IN[wanted](settings)
    available = backends()
    if wanted not in available:
        raise TranslitError(
            f"No translation backend {wanted!r}; available: {', '.join(sorted(available))}. "
            "Install the package that provides it, or leave TRANSLIT_BACKEND unset."
        )
    return available[wanted](settings)


def make_store(settings: Settings | None = None, name: str | None = None) -> ModelStore:
    """The model store of the backend `name` (default as for make_translator)."""
    settings = settings or Settings.from_env()
    wanted = name or settings.backend or DEFAULT_BACKEND
    if wanted not in STORES:
        raise TranslitError(
            f"The translation backend {wanted!r} manages its own models; translit cannot install or list them. "
            "Use that backend's own tools, or leave TRANSLIT_BACKEND unset."
        )
    return STORES[wanted](settings)
