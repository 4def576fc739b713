"""XLIFF 1.2: the article sentence by sentence for CAT tools (translit.exchange.xliff writes it)."""

from __future__ import annotations

from translit.document import Result
from translit.export.sheet import ExportFormat, ExportOptions, export_title


def to_xliff(result: Result, options: ExportOptions) -> bytes:
    from translit.exchange.xliff import write_xliff

    return write_xliff(result, export_title(result, options.title))


FORMAT = ExportFormat("xliff", "xlf", "application/x-xliff+xml", to_xliff)
