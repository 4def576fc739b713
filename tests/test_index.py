"""The Argos package index client against a fake index served on 127.0.0.1, and hostile .argosmodel files.

Every failing case checks that the package folder is exactly as it was (no partial file, no folder).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import QuietHandler, serving

from translit.config import Settings
from translit.errors import MissingModelError, ModelError, NetworkError
from translit.mt.argos.index import available_packages, default_index_url, download_package, parse_index
from translit.mt.argos.packages import install_package, installed_packages

ALLOW = Settings(allow_private_urls=True)


class FakeIndex:
    """Files served by the test server, by path."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.files: dict[str, tuple[bytes, str]] = {}

    def serve(self, path: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        self.files[path] = (data, content_type)
        return self.base + path

    def publish(self, entries: list[dict]) -> str:
        return self.serve("/index.json", json.dumps(entries).encode(), "application/json")


@pytest.fixture
def index_server() -> Iterator[FakeIndex]:
    holder: dict[str, FakeIndex] = {}

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            data, content_type = holder["index"].files.get(self.path, (b"missing", "text/plain"))
            self.send_response(200 if self.path in holder["index"].files else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    with serving(Handler) as url:
        holder["index"] = FakeIndex(url)
        yield holder["index"]


def listing(folder: Path) -> list[str]:
    """Every path under folder with its size, so any change shows."""
    if not folder.exists():
        return []
    return sorted(
        f"{p.relative_to(folder)}:{p.stat().st_size if p.is_file() else 'dir'}" for p in folder.rglob("*")
    )


def metadata_of(package: Path) -> dict:
    with zipfile.ZipFile(package) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("/metadata.json") and n.count("/") == 1]
        return json.loads(archive.read(name))


def entry_for(package: Path, link: str, **extra: object) -> dict:
    meta = metadata_of(package)
    return {
        "type": "translate", "from_code": meta["from_code"], "to_code": meta["to_code"],
        "from_name": meta.get("from_name", ""), "to_name": meta.get("to_name", ""),
        "package_version": meta.get("package_version", "1.0"), "argos_version": "1.11",
        "links": [link], **extra,
    }


@pytest.fixture
def en_ru(test_package_files) -> Path:
    return next(p for p in test_package_files if metadata_of(p)["to_code"] == "ru"
                and metadata_of(p)["from_code"] == "en")


@pytest.fixture
def ru_en(test_package_files) -> Path:
    return next(p for p in test_package_files if metadata_of(p)["from_code"] == "ru")


@pytest.fixture
def occupied_dir(tmp_path, ru_en) -> Path:
    """A package folder that already holds one package, so that any change to it is visible."""
    folder = tmp_path / "packages"
    install_package(ru_en, folder)
    return folder


# ---------------------------------------------------------------- index and download


@pytest.mark.enable_socket
def test_download_with_progress_size_and_checksum(index_server, en_ru, tmp_path):
    data = en_ru.read_bytes()
    link = index_server.serve("/files/translate-en_ru-1_0.argosmodel", data)
    index_url = index_server.publish(
        [entry_for(en_ru, link, size=len(data), sha256=hashlib.sha256(data).hexdigest())]
    )
    seen: list[tuple[int, int | None]] = []
    folder = tmp_path / "packages"
    installed = download_package(
        "en", "ru", folder, progress=lambda done, total: seen.append((done, total)),
        index_url=index_url, settings=ALLOW,
    )
    assert installed.pair == ("en", "ru")
    assert [p.pair for p in installed_packages(folder)] == [("en", "ru")]
    assert seen[0] == (0, len(data)) and seen[-1] == (len(data), len(data))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert [p.name for p in folder.iterdir()] == [installed.path.name]  # no download leftovers


@pytest.mark.enable_socket
def test_available_packages_lists_the_newest_version_per_pair(index_server, en_ru, ru_en):
    index_url = index_server.publish(
        [
            entry_for(en_ru, "http://x/a", package_version="1.0"),
            entry_for(en_ru, "http://x/b", package_version="1.9"),
            entry_for(ru_en, "http://x/c"),
            {"type": "sbd", "from_code": "en", "to_code": "en", "links": []},
            "not a package",
        ]
    )
    offered = available_packages(index_url, settings=ALLOW)
    assert [(e.pair, e.version) for e in offered] == [(("en", "ru"), "1.9"), (("ru", "en"), "1.0")]


@pytest.mark.enable_socket
def test_checksum_mismatch_installs_nothing_and_leaves_no_file(index_server, en_ru, occupied_dir):
    data = en_ru.read_bytes()
    link = index_server.serve("/en_ru.argosmodel", data)
    index_url = index_server.publish([entry_for(en_ru, link, sha256="0" * 64)])
    before = listing(occupied_dir)
    with pytest.raises(ModelError, match="does not match the checksum.*nothing was installed"):
        download_package("en", "ru", occupied_dir, index_url=index_url, settings=ALLOW)
    assert listing(occupied_dir) == before


@pytest.mark.enable_socket
def test_size_mismatch_installs_nothing(index_server, en_ru, occupied_dir):
    data = en_ru.read_bytes()
    link = index_server.serve("/en_ru.argosmodel", data)
    index_url = index_server.publish([entry_for(en_ru, link, size=len(data) - 100)])
    before = listing(occupied_dir)
    with pytest.raises(NetworkError, match="limit"):
        download_package("en", "ru", occupied_dir, index_url=index_url, settings=ALLOW)
    assert listing(occupied_dir) == before


@pytest.mark.enable_socket
def test_unknown_pair_names_what_the_index_offers(index_server, en_ru, occupied_dir):
    index_url = index_server.publish([entry_for(en_ru, index_server.base + "/x.argosmodel")])
    before = listing(occupied_dir)
    with pytest.raises(MissingModelError, match=r"no en -> ja package \(from en it offers: ru\)"):
        download_package("en", "ja", occupied_dir, index_url=index_url, settings=ALLOW)
    with pytest.raises(MissingModelError, match="it offers nothing from xx"):
        download_package("xx", "en", occupied_dir, index_url=index_url, settings=ALLOW)
    assert listing(occupied_dir) == before


@pytest.mark.enable_socket
def test_server_down_gives_a_clear_network_error(occupied_dir):
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = listing(occupied_dir)
    with pytest.raises(NetworkError, match="refused the connection: the server is down"):
        download_package("en", "ru", occupied_dir, index_url=f"http://127.0.0.1:{port}/index.json",
                         settings=ALLOW)
    assert listing(occupied_dir) == before


@pytest.mark.enable_socket
def test_dead_link_in_the_index_leaves_nothing(index_server, en_ru, occupied_dir):
    index_url = index_server.publish([entry_for(en_ru, index_server.base + "/gone.argosmodel")])
    before = listing(occupied_dir)
    with pytest.raises(NetworkError, match="Could not download en -> ru: .*HTTP 404"):
        download_package("en", "ru", occupied_dir, index_url=index_url, settings=ALLOW)
    assert listing(occupied_dir) == before


@pytest.mark.enable_socket
def test_index_that_is_not_json(index_server, occupied_dir):
    index_url = index_server.serve("/index.json", b"<html>maintenance</html>", "text/html")
    with pytest.raises(NetworkError, match="did not return a valid package index"):
        available_packages(index_url, settings=ALLOW)


@pytest.mark.enable_socket
def test_loopback_index_is_refused_without_the_allow_setting(index_server):
    index_url = index_server.publish([])
    with pytest.raises(NetworkError, match="loopback"):
        available_packages(index_url, settings=Settings(allow_private_urls=False))


def test_index_url_follows_argos_package_index():
    assert default_index_url({"ARGOS_PACKAGE_INDEX": "https://mirror.example/argos/"}) == (
        "https://mirror.example/argos/index.json"
    )
    assert default_index_url({"ARGOS_PACKAGE_INDEX": "https://mirror.example/list.json"}) == (
        "https://mirror.example/list.json"
    )
    assert default_index_url({}).endswith("index.json")


def test_parse_index_reads_checksums_and_sizes():
    (entry,) = parse_index([
        {"from_code": "en", "to_code": "ru", "package_version": "1.9", "links": ["https://a/b.argosmodel"],
         "checksum": "sha256:ABCDEF", "size": 1234}
    ])
    assert (entry.sha256, entry.size, entry.version) == ("abcdef", 1234, "1.9")
    with pytest.raises(NetworkError, match="not an Argos package index"):
        parse_index({"packages": []})


# ---------------------------------------------------------------- hostile .argosmodel files


def _zip(entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _good_files(top: str = "translate-en_ja-1_0", metadata: bytes | None = None) -> list[tuple[str, bytes]]:
    meta = metadata if metadata is not None else json.dumps({"from_code": "en", "to_code": "ja"}).encode()
    return [(f"{top}/metadata.json", meta), (f"{top}/model/model.bin", b"\0" * 64),
            (f"{top}/sentencepiece.model", b"spm")]


def _symlink_entry() -> bytes:
    link = zipfile.ZipInfo("translate-en_ja-1_0/model/evil")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _zip([*_good_files(), (link, b"/etc/passwd")])


def _declared_bomb() -> bytes:
    """Entries whose headers declare 3 GB in total: over the 2 GiB cap, whatever they really hold."""
    extra = [("translate-en_ja-1_0/a.bin", b"0"), ("translate-en_ja-1_0/b.bin", b"0")]
    data = bytearray(_zip([*_good_files(), *extra]))
    directory = data.find(b"PK\x01\x02")
    while directory != -1:
        name_length = int.from_bytes(data[directory + 28:directory + 30], "little")
        name = bytes(data[directory + 46:directory + 46 + name_length])
        if name.endswith((b"a.bin", b"b.bin")):
            data[directory + 24:directory + 28] = (1_500_000_000).to_bytes(4, "little")
        directory = data.find(b"PK\x01\x02", directory + 4)
    return bytes(data)


HOSTILE = {
    "zip-slip": (lambda: _zip([*_good_files(), ("translate-en_ja-1_0/../../x", b"owned")]), "unsafe path"),
    "absolute-path": (lambda: _zip([*_good_files(), ("/tmp/translit-owned", b"owned")]), "unsafe path"),
    "symlink": (_symlink_entry, "is a link or a device file"),
    "zip-bomb": (_declared_bomb, r"unpacks to 3.0 GB, over the 2.1 GB limit"),
    "no-metadata": (lambda: _zip(_good_files()[1:]), "metadata.json is missing"),
    "bad-json": (lambda: _zip(_good_files(metadata=b"{from_code: en,")), "metadata.json is not valid JSON"),
    "no-codes": (lambda: _zip(_good_files(metadata=b"[1, 2]")), "must give from_code and to_code"),
    "two-folders": (lambda: _zip([*_good_files(), ("other/a.txt", b"x")]), "exactly one top-level folder"),
    "not-a-zip": (lambda: b"this is plain text, not a package", "not a zip archive"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_package_file_is_refused_and_changes_nothing(case, tmp_path, occupied_dir):
    build, message = HOSTILE[case]
    package = tmp_path / "hostile.argosmodel"
    package.write_bytes(build())
    before = listing(occupied_dir)
    with pytest.raises(ModelError, match=f"hostile.argosmodel is not a usable Argos package: .*{message}"):
        install_package(package, occupied_dir)
    assert listing(occupied_dir) == before
    assert not (tmp_path / "x").exists() and not Path("/tmp/translit-owned").exists()


def test_truncated_package_is_refused_and_changes_nothing(en_ru, tmp_path, occupied_dir):
    package = tmp_path / "cut.argosmodel"
    data = en_ru.read_bytes()
    package.write_bytes(data[: len(data) // 2])
    before = listing(occupied_dir)
    with pytest.raises(ModelError, match="cut.argosmodel is not a usable Argos package"):
        install_package(package, occupied_dir)
    assert listing(occupied_dir) == before


def _flipped_package(en_ru: Path, tmp_path: Path) -> Path:
    """A byte flipped inside the compressed model: only unpacking finds out (bad CRC or bad deflate data)."""
    data = bytearray(en_ru.read_bytes())
    with zipfile.ZipFile(en_ru) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("model/model.bin"))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    package = tmp_path / "flipped.argosmodel"
    package.write_bytes(bytes(data))
    return package


def test_damaged_package_member_changes_nothing(en_ru, tmp_path, occupied_dir):
    package = _flipped_package(en_ru, tmp_path)
    before = listing(occupied_dir)
    with pytest.raises(Exception, match="flipped|CRC|Error -3"):
        install_package(package, occupied_dir)
    assert listing(occupied_dir) == before


def test_damaged_package_member_gives_a_model_error(en_ru, tmp_path, occupied_dir):
    with pytest.raises(ModelError, match="flipped.argosmodel is not a usable Argos package"):
        install_package(_flipped_package(en_ru, tmp_path), occupied_dir)


@pytest.mark.enable_socket
def test_damaged_download_gives_a_model_error_and_leaves_nothing(index_server, en_ru, tmp_path, occupied_dir):
    data = _flipped_package(en_ru, tmp_path).read_bytes()
    link = index_server.serve("/translate-en_ru-1_0.argosmodel", data)
    index_url = index_server.publish([entry_for(en_ru, link)])
    before = listing(occupied_dir)
    damaged = "translate-en_ru-1_0.argosmodel is not a usable Argos package: the archive is damaged.*Nothing was"
    with pytest.raises(ModelError, match=damaged):
        download_package("en", "ru", occupied_dir, index_url=index_url, settings=ALLOW)
    assert listing(occupied_dir) == before


@pytest.mark.enable_socket
@pytest.mark.parametrize("case", ["zip-slip", "symlink", "bad-json"])
def test_hostile_download_is_refused_and_leaves_no_file(case, index_server, occupied_dir):
    build, message = HOSTILE[case]
    data = build()
    link = index_server.serve("/translate-en_ja-1_0.argosmodel", data)
    index_url = index_server.publish([{"from_code": "en", "to_code": "ja", "links": [link],
                                       "sha256": hashlib.sha256(data).hexdigest()}])
    before = listing(occupied_dir)
    refused = f"translate-en_ja-1_0.argosmodel is not a usable Argos package: .*{message}"
    with pytest.raises(ModelError, match=refused):
        download_package("en", "ja", occupied_dir, index_url=index_url, settings=ALLOW)
    assert listing(occupied_dir) == before


def test_listing_helper_sees_changes(tmp_path):
    """The before/after comparison above would notice a stray file."""
    before = listing(tmp_path)
    (tmp_path / ".download-x").mkdir()
    assert listing(tmp_path) != before
    shutil.rmtree(tmp_path / ".download-x")
    assert listing(tmp_path) == before


@pytest.mark.enable_socket
def test_cli_models_download_from_the_fake_index(index_server, en_ru, tmp_path):
    import os
    import subprocess
    import sys

    data = en_ru.read_bytes()
    link = index_server.serve("/translate-en_ru-1_0.argosmodel", data)
    index_url = index_server.publish([entry_for(en_ru, link, sha256=hashlib.sha256(data).hexdigest())])
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}
    command = [sys.executable, "-m", "translit", "models"]
    refused = subprocess.run([*command, "download", "en", "ru", "--index", index_url],
                             capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 2 and "private" in refused.stderr.lower()
    done = subprocess.run([*command, "download", "en", "ru", "--index", index_url, "--allow-private-urls"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "downloading:" in done.stderr
    assert [p.pair for p in installed_packages(tmp_path / "packages")] == [("en", "ru")]
    listed = subprocess.run([*command, "available", "--index", index_url, "--allow-private-urls", "--json"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert json.loads(listed.stdout)[0]["from"] == "en"


# ---------------------------------------------------------------- packages that look real but are not


def _rebuilt(package: Path, change) -> bytes:
    """The package's members, changed by change(name, data) -> (name, data) or None to drop a member."""
    entries = []
    with zipfile.ZipFile(package) as archive:
        for info in archive.infolist():
            changed = change(info.filename, archive.read(info.filename))
            if changed is not None:
                entries.append(changed)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_metadata(package: Path, **fields) -> bytes:
    def change(name, data):
        if name.endswith("metadata.json"):
            return name, json.dumps({**json.loads(data), **fields}).encode()
        return name, data

    return _rebuilt(package, change)


LOOKALIKES = {
    # The case: a model.bin of zeros, tiny when packed, huge when unpacked.
    "zero-filled-model": (lambda p: _rebuilt(p, lambda n, d: (n, bytes(200 * 1024**2)) if n.endswith("model.bin")
                                              else (n, d)), "would unpack to .* times its packed size"),
    "no-tokenizer": (lambda p: _rebuilt(p, lambda n, d: None if n.endswith("sentencepiece.model") else (n, d)),
                     "it has no tokenizer"),
    "garbage-weights": (lambda p: _rebuilt(p, lambda n, d: (n, os.urandom(len(d))) if n.endswith("model.bin")
                                           else (n, d)), "the model does not load or translate"),
    "pair-not-matching-folder": (lambda p: _with_metadata(p, from_code="de", to_code="fr"),
                                 "folder 'translate-en_ru-1_0' says en -> ru but metadata.json says de -> fr"),
    "same-language-twice": (lambda p: _with_metadata(p, to_code="en"), "not a pair of language codes"),
    "not-a-translation-package": (lambda p: _with_metadata(p, type="sbd"), "not a translation package"),
}


@pytest.mark.parametrize("case", sorted(LOOKALIKES))
def test_a_package_that_only_looks_real_is_refused_and_changes_nothing(case, en_ru, tmp_path, occupied_dir):
    build, message = LOOKALIKES[case]
    package = tmp_path / "lookalike.argosmodel"
    package.write_bytes(build(en_ru))
    before = listing(occupied_dir)
    with pytest.raises(ModelError, match=f"lookalike.argosmodel is not a usable Argos package: .*{message}"):
        install_package(package, occupied_dir)
    assert listing(occupied_dir) == before  # staging folder gone too


def test_cli_refuses_a_lookalike_in_one_line_with_exit_2(en_ru, tmp_path):
    package = tmp_path / "zeros.argosmodel"
    package.write_bytes(LOOKALIKES["zero-filled-model"][0](en_ru))
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}
    done = subprocess.run([sys.executable, "-m", "translit", "models", "install", str(package)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (tmp_path / "packages").exists() or not any((tmp_path / "packages").iterdir())
