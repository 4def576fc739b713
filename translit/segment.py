"""Paragraphs -> sentences, offline, per language. Used by translation and summary alike."""

from __future__ import annotations

import re

from translit.document import Document, Sentence

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"»”')\]]*\s+(?=[\"«“(\[]?[A-ZА-ЯЁІЇЄҐ0-9])")


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of one paragraph, whitespace excluded."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def segment(document: Document, lang: str) -> tuple[Sentence, ...]:
    """All sentences of a document, in order, each knowing its paragraph and offsets."""
    sentences: list[Sentence] = []
    for p_index, paragraph in document.content_paragraphs:
        for start, end in split_sentences(paragraph.text, lang):
            sentences.append(Sentence(paragraph.text[start:end], len(sentences), p_index, start, end))
    return tuple(sentences)
