"""Errors a user can act on. Every message says what to do next."""

from __future__ import annotations


class TranslitError(Exception):
    """Base class: the CLI prints the message and exits 2; the app shows it with st.error."""


class InputError(TranslitError):
    """The text or file given to translit cannot be used as it is."""


class LanguageError(TranslitError):
    """A language code is unknown or unsupported."""


class MissingModelError(TranslitError):
    """No installed model (direct or through English) covers a language pair."""


class ModelError(TranslitError):
    """An installed or offered model is broken or cannot be loaded."""


class GlossaryError(TranslitError):
    """A glossary file is malformed; the message names the file, line and reason."""


class NetworkError(TranslitError):
    """A download or URL fetch failed or was refused."""
