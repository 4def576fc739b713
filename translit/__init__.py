"""translit: offline article translation and bilingual summaries with a legal glossary.

Nothing heavy is imported here: models, Streamlit and document libraries load when first used.
"""

from __future__ import annotations

from translit.document import Document, Result
from translit.errors import TranslitError

__all__ = ["Document", "Options", "Result", "TranslitError", "analyze", "run"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in {"Options", "analyze", "run"}:
        from translit import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'translit' has no attribute {name!r}")
