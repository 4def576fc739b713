"""Every limit the README lists, at the limit and just past it, with the message a user sees."""

from __future__ import annotations

import io
import zipfile

import pytest

from translit import ingest
from translit.config import Settings
from translit.errors import InputError, ModelError
from translit.ingest import document_from_bytes, load_document


def test_article_length_at_and_past_the_limit():
    settings = Settings(max_article_chars=1000)
    text = ("word " * 200).strip() + "\n"  # 999 characters and a line break
    assert len(text) == 1000
    assert document_from_bytes(text.encode(), "a.txt", settings=settings).text.strip()
    with pytest.raises(InputError, match=r"The article has 1,001 characters; the limit is 1,000\. Split it"):
        document_from_bytes((text + "x").encode(), "a.txt", settings=settings)


def test_upload_size_at_and_past_the_limit(tmp_path):
    settings = Settings(max_upload_bytes=2000)
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"news " * 400)
    assert exact.stat().st_size == 2000
    assert load_document(exact, settings=settings).text
    over = tmp_path / "over.txt"
    over.write_bytes(b"news " * 400 + b"!")
    with pytest.raises(InputError, match=r"^over\.txt is 0\.0 MB; the limit is 0 MB\. Split the article"):
        load_document(over, settings=settings)
    with pytest.raises(InputError, match=r"^over\.txt is 0\.0 MB; the limit is 0 MB\. Split the article"):
        document_from_bytes(over.read_bytes(), "over.txt", settings=settings)


def _docx() -> tuple[bytes, int]:
    import docx

    document = docx.Document()
    document.add_paragraph("The immigration court postponed the hearing.")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return data, sum(info.file_size for info in archive.infolist())


def test_docx_unpacked_size_at_and_past_the_limit(monkeypatch):
    data, unpacked = _docx()
    monkeypatch.setattr(ingest, "MAX_DOCX_UNPACKED_BYTES", unpacked)
    assert "postponed" in document_from_bytes(data, "a.docx").text
    monkeypatch.setattr(ingest, "MAX_DOCX_UNPACKED_BYTES", unpacked - 1)
    with pytest.raises(InputError, match=r"a\.docx.*it unpacks to .* MB, which is too large"):
        document_from_bytes(data, "a.docx")


def test_package_size_at_and_past_the_limit(test_package_files):
    from translit.mt.argos.packages import check_package_file

    package = test_package_files[0]
    with zipfile.ZipFile(package) as archive:
        total = sum(info.file_size for info in archive.infolist())
    assert check_package_file(package, max_bytes=total).uncompressed_bytes == total
    with pytest.raises(ModelError, match=r"is not a usable Argos package: it unpacks to .* over the .* limit"):
        check_package_file(package, max_bytes=total - 1)
