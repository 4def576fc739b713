"""Bytes, files and URLs -> text and Document.

Plain text (any common encoding), Markdown, HTML (article extraction with trafilatura), DOCX
(python-docx) and PDF (pypdf). Every failure is an InputError (or a NetworkError for URLs) whose
message says what to do; the parsers are imported only when a file of their kind comes in.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from translit.document import Document
from translit.errors import InputError

if TYPE_CHECKING:
    from translit.config import Settings

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
    """UTF-16 written without a BOM: one byte of each pair (the high byte) takes very few values.

    ASCII text has NUL there, Cyrillic 0x04, Greek 0x03, Hebrew 0x05 and so on; the other byte varies.
    """
    sample = data[:4000]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for encoding, high, low in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        top_two = sorted((high.count(value) for value in set(high)), reverse=True)[:2]
        if sum(top_two) < 0.9 * len(high) or len(set(low)) <= len(set(high)):
            continue
        if max(set(high), key=high.count) >= 0x20:
            continue
        try:
            text = data[: len(data) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text[:2000])) <= max(3, len(text[:2000]) // 100):
            return text
    return None


def _utf8_with_damage(data: bytes) -> str | None:
    """UTF-8 cut in the middle of a character, or with a stray bad byte in a long text."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if damaged <= max(1, len(text) // 1000) and multibyte >= 10 * damaged:
        return text.rstrip("\ufffd")
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
            text = _utf8_with_damage(data) or _single_byte(data)
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
    from translit.resources import samples_dir

    folder = samples_dir()
    return {p.name: p for p in sorted(folder.glob("*.txt"))}


# --- Documents -------------------------------------------------------------------------------------

UPLOAD_TYPES = ("txt", "md", "markdown", "html", "htm", "xhtml", "docx", "pdf")
"""File extensions the app's uploader should accept (st.file_uploader(type=UPLOAD_TYPES))."""

MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024
"""A DOCX unpacking to more than this is refused before parsing (zip bombs)."""

_SUFFIX_KINDS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf",
}
_MEDIA_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text", "text/markdown": "markdown",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
_UNSUPPORTED = {
    ".doc": "old Word (.doc)", ".rtf": "RTF", ".odt": "OpenDocument", ".pages": "Pages", ".epub": "EPUB",
    ".xlsx": "Excel", ".xls": "Excel", ".pptx": "PowerPoint", ".ppt": "PowerPoint", ".zip": "zip",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".gif": "image", ".webp": "image", ".heic": "image",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SENTENCE_END = re.compile(r"[.!?…:;\"»”)\]]$")


def _settings(settings: Settings | None) -> Settings:
    from translit.config import Settings

    return settings if settings is not None else Settings.from_env()


def is_url(text: str) -> bool:
    """True for something that looks like a web link (http://, https://, or www.): kept here, not in
    translit.fetch, so that reading a local file never imports the network code."""
    lowered = text.strip().lower()
    return lowered.startswith(("http://", "https://", "www."))


def load_document(source: str | Path, *, settings: Settings | None = None) -> Document:
    """A Document from a web link (http/https) or a file path, whatever its type.

    Raises InputError for files that cannot be used and NetworkError for links that cannot be fetched.
    """
    settings = _settings(settings)
    if isinstance(source, str) and is_url(source):
        return document_from_url(source, settings=settings)
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{path}: no such file; check the path (or give an http:// or https:// link).")
    size = path.stat().st_size
    if size > settings.max_upload_bytes:
        raise InputError(_too_big_message(path.name, size, settings.max_upload_bytes))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions.") from None
    return document_from_bytes(data, path.name, settings=settings, source=str(path))


def document_from_url(url: str, *, settings: Settings | None = None) -> Document:
    """Fetch a web page (or a PDF/DOCX/text link) with translit.fetch and extract the article."""
    from urllib.parse import unquote, urlsplit

    from translit.fetch import fetch_url

    settings = _settings(settings)
    url = url.strip()
    if url.lower().startswith("www."):
        url = "https://" + url
    fetched = fetch_url(url, allow_private=settings.allow_private_urls, max_bytes=settings.max_upload_bytes)
    filename = unquote(Path(urlsplit(fetched.url).path).name) or "page.html"
    return document_from_bytes(
        fetched.data, filename, settings=settings, content_type=fetched.content_type,
        charset=fetched.charset, source=fetched.url,
    )


def document_from_bytes(
    data: bytes,
    filename: str,
    *,
    settings: Settings | None = None,
    content_type: str = "",
    charset: str = "",
    source: str = "",
) -> Document:
    """A Document from the bytes of an uploaded or fetched file; the type comes from content and name."""
    settings = _settings(settings)
    name = filename or "the file"
    if len(data) > settings.max_upload_bytes:
        raise InputError(_too_big_message(name, len(data), settings.max_upload_bytes))
    kind = _kind(data, name, content_type)
    extract: Callable[..., tuple[str, dict[str, str]]] = _EXTRACTORS[kind]
    text, meta = extract(data, name, charset=charset, max_chars=settings.max_article_chars)
    text = _checked_text(text, name, settings.max_article_chars)
    meta = {key: " ".join(value.split()) for key, value in meta.items() if value and value.strip()}
    return Document.from_text(text, source=source or filename, **meta)


def _too_big_message(name: str, size: int, limit: int) -> str:
    return (
        f"{name} is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB. Split the article, "
        "or save only its text to a smaller file."
    )


def _kind(data: bytes, name: str, content_type: str) -> str:
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if suffix in _UNSUPPORTED and content_type not in _MEDIA_KINDS:
        raise InputError(
            f"{name}: {_UNSUPPORTED[suffix]} files are not supported; save the article as .docx, .pdf, "
            ".html or .txt and try again."
        )
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            f"{name} is an old Word (.doc) file or a password-protected document; open it in a word "
            "processor and save it as .docx (without a password) or .txt."
        )
    kind = _MEDIA_KINDS.get(content_type, "")
    if kind in ("", "text") and suffix in _SUFFIX_KINDS:
        kind = _SUFFIX_KINDS[suffix]
    if not kind and data.startswith(b"PK\x03\x04"):
        kind = "docx"
    if kind in ("", "text") and _looks_like_html(data):
        kind = "html"
    return kind or "text"


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<body" in head)


def _checked_text(text: str, name: str, max_chars: int) -> str:
    if not text.strip():
        raise InputError(
            f"{name} has no text (it is empty or only blank lines); choose a file with the article."
        )
    if not any(ch.isalpha() for ch in text):
        raise InputError(
            f"{name} has no words, only numbers, punctuation or symbols; there is nothing to translate. "
            "Check that you chose the right file."
        )
    if len(text) > max_chars:
        raise InputError(
            f"The article has {len(text):,} characters; the limit is {max_chars:,}. "
            "Split it into parts and translate them one by one (or raise TRANSLIT_MAX_ARTICLE_CHARS)."
        )
    return text


def _first_line_title(text: str) -> str:
    """The first line when it reads like a headline: short and without closing punctuation."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 150 and not _SENTENCE_END.search(line) else ""
    return ""


# --- Plain text and Markdown -----------------------------------------------------------------------


def _from_text(data: bytes, name: str, *, charset: str = "", **_: object) -> tuple[str, dict[str, str]]:
    text = _declared_decode(data, name, charset) if charset else decode_text(data, name)
    return text, {"title": _first_line_title(text)}


_MD_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
_MD_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_MD_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_MD_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_MD_ORDERED = re.compile(r"^[ \t]*(\d{1,9})[.)][ \t]+")
_MD_QUOTE = re.compile(r"^[ \t]{0,3}(>[ \t]?)+")
_MD_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_MD_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref] -> text
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`+([^`]+?)`+"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)"), r"\1"),  # *emphasis*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),  # _emphasis_
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
)
_MD_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_PRIVATE_USE = 0xE000  # escaped characters are parked here while the markup is removed


def _md_inline(text: str) -> str:
    text = _MD_ESCAPED.sub(lambda m: chr(_PRIVATE_USE + ord(m.group(1))), text)
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group(0)) - _PRIVATE_USE), text)


def markdown_to_text(markdown: str) -> tuple[str, str]:
    """Markdown -> (plain text with one paragraph per line and blank lines between, title).

    Headings keep their text (the first one is the title), emphasis and code marks go, links keep
    their text, lines wrapped inside a paragraph are joined, list items stay one per line.
    """
    title = ""
    front = _MD_FRONT_MATTER.match(markdown)
    if front:
        markdown = markdown[front.end():]
        found = re.search(r"^title:[ \t]*(.+)$", front.group(1), re.M)
        title = found.group(1).strip().strip("\"'") if found else ""
    lines = markdown.split("\n")
    blocks: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            blocks.append(_md_inline(" ".join(current)))
            current.clear()

    for index, raw in enumerate(lines):
        if _MD_FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if raw.strip():
                blocks.append(raw.rstrip())
            continue
        line = _MD_QUOTE.sub("", raw)
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if not line.strip() or _MD_REFERENCE.match(line) or _MD_TABLE_RULE.match(line) and "-" in line:
            flush()
            continue
        if _MD_SETEXT.match(line) and not current:
            continue  # the underline of a setext heading already handled, or a stray rule
        if _MD_RULE.match(line):
            flush()
            continue
        heading = _MD_ATX.match(line)
        if heading or (_MD_SETEXT.match(nxt) and not current and not _MD_BULLET.match(line)):
            flush()
            text = _md_inline(heading.group(2) if heading else line.strip())
            title = title or text
            blocks.append(text)
            continue
        if _MD_BULLET.match(line) or _MD_ORDERED.match(line) or line.lstrip().startswith("|"):
            flush()
            item = _MD_BULLET.sub("", line).strip()
            if item.startswith("|") or item.endswith("|"):
                item = " | ".join(cell.strip() for cell in item.strip("|").split("|"))
            current.append(item)
            continue
        hard_break = raw.endswith(("  ", "\\"))
        current.append(line.strip().rstrip("\\").strip())
        if hard_break:
            flush()
    flush()
    return "\n\n".join(block for block in blocks if block.strip()), title


def _from_markdown(data: bytes, name: str, **_: object) -> tuple[str, dict[str, str]]:
    text, title = markdown_to_text(decode_text(data, name))
    return text, {"title": title or _first_line_title(text)}


# --- HTML -----------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def _declared_decode(data: bytes, name: str, *charsets: str) -> str:
    """Decode with the first declared charset that works (a BOM wins), else guess like decode_text."""
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        for encoding in charsets:
            if encoding:
                try:
                    return _clean(data.decode(encoding), name)
                except (LookupError, UnicodeDecodeError):
                    continue
    return decode_text(data, name)


def _html_string(data: bytes, name: str, charset: str) -> str:
    """Decode HTML: a BOM, then the HTTP charset, then <meta charset>, then the text heuristics."""
    declared = _META_CHARSET.search(data[:4096])
    return _declared_decode(data, name, charset, declared.group(1).decode("ascii") if declared else "")


def _from_html(data: bytes, name: str, *, charset: str = "", **_: object) -> tuple[str, dict[str, str]]:
    import lxml.etree
    import lxml.html

    markup = _XML_DECLARATION.sub("", _html_string(data, name, charset))
    if "<" not in markup:
        return _from_text(markup.encode("utf-8"), name)
    try:
        tree = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        raise InputError(
            f"{name} could not be read as a web page (the HTML is empty or broken); open it in a browser, "
            "copy the article text and paste it instead."
        ) from None
    text, meta = _extract_article(tree)
    if not text.strip():
        raise InputError(
            f"No article text was found in {name}; the page may be only menus or need JavaScript. Open it "
            "in a browser, copy the article text and paste it instead."
        )
    return text, meta


def _extract_article(tree) -> tuple[str, dict[str, str]]:
    """Main text and metadata with trafilatura, given a parsed tree so that it never fetches anything."""
    import trafilatura
    from trafilatura.baseline import baseline

    extracted = trafilatura.bare_extraction(
        tree, url=None, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=False,
    )
    body = (getattr(extracted, "text", "") or "") if extracted is not None else ""
    if not body.strip():
        _element, body, _length = baseline(tree)
    paragraphs = [" ".join(line.split()) for line in body.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    title = (getattr(extracted, "title", None) or "") if extracted is not None else ""
    title = " ".join(title.split())
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    meta = {
        "title": title or (paragraphs[0] if paragraphs and _first_line_title(paragraphs[0]) else ""),
        "byline": (getattr(extracted, "author", None) or "") if extracted is not None else "",
        "date": (getattr(extracted, "date", None) or "") if extracted is not None else "",
    }
    return "\n\n".join(paragraphs), meta


# --- DOCX -----------------------------------------------------------------------------------------


def _bad_docx(name: str, reason: str) -> InputError:
    return InputError(
        f"{name} is not a readable Word document ({reason}); open it in a word processor and save it "
        "again as .docx, or save the article as .txt."
    )


def _from_docx(data: bytes, name: str, *, max_chars: int, **_: object) -> tuple[str, dict[str, str]]:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _bad_docx(name, "the file is damaged or is not a .docx") from None
    if "word/document.xml" not in names:
        raise _bad_docx(name, "it has no document text inside")
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise _bad_docx(name, f"it unpacks to {unpacked / 1e6:.0f} MB, which is too large")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs, heading = _docx_paragraphs(document, max_chars)
        core_title = document.core_properties.title or ""
    except InputError:
        raise
    except Exception as exc:  # a hostile or damaged file can break the parser in many ways
        raise _bad_docx(name, type(exc).__name__) from None
    return "\n\n".join(paragraphs), {"title": core_title.strip() or heading}


def _docx_paragraphs(document, max_chars: int) -> tuple[list[str], str]:
    """Body paragraphs and table rows in order, and the first Title/Heading paragraph."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    out: list[str] = []
    heading = ""
    size = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = DocxParagraph(element, document)
            text = " ".join(paragraph.text.split())
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if text and not heading and (style == "Title" or style.startswith("Heading")):
                heading = text
            rows = [text]
        elif tag == "tbl":
            table = Table(element, document)
            rows = [" | ".join(" ".join(cell.text.split()) for cell in row.cells) for row in table.rows]
        else:
            continue
        for row in rows:
            if row.strip(" |"):
                out.append(row)
                size += len(row) + 2
        if size > max_chars:
            break
    return out, heading


# --- PDF ------------------------------------------------------------------------------------------


def _bad_pdf(name: str, reason: str) -> InputError:
    return InputError(
        f"{name} is not a readable PDF ({reason}); open it in a PDF viewer and save or print it as a new "
        "PDF, or copy the article text into a .txt file."
    )


def _from_pdf(data: bytes, name: str, *, max_chars: int, **_: object) -> tuple[str, dict[str, str]]:
    import logging

    if not data.startswith(b"%PDF-"):
        raise _bad_pdf(name, "it does not start like a PDF file")
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files make pypdf log many warnings
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _unlock_pdf(reader, name)
        pages: list[list[str]] = []
        size = 0
        for page in reader.pages:
            page_text = page.extract_text() or ""
            pages.append(page_text.splitlines())
            size += len(page_text)
            if size > max_chars * 2:
                break
        info = reader.metadata
        title = str(info.title or "") if info is not None else ""
        author = str(info.author or "") if info is not None else ""
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many exception types on damaged files
        raise _bad_pdf(name, f"the file is damaged: {type(exc).__name__}") from None
    if not any(line.strip() for lines in pages for line in lines):
        raise InputError(
            f"{name} has no text layer (it is probably scanned pages); translit cannot read text from "
            "images. Copy the text from the PDF, or run it through OCR first."
        )
    text = "\n\n".join(reflow_lines(_without_running_lines(pages)))
    return text, {"title": title.strip() or _first_line_title(text), "byline": author}


def _unlock_pdf(reader, name: str) -> None:
    """Open a PDF encrypted with an empty user password (restrictions only); refuse real passwords."""
    try:
        unlocked = reader.decrypt("")
    except Exception:  # pypdf raises DependencyError for AES without a crypto library, and others
        unlocked = 0
    if not unlocked:
        raise InputError(
            f"{name} is protected by a password; open it in a PDF viewer with the password and save or "
            "print it as a PDF without one, or copy the article text into a .txt file."
        )


_PAGE_NUMBER = re.compile(r"\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d+)?\s*", re.I)


def _without_running_lines(pages: list[list[str]]) -> list[str]:
    """All lines, without page numbers and headers/footers repeated on most pages."""
    from collections import Counter

    counts = Counter(line.strip() for lines in pages for line in set(lines) if line.strip())
    running = {line for line, n in counts.items() if len(pages) >= 3 and n >= 0.6 * len(pages)}
    out: list[str] = []
    for lines in pages:
        out.extend(line for line in lines if line.strip() not in running and not _PAGE_NUMBER.fullmatch(line))
    return out


_LINE_END_HYPHEN = re.compile(r"(\w)[-\u00ad]$")


def reflow_lines(lines: list[str]) -> list[str]:
    """PDF lines -> paragraphs: wrapped lines joined, "immi-" + "gration" -> "immigration".

    A paragraph ends at a blank line, or after a line that ends a sentence and is clearly shorter
    than a full line; a short line without closing punctuation followed by a capitalised line (a
    heading) stands alone. Pages are joined without a break, so a paragraph can go on to the next.
    """
    texts = [" ".join(line.split()) for line in lines]
    widths = sorted(len(t) for t in texts if t)
    full = widths[int(len(widths) * 0.8)] if widths else 0
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(texts):
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if not current:
            current = line
        elif _LINE_END_HYPHEN.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = current + " " + line
        next_line = _next_text(texts, index)
        short = len(line) < 0.8 * full
        heading = (
            current == line and len(line) < 0.6 * full and not _SENTENCE_END.search(line)
            and not _LINE_END_HYPHEN.search(line) and next_line[:1].isupper()
        )
        if heading or (short and _SENTENCE_END.search(line)) or not next_line:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _next_text(texts: list[str], index: int) -> str:
    return next((t for t in texts[index + 1:] if t), "")


_EXTRACTORS: dict[str, Callable[..., tuple[str, dict[str, str]]]] = {
    "text": _from_text,
    "markdown": _from_markdown,
    "html": _from_html,
    "docx": _from_docx,
    "pdf": _from_pdf,
}
