"""Result -> JSON, plain text, Markdown, HTML and DOCX: bilingual summaries people can share.

Every writer reads the Result through `prepare` (sheet.py), so all formats carry the same contents:
title, languages, date, the bilingual summary, the glossary terms with explanations in both
languages, optionally the full aligned translation, human edits marked, model and glossary
versions, and the notice that this is a machine translation and not legal advice.

Each format is one module of this package with a `FORMAT` (an ExportFormat); a new module is a new
format for `translate --format`, the app's downloads and `export()`.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import pkgutil
import re

from translit.document import Result
from translit.errors import InputError
from translit.export.json import result_to_json, to_json
from translit.export.markdown import markdown_escape
from translit.export.sheet import (
    DEFAULT_OPTIONS,
    NOTICE_EN,
    NOTICE_RU,
    NOTICES,
    ArticleTerm,
    ExportFormat,
    ExportOptions,
    Sheet,
    export_title,
    flags_in,
    prepare,
    terms_in,
)
from translit.export.text import result_to_text

_NOT_FORMATS = {"sheet"}


@functools.cache
def formats() -> dict[str, ExportFormat]:
    """Every export format by key, from the modules of this package."""
    found = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name not in _NOT_FORMATS:
            export_format = importlib.import_module(f"{__name__}.{module.name}").FORMAT
            found[export_format.key] = export_format
    # The built-in formats in the order the app shows them; any new one after them.
    order = {key: place for place, key in enumerate(("md", "html", "docx", "json", "txt"))}
    return dict(sorted(found.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


EXPORT_FORMATS: dict[str, tuple[str, str]] = {key: (f.extension, f.mime) for key, f in formats().items()}
"""fmt -> (file extension, MIME type)."""


def check_format(fmt: str) -> str:
    """A known export format key ("md", "html", "docx", "json", "txt"), or an InputError listing them."""
    key = (fmt or "").strip().lower().lstrip(".")
    if key not in EXPORT_FORMATS:
        raise InputError(f"Unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}.")
    return key


def export(
    result: Result, fmt: str, options: ExportOptions | None = None, **fields: object
) -> bytes:
    """The Result as a file in format `fmt` (see EXPORT_FORMATS); text formats are UTF-8.

    Pass an ExportOptions, or its fields as keywords (`export(result, "md", include_full=False)`).
    """
    if options is None:
        options = ExportOptions(**fields)  # type: ignore[arg-type]
    elif fields:
        raise TypeError("pass either an ExportOptions or its fields as keywords, not both")
    return formats()[check_format(fmt)].write(result, options)


def export_filename(result: Result, fmt: str, *, title: str | None = None, date: str | None = None) -> str:
    """A safe ASCII file name such as "ukrainians-in-the-us-get-18-more-months-2025-01-31.md"."""
    extension, _ = EXPORT_FORMATS[check_format(fmt)]
    words = re.findall(r"[a-z0-9]+", export_title(result, title).lower())
    stem = "-".join(words)[:60].rstrip("-") or "translit"
    return f"{stem}-{date or datetime.date.today().isoformat()}.{extension}"


__all__ = [
    "DEFAULT_OPTIONS", "EXPORT_FORMATS", "NOTICES", "NOTICE_EN", "NOTICE_RU", "ArticleTerm", "ExportFormat",
    "ExportOptions", "Sheet", "check_format", "export", "export_filename", "export_title", "flags_in", "formats",
    "markdown_escape", "prepare", "result_to_json", "result_to_text", "terms_in", "to_json",
]
