"""Settings from the environment, the CLI or the UI, gathered in one frozen object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

TRUE_WORDS = {"1", "true", "yes", "on"}

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ARTICLE_CHARS = 500_000


def _env_int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        from translit.errors import InputError

        raise InputError(f"{name}={raw!r} is not a whole number; set it to a number or unset it.") from None


def default_package_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where Argos packages live: the same folder argospm uses.

    ARGOS_PACKAGES_DIR (argostranslate 1.11) wins, then the older ARGOS_TRANSLATE_PACKAGE_DIR,
    then XDG_DATA_HOME/argos-translate/packages (argostranslate's default).
    """
    env = os.environ if env is None else env
    for name in ("ARGOS_PACKAGES_DIR", "ARGOS_TRANSLATE_PACKAGE_DIR"):
        if env.get(name):
            return Path(env[name]).expanduser()
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "argos-translate" / "packages"


def default_user_glossary(env: Mapping[str, str] | None = None) -> Path:
    """The user's own glossary file: TRANSLIT_USER_GLOSSARY, else XDG_DATA_HOME/translit/my-glossary.en-ru.tsv."""
    env = os.environ if env is None else env
    if env.get("TRANSLIT_USER_GLOSSARY"):
        return Path(env["TRANSLIT_USER_GLOSSARY"]).expanduser()
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "translit" / "my-glossary.en-ru.tsv"


def default_memory_path(env: Mapping[str, str] | None = None) -> Path:
    """The translation memory: TRANSLIT_MEMORY, else XDG_DATA_HOME/translit/memory.sqlite."""
    env = os.environ if env is None else env
    if env.get("TRANSLIT_MEMORY"):
        return Path(env["TRANSLIT_MEMORY"]).expanduser()
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "translit" / "memory.sqlite"


@dataclass(frozen=True)
class Settings:
    package_dir: Path = field(default_factory=default_package_dir)
    user_glossary: Path = field(default_factory=default_user_glossary)
    memory: Path = field(default_factory=default_memory_path)
    threads: int = 0
    beam_size: int = 4
    compute_type: str = "int8"
    allow_private_urls: bool = False
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    backend: str = ""
    """The translation backend by name (mt/registry.py); empty: the built-in Argos backend."""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        return cls(
            package_dir=default_package_dir(env),
            user_glossary=default_user_glossary(env),
            memory=default_memory_path(env),
            threads=_env_int(env, "TRANSLIT_THREADS", 0),
            beam_size=_env_int(env, "TRANSLIT_BEAM_SIZE", 4),
            compute_type=env.get("TRANSLIT_COMPUTE_TYPE", "int8") or "int8",
            allow_private_urls=env.get("TRANSLIT_ALLOW_PRIVATE_URLS", "").lower() in TRUE_WORDS,
            max_upload_bytes=_env_int(env, "TRANSLIT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES),
            max_article_chars=_env_int(env, "TRANSLIT_MAX_ARTICLE_CHARS", DEFAULT_MAX_ARTICLE_CHARS),
            backend=env.get("TRANSLIT_BACKEND", "").strip(),
        )

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
