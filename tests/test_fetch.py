"""URL fetching against a real HTTP server on 127.0.0.1 (sockets enabled only for those tests)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from loopback import QuietHandler, serving

from translit.config import Settings
from translit.errors import NetworkError
from translit.fetch import fetch_url, resolve_checked
from translit.ingest import load_document

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Judge pauses asylum rule | Example News</title>
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2024-05-14T09:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Judge pauses asylum rule</h1>
<p>A federal judge in San Francisco paused a rule on Tuesday that would have barred most asylum claims
from people who crossed the border between ports of entry.</p>
<p>The ruling applies nationwide while the case goes on. Lawyers for the government said they would ask
the court of appeals to lift the order within a week.</p>
<p>Advocates told applicants to keep every document about their entry and to attend all hearings.</p>
</article>
<section id="comments" class="comments"><p>First comment: buy cheap watches online now</p></section>
<footer>Copyright Example News. Terms of use. Privacy.</footer></body></html>"""


class Routes:
    """What the test server answers: path -> (status, headers, body, delay in seconds)."""

    def __init__(self) -> None:
        self.table: dict[str, tuple[int, dict[str, str], bytes, float]] = {}
        self.hits: list[str] = []

    def add(self, path: str, body: bytes = b"", status: int = 200, delay: float = 0.0, **headers: str):
        self.table[path] = (status, {k.replace("_", "-"): v for k, v in headers.items()}, body, delay)


@pytest.fixture
def server() -> Iterator[tuple[str, Routes]]:
    routes = Routes()

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            routes.hits.append(self.path)
            status, headers, body, delay = routes.table.get(self.path, (404, {}, b"not here", 0.0))
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    with serving(Handler) as url:
        yield url, routes


ALLOW = Settings(allow_private_urls=True)


@pytest.mark.enable_socket
def test_loopback_is_refused_without_the_allow_setting(server):
    base, routes = server
    routes.add("/article", ARTICLE_HTML.encode(), Content_Type="text/html")
    refused = r"loopback.*--allow-private-urls or TRANSLIT_ALLOW_PRIVATE_URLS=1"
    with pytest.raises(NetworkError, match=refused):
        load_document(f"{base}/article", settings=Settings(allow_private_urls=False))
    port = base.rsplit(":", 1)[1]
    with pytest.raises(NetworkError, match="loopback"):
        fetch_url(f"http://localhost:{port}/article")
    assert routes.hits == []  # refused before any connection was made


@pytest.mark.enable_socket
def test_article_is_extracted_from_a_fetched_page(server):
    base, routes = server
    routes.add("/news/asylum", ARTICLE_HTML.encode(), Content_Type="text/html; charset=utf-8")
    document = load_document(f"{base}/news/asylum", settings=ALLOW)
    assert document.title == "Judge pauses asylum rule"
    assert document.byline == "Maria Lopez"
    assert document.date == "2024-05-14"
    assert document.source == f"{base}/news/asylum"
    text = document.text
    assert "paused a rule on Tuesday" in text and "attend all hearings" in text
    for boilerplate in ("Subscribe", "cheap watches", "Privacy"):
        assert boilerplate not in text
    assert "from people who crossed" in text  # lines wrapped in the HTML are joined into one paragraph


@pytest.mark.enable_socket
def test_redirects_are_followed_up_to_five(server):
    base, routes = server
    for hop in range(5):
        routes.add(f"/r{hop}", status=302, Location=f"/r{hop + 1}")
    routes.add("/r5", b"Plain text article about visas.", Content_Type="text/plain; charset=utf-8")
    fetched = fetch_url(f"{base}/r0", allow_private=True)
    assert fetched.url == f"{base}/r5"
    assert fetched.data == b"Plain text article about visas."


@pytest.mark.enable_socket
def test_more_than_five_redirects_are_refused(server):
    base, routes = server
    for hop in range(7):
        routes.add(f"/r{hop}", status=301, Location=f"{base}/r{hop + 1}")
    routes.add("/r7", b"never reached", Content_Type="text/plain")
    with pytest.raises(NetworkError, match="redirects more than 5 times"):
        fetch_url(f"{base}/r0", allow_private=True)
    assert "/r7" not in routes.hits and "/r6" not in routes.hits


@pytest.mark.enable_socket
def test_each_redirect_target_is_checked_again(server):
    base, routes = server
    routes.add("/to-file", status=302, Location="file:///etc/passwd")
    with pytest.raises(NetworkError, match="only http:// and https://"):
        fetch_url(f"{base}/to-file", allow_private=True)
    routes.add("/to-ftp", status=307, Location="ftp://127.0.0.1/pub/file.txt")
    with pytest.raises(NetworkError, match="only http:// and https://"):
        fetch_url(f"{base}/to-ftp", allow_private=True)


@pytest.mark.enable_socket
def test_too_large_body_is_refused(server):
    base, routes = server
    routes.add("/big", b"a" * 300_000, Content_Type="text/plain")
    with pytest.raises(NetworkError, match="over the 0.2 MB limit"):
        fetch_url(f"{base}/big", allow_private=True, max_bytes=200_000)
    # A server that hides the size (no Content-Length) is cut off while reading.
    routes.add("/big-chunked", b"a" * 300_000, Content_Type="text/plain", Content_Length="")
    with pytest.raises(NetworkError, match="larger than the 0.2 MB limit"):
        fetch_url(f"{base}/big-chunked", allow_private=True, max_bytes=200_000)


@pytest.mark.enable_socket
def test_upload_limit_applies_to_fetched_pages(server):
    base, routes = server
    routes.add("/huge.txt", b"word " * 30_000, Content_Type="text/plain")
    with pytest.raises(NetworkError, match="limit"):
        load_document(f"{base}/huge.txt", settings=Settings(allow_private_urls=True, max_upload_bytes=99_000))


@pytest.mark.enable_socket
def test_wrong_content_type_is_refused(server):
    base, routes = server
    routes.add("/photo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", Content_Type="image/jpeg")
    with pytest.raises(NetworkError, match="image/jpeg, not an article"):
        fetch_url(f"{base}/photo.jpg", allow_private=True)


@pytest.mark.enable_socket
def test_slow_server_hits_the_timeout(server):
    base, routes = server
    routes.add("/slow", b"late", Content_Type="text/plain", delay=1.5)
    started = time.monotonic()
    with pytest.raises(NetworkError, match="did not answer within 0.3 s"):
        fetch_url(f"{base}/slow", allow_private=True, timeout=0.3)
    assert time.monotonic() - started < 1.4


@pytest.mark.enable_socket
def test_http_errors_and_a_server_that_is_down(server):
    base, routes = server
    with pytest.raises(NetworkError, match="HTTP 404"):
        fetch_url(f"{base}/missing", allow_private=True)
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    with pytest.raises(NetworkError, match="refused the connection"):
        fetch_url(f"http://127.0.0.1:{free_port}/", allow_private=True)


@pytest.mark.enable_socket
def test_pdf_link_is_read_as_pdf(server):
    from test_ingest import make_pdf

    base, routes = server
    routes.add("/report.pdf", make_pdf([["Visa report", "Processing times fell this spring."]]),
               Content_Type="application/pdf")
    document = load_document(f"{base}/report.pdf", settings=ALLOW)
    assert "Processing times fell this spring." in document.text


def test_no_network_gives_a_clear_message(monkeypatch):
    def offline(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    with pytest.raises(NetworkError, match="no network connection"):
        fetch_url("https://news.example.org/article")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://10.0.0.5/", "private-network"),
        ("http://192.168.1.1/admin", "private-network"),
        ("http://172.16.0.1/", "private-network"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://240.0.0.1/", "reserved"),
        ("http://100.64.0.1/", "non-public"),
    ],
)
def test_non_public_addresses_are_refused(url, reason):
    with pytest.raises(NetworkError, match=reason):
        resolve_checked(url, allow_private=False)


def test_allow_private_lets_addresses_through():
    assert resolve_checked("http://10.0.0.5:8080/x", allow_private=True) == ("http", 8080, "10.0.0.5")


def test_env_switch_allows_private_urls():
    assert Settings.from_env({"TRANSLIT_ALLOW_PRIVATE_URLS": "1"}).allow_private_urls
    assert not Settings.from_env({}).allow_private_urls


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.txt", "javascript:alert(1)"])
def test_only_http_and_https(url):
    with pytest.raises(NetworkError, match="only http:// and https://"):
        fetch_url(url)
