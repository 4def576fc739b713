"""Bytes and files -> text and Document."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from translit.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CYRILLIC_UPPER = re.compile(r"[А-ЯЁ]")
_CYRILLIC_LOWER = re.compile(r"[а-яё]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 written without a BOM shows as NUL in every other byte of ASCII text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 and odd_nuls < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _single_byte(data: bytes) -> str:
    """CP1251, KOI8-R or CP1252: KOI8-R read as CP1251 turns lowercase letters into capitals."""
    as_cp1251 = data.decode("cp1251", errors="replace")
    upper = len(_CYRILLIC_UPPER.findall(as_cp1251))
    lower = len(_CYRILLIC_LOWER.findall(as_cp1251))
    if upper + lower < max(8, len(data) // 50):
        return data.decode("cp1252", errors="replace")
    if upper > lower:
        return data.decode("koi8-r", errors="replace")
    return as_cp1251


def decode_text(data: bytes, name: str = "the input") -> str:
    """Text from bytes in any common encoding, or an InputError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(encoding), name)
            except UnicodeDecodeError:
                break
    text = _utf16_without_bom(data)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if b"\x00" in data:
                raise _binary(name) from None
            text = _single_byte(data)
    return _clean(text, name)


def _binary(name: str) -> InputError:
    return InputError(
        f"{name} looks like a binary file, not text; save the article as plain text (.txt) and try again."
    )


def _clean(text: str, name: str) -> str:
    if text and len(_CONTROL.findall(text[:20000])) > max(3, len(text[:20000]) // 100):
        raise _binary(name)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def sample_paths() -> dict[str, Path]:
    """The project's sample articles by file name (the app's "pick a sample" menu)."""
    folder = Path(__file__).resolve().parent.parent / "samples"
    return {p.name: p for p in sorted(folder.glob("*.txt"))}
