"""XLIFF 1.2: the article sentence by sentence for CAT tools (translit.exchange.xliff writes it)."""

from __future__ import annotations

from translit.document import Result
from translit.export.sheet import ExportFormat, ExportOptions, export_title


def to_xliff(result: Result, options: ExportOptions) -> bytes:
    from pathlib import PurePath

    from translit.exchange.xliff import write_xliff

    source = result.document.source
    name = PurePath(source).name if source and source != "-" and "://" not in source else ""
    return write_xliff(result, name or export_title(result, options.title))


FORMAT = ExportFormat("xliff", "xlf", "application/x-xliff+xml", to_xliff)
