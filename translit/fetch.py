"""Fetching a URL over http(s), with the checks a tool that opens links from users needs.

Only http and https; every host (the first and each redirect target) is resolved and refused when
it points at this machine or a private network, unless private URLs are allowed; the connection
goes to the very address that was checked, so a second DNS answer cannot swap it. Responses are
capped in size and time, and their content type is checked before the body is read.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from translit.errors import NetworkError

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0
"""Seconds to wait for a connection or for the next piece of the answer."""
DEFAULT_TOTAL_TIMEOUT = 120.0
"""Seconds a whole article fetch may take, so a server that drips bytes cannot hold us forever."""
ARTICLE_CONTENT_TYPES = frozenset(
    {
        "text/html",
        "text/plain",
        "application/xhtml+xml",
        "text/markdown",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
)
USER_AGENT = "translit/0.1 (offline article translator; fetches one page on request)"
_CHUNK = 64 * 1024

Progress = Callable[[int, "int | None"], None]


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: the final URL after redirects, its media type and charset, and its bytes."""

    url: str
    content_type: str
    charset: str
    data: bytes


def _host_label(url: str) -> str:
    return urlsplit(url).hostname or url


def _address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Why an address is off limits by default, or "" when it is a public address."""
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    for name, flag in (
        ("loopback (this computer)", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private-network", ip.is_private),
    ):
        if flag:
            return name
    return "" if ip.is_global else "non-public"


def resolve_checked(url: str, *, allow_private: bool) -> tuple[str, int, str]:
    """Check a URL's scheme and host; return (scheme, port, the IP address to connect to)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise NetworkError(
            f"{url!r} is not a web address: only http:// and https:// links can be fetched. "
            "For a file on this computer give its path instead."
        )
    host = parts.hostname
    if not host:
        raise NetworkError(f"{url!r} has no host name; copy the full link from the browser's address bar.")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise NetworkError(f"{url!r} has an invalid port number; check the link.") from None
    addresses = _addresses(host, port)
    if not addresses:
        raise NetworkError(f"{host} has no address; check the link.")
    if not allow_private:
        for ip in addresses:
            problem = _address_problem(ip)
            if problem:
                raise NetworkError(
                    f"Refused to fetch {url}: {host} is a {problem} address ({ip}). translit only opens "
                    "public web pages unless private addresses are allowed (--allow-private-urls or "
                    "TRANSLIT_ALLOW_PRIVATE_URLS=1)."
                )
    return scheme, port, str(addresses[0])


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses of a host: an IP literal as it is, a name through DNS."""
    try:
        return [ipaddress.ip_address(host.split("%", 1)[0])]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise NetworkError(
            f"Cannot look up {host}: there is no network connection, or the name is wrong. "
            "Check the connection and the link, or save the page as a file and open that."
        ) from None
    except UnicodeError:
        raise NetworkError(f"{host!r} is not a valid host name; check the link.") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, *, pinned_ip: str, **kwargs) -> None:
        super().__init__(host, **kwargs)
        self._pinned_ip = pinned_ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._pinned_ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, *, pinned_ip: str, **kwargs) -> None:
        super().__init__(host, **kwargs)
        self._pinned_ip = pinned_ip

    def connect(self) -> None:
        sock = socket.create_connection((self._pinned_ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, pinned_ip: str) -> None:
        super().__init__()
        self._pinned_ip = pinned_ip

    def http_open(self, req):
        return self.do_open(self._connection, req)

    def _connection(self, host, **kwargs):
        return _PinnedHTTPConnection(host, pinned_ip=self._pinned_ip, **kwargs)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, pinned_ip: str) -> None:
        super().__init__()
        self._pinned_ip = pinned_ip

    def https_open(self, req):
        return self.do_open(self._connection, req, context=self._context)

    def _connection(self, host, **kwargs):
        return _PinnedHTTPSConnection(host, pinned_ip=self._pinned_ip, **kwargs)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as HTTPError so that each target is checked before it is followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _opener(pinned_ip: str) -> urllib.request.OpenerDirector:
    # An empty ProxyHandler: a proxy would connect to hosts we never checked.
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _PinnedHTTPHandler(pinned_ip),
        _PinnedHTTPSHandler(pinned_ip),
        _NoRedirects(),
    )


def _network_error(url: str, exc: BaseException, timeout: float) -> NetworkError:
    host = _host_label(url)
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return NetworkError(f"{host} did not answer within {timeout:g} s; try again later.")
    if isinstance(reason, ConnectionRefusedError):
        return NetworkError(
            f"{host} refused the connection: the server is down or the port is wrong. Check the link."
        )
    if isinstance(reason, socket.gaierror):
        return NetworkError(
            f"Cannot look up {host}: there is no network connection, or the name is wrong."
        )
    import ssl

    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return NetworkError(f"The secure connection to {host} failed ({reason}); check the link.")
    return NetworkError(f"Could not fetch {url} ({reason}); check the network connection and the link.")


def _media_type(header: str) -> tuple[str, str]:
    """('text/html', 'utf-8') from 'text/html; charset=UTF-8'."""
    if not header:
        return "", ""
    media, _, params = header.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


@contextmanager
def open_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    accept: Collection[str] | None = ARTICLE_CONTENT_TYPES,
    max_redirects: int = MAX_REDIRECTS,
) -> Iterator[http.client.HTTPResponse]:
    """An open response for url after at most max_redirects checked redirects.

    accept: the media types allowed (None: any). A response without a Content-Type is let through;
    the caller checks what the bytes are.
    """
    current = url
    for _hop in range(max_redirects + 1):
        _scheme, _port, ip = resolve_checked(current, allow_private=allow_private)
        request = urllib.request.Request(
            current, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        )
        try:
            response = _opener(ip).open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                current = urljoin(current, exc.headers["Location"])
                continue
            raise NetworkError(
                f"{_host_label(current)} answered HTTP {exc.code} {exc.reason} for {current}; "
                "check the link, or save the page from a browser and open the file."
            ) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise _network_error(current, exc, timeout) from None
        with response:
            media, _charset = _media_type(response.headers.get("Content-Type", ""))
            if accept is not None and media and media not in accept:
                raise NetworkError(
                    f"{current} is {media}, not an article (a web page, text, PDF or DOCX); "
                    "give the link to the article page itself."
                )
            yield response
        return
    raise NetworkError(
        f"{url} redirects more than {max_redirects} times; open it in a browser and use the final address."
    )


def read_capped(
    response: http.client.HTTPResponse,
    *,
    max_bytes: int,
    url: str,
    timeout: float = DEFAULT_TIMEOUT,
    total_timeout: float | None = DEFAULT_TOTAL_TIMEOUT,
    sink: Callable[[bytes], None] | None = None,
    progress: Progress | None = None,
    hint: str = "save the article text to a smaller file instead",
) -> bytes:
    """Read a response body of at most max_bytes; chunks go to sink (then b"" is returned) or are joined."""
    length_header = response.headers.get("Content-Length", "")
    total = int(length_header) if length_header.isdigit() else None
    limit_text = f"{max_bytes / 1e6:.1f} MB" if max_bytes >= 100_000 else f"{max_bytes:,} bytes"
    if total is not None and total > max_bytes:
        raise NetworkError(
            f"{url} is {total / 1e6:.1f} MB, over the {limit_text} limit; {hint}."
        )
    started = time.monotonic()
    chunks: list[bytes] = []
    done = 0
    if progress:
        progress(0, total)
    while True:
        try:
            chunk = response.read(_CHUNK)
        except (OSError, http.client.HTTPException) as exc:
            raise _network_error(url, exc, timeout) from None
        if not chunk:
            break
        done += len(chunk)
        if done > max_bytes:
            raise NetworkError(
                f"{url} is larger than the {limit_text} limit; {hint}."
            )
        if total_timeout is not None and time.monotonic() - started > total_timeout:
            raise NetworkError(f"{_host_label(url)} is too slow (over {total_timeout:g} s); try again later.")
        if sink is None:
            chunks.append(chunk)
        else:
            sink(chunk)
        if progress:
            progress(done, total)
    if total is not None and done < total:
        raise NetworkError(
            f"The download from {_host_label(url)} stopped after {done:,} of {total:,} bytes; try again."
        )
    return b"".join(chunks)


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = 10 * 1024 * 1024,
    timeout: float = DEFAULT_TIMEOUT,
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
    accept: Collection[str] | None = ARTICLE_CONTENT_TYPES,
) -> Fetched:
    """Fetch an article (HTML, text, PDF or DOCX) with every check; NetworkError says what went wrong."""
    with open_url(url, allow_private=allow_private, timeout=timeout, accept=accept) as response:
        final_url = response.geturl()
        media, charset = _media_type(response.headers.get("Content-Type", ""))
        data = read_capped(
            response, max_bytes=max_bytes, url=final_url, timeout=timeout, total_timeout=total_timeout
        )
    return Fetched(url=final_url, content_type=media, charset=charset, data=data)
