"""A fault-injecting news portal on 127.0.0.1 for crawl tests, and a toy network spider that crawls it.

``FaultServer`` is a threaded ``http.server`` on an ephemeral port. It serves good articles (the bundled PRMN
sample pages, rewritten to its own address, plus variants of them) and one route per hostile case: 429 with
and without Retry-After, 503 then 200, a timeout, connection resets, off-site redirects, redirect loops and
chains, robots.txt disallowing a path, gzip bombs, oversized pages, billion-laughs and XXE sitemaps and feeds,
an endless listing and an endless article pager, binary, empty and soft-404 pages. ``ARTICLES`` says what a
crawl of each article URL must end as: ``written`` or the drop reason it is counted under.

Every request the server receives is logged (path, Host header, time), so a test can check that no request
went anywhere else and how often each case was asked for.

``scrapy runspider tests/faultserver.py -a sites=127.0.0.1:PORT`` runs ``FaultNetworkSpider``: a
``NetworkSpider`` over a toy network whose one portal is the server (PRMN's article rules and parser), so
discovery (robots.txt, sitemaps, feeds, listings) meets the hostile cases too.
"""

from __future__ import annotations

import contextlib
import re
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

from newscrawl.sites import network_named
from newscrawl.sites.base import Network
from newscrawl.spiders.network import NetworkSpider
from newscrawl.urls import host_of

SAMPLE = Path(__file__).resolve().parents[1] / "newscrawl" / "sample" / "pages"
SAMPLE_ORIGIN = "https://mantrasukabumi.pikiran-rakyat.com"

#: what a crawl must set for the cases to behave as described (the test passes these with -s)
CRAWL_SETTINGS = {
    "DOWNLOAD_TIMEOUT": "1",
    "RETRY_TIMES": "2",
    "NEWSCRAWL_RETRY_BACKOFF_BASE": "0.05",
    "NEWSCRAWL_RETRY_BACKOFF_MAX": "0.2",
    "NEWSCRAWL_RETRY_AFTER_MAX": "5",
    "DOWNLOAD_MAXSIZE": str(1024 * 1024),
    "DOWNLOAD_WARNSIZE": str(256 * 1024),
    "NEWSCRAWL_MAX_LISTING_PAGES": "3",
    "NEWSCRAWL_MAX_ARTICLE_PAGES": "3",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "4",
}
#: seconds the timeout route stalls (well past DOWNLOAD_TIMEOUT above)
STALL_SECONDS = 5.0
#: Retry-After of the "429 then 200" case (honoured: under NEWSCRAWL_RETRY_AFTER_MAX above)
RETRY_AFTER_SHORT = 1
#: Retry-After of the "come back in an hour" case (over the ceiling: given up, not waited out)
RETRY_AFTER_LONG = 3600
#: decompressed size of the gzip bombs: 64 MiB, 64 times DOWNLOAD_MAXSIZE above
BOMB_BYTES = 64 * 1024 * 1024
#: size of the oversized pages: twice DOWNLOAD_MAXSIZE above
HUGE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    """An article URL of the server and what a crawl of it must end as."""

    path: str
    expect: str  # "written", or the drop reason (newscrawl/dropped/<reason>)
    what: str
    #: the canonical path of the record written (a redirect target), when not ``path``
    record_path: str | None = None
    #: True when the case's expectation depends on the hostile-pages work (page parsing), not on this layer
    pages_layer: bool = False


# The three sample articles (one of two pages): served at their own paths.
G1 = "/sukabumi-raya/pr-404417702/jalur-sepeda-baru-hubungkan-lapang-merdeka-dan-alun-alun-kota-sukabumi"
G2 = "/ekonomi/pr-404421935/panen-raya-jagung-di-cikembar-petani-mulai-pakai-pengering-tenaga-surya"
G3 = "/wisata/pr-404426610/lomba-perahu-hias-meriahkan-pesta-laut-nelayan-di-palabuhanratu"

ARTICLES: tuple[Article, ...] = (
    Article(G1, "written", "a good article"),
    Article(G2, "written", "a good article of two pages"),
    Article(G3, "written", "a good article"),
    Article("/kasus/pr-900001/rate-limited-once", "written", "429 without Retry-After, then 200"),
    Article("/kasus/pr-900002/retry-after-once", "written", f"429 with Retry-After: {RETRY_AFTER_SHORT}, then 200"),
    Article("/kasus/pr-900003/unavailable-twice", "written", "503 twice, then 200"),
    Article("/kasus/pr-900004/reset-once", "written", "connection reset once, then 200"),
    Article("/kasus/pr-900005/moved", "written", "301 to another page of the same site", "/kasus/pr-900006/moved-here"),
    Article("/kasus/pr-900012/rate-limited-always", "rate_limited", "429 on every try"),
    Article("/kasus/pr-900013/server-error-always", "http_500", "500 on every try"),
    Article("/kasus/pr-900014/timeout", "timeout", f"no answer for {STALL_SECONDS:.0f}s, every try"),
    Article("/kasus/pr-900015/reset-always", "connection_failed", "connection reset on every try"),
    Article("/kasus/pr-900016/offsite-redirect", "offsite_redirect", "302 to another host (localhost)"),
    Article("/kasus/pr-900017/redirect-loop", "redirect_loop", "302 to a page that redirects back"),
    Article("/kasus/pr-900018/redirect-chain", "too_many_redirects", "302 to a new URL, forever"),
    Article("/private/pr-900019/disallowed", "robots_txt", "disallowed by robots.txt"),
    Article("/kasus/pr-900020/gzip-bomb", "too_large", f"Content-Encoding: gzip of {BOMB_BYTES >> 20} MiB"),
    Article("/kasus/pr-900021/huge-page", "too_large", f"{HUGE_BYTES >> 20} MiB with Content-Length"),
    Article("/kasus/pr-900022/huge-stream", "too_large", f"{HUGE_BYTES >> 20} MiB without Content-Length"),
    Article("/kasus/pr-900023/not-found", "http_404", "404"),
    Article("/kasus/pr-900024/binary", "not_html", "binary bytes served as text/html", pages_layer=True),
    Article("/kasus/pr-900025/empty", "empty", "an empty 200 body", pages_layer=True),
    Article("/kasus/pr-900026/soft-404", "soft_404", "a 'page not found' page with status 200", pages_layer=True),
)
#: an article whose pager never ends: every page links to the next (bounded by NEWSCRAWL_MAX_ARTICLE_PAGES)
ENDLESS_PAGER = "/kasus/pr-900030/endless-pager"
#: 429 with a Retry-After over the ceiling: crawled alone (the host is then closed to the crawl for an hour)
RETRY_AFTER_TOO_LONG = Article(
    "/kasus/pr-900011/retry-after-too-long", "rate_limited", f"429 with Retry-After: {RETRY_AFTER_LONG}"
)

# Discovery (the toy network spider): what robots.txt, the sitemaps, feeds and the listing lead to.
FEED_ARTICLE = "/kasus/pr-910001/from-the-feed"
LISTING_ARTICLE = "/terkini-berita/pr-9101{:02d}/listed-on-page-{}"
SITEMAP_ARTICLES = (G1, G2, G3, "/private/pr-900019/disallowed")


def listing_article(number: int) -> str:
    return LISTING_ARTICLE.format(number, number)


# -- pages -------------------------------------------------------------------------------------------


@cache
def _sample(name: str) -> str:
    return (SAMPLE / name).read_text(encoding="utf-8")


def sample_page(name: str, base: str) -> bytes:
    return _sample(name).replace(SAMPLE_ORIGIN, base).encode()


def variant_page(path: str, base: str) -> bytes:
    """A good article at ``path``: the first sample article with its own URL, headline and paragraphs."""
    label = path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    html = _sample("pr-404417702.html").replace(G1, path)
    html = html.replace("Jalur Sepeda Baru Hubungkan", f"({label}) Jalur Sepeda Baru Hubungkan")
    html = re.sub(r"<p>(?=[A-Z])", f"<p>[{label}] ", html)
    return html.replace(SAMPLE_ORIGIN, base).encode()


def pager_page(path: str, number: int, base: str) -> bytes:
    """Page ``number`` of an article whose pager always offers one page more."""
    html = _sample("pr-404421935-page2.html").replace(G2, path)
    html = re.sub(r"<p>(?=[A-Z])", f"<p>[halaman {number}] ", html)
    links = "".join(
        f'<div class="paging__item"><a href="{base}{path}?page={n}" class="paging__link">{n}</a></div>'
        for n in range(1, number + 2)
        if n != number
    )
    pager = (
        '<div class="paging paging--article clearfix"><div class="paging__teaser">Halaman: </div>'
        f'<div class="paging__wrap clearfix">{links}'
        f'<div class="paging__item"><a href="#" class="paging__link paging__link--active">{number}</a></div>'
        "</div></div>"
    )
    html = re.sub(r'<div class="paging paging--article clearfix">.*?</div></div></div>', pager, html, flags=re.S)
    return html.replace(SAMPLE_ORIGIN, base).encode()


SOFT_404 = b"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>404 Halaman Tidak Ditemukan - Mantra Sukabumi</title></head><body>
<header><a href="/">Mantra Sukabumi</a></header>
<main><h1>Halaman Tidak Ditemukan</h1>
<p>Maaf, halaman yang Anda cari tidak ditemukan atau sudah dihapus. Silakan kembali ke beranda untuk membaca
berita terbaru dari Sukabumi dan sekitarnya, atau gunakan kolom pencarian di bagian atas halaman ini.</p>
<p>Error 404: page not found.</p></main></body></html>"""

BINARY = bytes(range(256)) * 64


@cache
def gzip_bomb(size: int = BOMB_BYTES) -> bytes:
    """``size`` zero bytes, gzipped (about 1/1000 of the size), built without holding them in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1024 * 1024)
    parts = [packer.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(packer.flush())
    return b"".join(parts)


@cache
def sitemap_bomb(size: int = BOMB_BYTES) -> bytes:
    """A gzipped sitemap that decompresses to ``size`` bytes (whitespace inside one <urlset>)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')]
    chunk = b" " * (1024 * 1024)
    parts += [packer.compress(chunk) for _ in range(size // len(chunk))]
    parts += [packer.compress(b"</urlset>"), packer.flush()]
    return b"".join(parts)


def billion_laughs(root: str, inner: str) -> bytes:
    """The classic entity-expansion document (10**9 "lol"s when expanded) around ``inner`` using ``&lol9;``."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + ("" if i == 1 else str(i - 1)) + ";") * 10}">' for i in range(1, 10)
    )
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [{entities}]>\n{inner}'.encode()


def sitemap(base: str, paths: tuple[str, ...], extra: tuple[str, ...] = ()) -> bytes:
    locs = [f"{base}{p}" for p in paths] + list(extra)
    entries = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


def rss(items: list[str]) -> bytes:
    body = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Kota</title>{body}</channel></rss>'.encode()


# -- the server --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    path: str  # path and query, as requested
    host: str  # the Host header
    at: float  # time.monotonic() when the request line was read


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # socketserver's default backlog of 5 overflows under a crawler's burst of connections; Linux then
    # retries the SYN after 1 s, which a 1 s DOWNLOAD_TIMEOUT reports as a connect timeout.
    request_queue_size = 128
    fault: FaultServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and abandoned downloads are the point of this server


Route = Callable[["_Handler", dict[str, list[str]]], None]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        fault = self.server.fault
        hit = Hit(self.path, self.headers.get("Host", ""), time.monotonic())
        fault.record(hit)
        parts = urlsplit(self.path)
        route = fault.routes.get(parts.path)
        if route is None:
            self.send(404, b"<html><body>not here</body></html>")
            return
        route(self, parse_qs(parts.query))

    # -- answers ---------------------------------------------------------------------------------

    def send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str = "text/html; charset=UTF-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (size limit, timeout)

    def redirect(self, status: int, location: str) -> None:
        self.send(status, b"", headers={"Location": location})

    def reset(self) -> None:
        """Close the connection with a TCP RST before any response ("connection reset by peer")."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def stall(self) -> None:
        self.server.fault.stopping.wait(STALL_SECONDS)
        self.send(200, b"<html><body>too late</body></html>")

    def stream(self, size: int, *, length: bool) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=UTF-8")
            if length:
                self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
            for _ in range(size // len(chunk)):
                self.wfile.write(chunk)
        except OSError:
            pass

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()


class FaultServer:
    """The server; ``base`` is ``http://127.0.0.1:PORT``. Use as a context manager (or the pytest fixture)."""

    def __init__(self) -> None:
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.fault = self
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._tries: Counter[str] = Counter()
        self.stopping = threading.Event()
        self.routes: dict[str, Route] = {}
        self._add_routes()
        gzip_bomb(), sitemap_bomb()  # built before serving: a first request must not wait for them
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=10)

    # -- bookkeeping -----------------------------------------------------------------------------

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def try_number(self, key: str) -> int:
        """1 on the first request for ``key``, 2 on the second ..."""
        with self._lock:
            self._tries[key] += 1
            return self._tries[key]

    def requests_for(self, path: str) -> list[Hit]:
        """Requests for ``path`` (any query)."""
        with self._lock:
            return [h for h in self.hits if urlsplit(h.path).path == path]

    def url(self, path: str) -> str:
        return self.base + path

    # -- routes ----------------------------------------------------------------------------------

    def _add_routes(self) -> None:
        base = self.base
        r = self.routes

        def page(body: Callable[[], bytes]) -> Route:
            return lambda h, q: h.send(200, body())

        def fails_then_ok(path: str, failures: int, fail: Callable[[_Handler], None]) -> Route:
            def route(h: _Handler, q: dict[str, list[str]]) -> None:
                if self.try_number(path) <= failures:
                    fail(h)
                else:
                    h.send(200, variant_page(path, base))

            return route

        r["/robots.txt"] = lambda h, q: h.send(
            200,
            (
                "User-agent: *\nDisallow: /private/\n"
                f"Sitemap: {base}/sitemap.xml\nSitemap: {base}/sitemap-laughs.xml\n"
                f"Sitemap: {base}/sitemap-bomb.xml.gz\nSitemap: http://localhost:{self.port}/sitemap-offsite.xml\n"
            ).encode(),
            "text/plain",
        )
        r[G1] = page(lambda: sample_page("pr-404417702.html", base))
        r[G3] = page(lambda: sample_page("pr-404426610.html", base))

        def two_pages(h: _Handler, q: dict[str, list[str]]) -> None:
            name = "pr-404421935-page2.html" if q.get("page") == ["2"] else "pr-404421935-page1.html"
            h.send(200, sample_page(name, base))

        r[G2] = two_pages
        r["/kasus/pr-900001/rate-limited-once"] = fails_then_ok(
            "/kasus/pr-900001/rate-limited-once", 1, lambda h: h.send(429, b"slow down")
        )
        r["/kasus/pr-900002/retry-after-once"] = fails_then_ok(
            "/kasus/pr-900002/retry-after-once",
            1,
            lambda h: h.send(429, b"slow down", headers={"Retry-After": str(RETRY_AFTER_SHORT)}),
        )
        r["/kasus/pr-900003/unavailable-twice"] = fails_then_ok(
            "/kasus/pr-900003/unavailable-twice", 2, lambda h: h.send(503, b"busy")
        )
        r["/kasus/pr-900004/reset-once"] = fails_then_ok("/kasus/pr-900004/reset-once", 1, _Handler.reset)
        r["/kasus/pr-900005/moved"] = lambda h, q: h.redirect(301, "/kasus/pr-900006/moved-here")
        r["/kasus/pr-900006/moved-here"] = page(lambda: variant_page("/kasus/pr-900006/moved-here", base))
        r[RETRY_AFTER_TOO_LONG.path] = lambda h, q: h.send(
            429, b"come back later", headers={"Retry-After": str(RETRY_AFTER_LONG)}
        )
        r["/kasus/pr-900012/rate-limited-always"] = lambda h, q: h.send(429, b"slow down")
        r["/kasus/pr-900013/server-error-always"] = lambda h, q: h.send(500, b"oops")
        r["/kasus/pr-900014/timeout"] = lambda h, q: h.stall()
        r["/kasus/pr-900015/reset-always"] = lambda h, q: h.reset()
        r["/kasus/pr-900016/offsite-redirect"] = lambda h, q: h.redirect(
            302, f"http://localhost:{self.port}/kasus/pr-900016/offsite-redirect"
        )
        r["/kasus/pr-900017/redirect-loop"] = lambda h, q: h.redirect(302, "/kasus/pr-900017/redirect-loop-b")
        r["/kasus/pr-900017/redirect-loop-b"] = lambda h, q: h.redirect(302, "/kasus/pr-900017/redirect-loop")
        r["/kasus/pr-900018/redirect-chain"] = lambda h, q: h.redirect(
            302, f"/kasus/pr-900018/redirect-chain?hop={int(q.get('hop', ['0'])[0]) + 1}"
        )
        r["/private/pr-900019/disallowed"] = page(lambda: variant_page("/private/pr-900019/disallowed", base))
        r["/kasus/pr-900020/gzip-bomb"] = lambda h, q: h.send(200, gzip_bomb(), headers={"Content-Encoding": "gzip"})
        r["/kasus/pr-900021/huge-page"] = lambda h, q: h.stream(HUGE_BYTES, length=True)
        r["/kasus/pr-900022/huge-stream"] = lambda h, q: h.stream(HUGE_BYTES, length=False)
        r["/kasus/pr-900024/binary"] = lambda h, q: h.send(200, BINARY)
        r["/kasus/pr-900025/empty"] = lambda h, q: h.send(200, b"")
        r["/kasus/pr-900026/soft-404"] = lambda h, q: h.send(200, SOFT_404)
        r[ENDLESS_PAGER] = lambda h, q: h.send(200, pager_page(ENDLESS_PAGER, _page_number(q), base))

        # discovery
        r["/sitemap.xml"] = lambda h, q: h.send(
            200,
            sitemap(base, SITEMAP_ARTICLES, (f"http://localhost:{self.port}/kasus/pr-920001/offsite-in-sitemap",)),
            "application/xml",
        )
        r["/sitemap-laughs.xml"] = lambda h, q: h.send(
            200,
            billion_laughs(
                "urlset",
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/kasus/pr-920002/'
                "laughs</loc></url><url><loc>&lol9;</loc></url></urlset>",
            ),
            "application/xml",
        )
        r["/sitemap-bomb.xml.gz"] = lambda h, q: h.send(200, sitemap_bomb(), "application/x-gzip")
        r["/rss"] = lambda h, q: h.send(
            200,
            rss([base + FEED_ARTICLE, f"http://localhost:{self.port}/kasus/pr-920003/offsite-in-feed"]),
            "application/rss+xml",
        )
        r["/rss-laughs"] = lambda h, q: h.send(
            200,
            billion_laughs(
                "rss",
                f'<rss version="2.0"><channel><item><link>{base}/kasus/pr-920004/laughs</link></item>'
                "<item><link>&lol9;</link></item></channel></rss>",
            ),
            "application/rss+xml",
        )
        r["/rss-xxe"] = lambda h, q: h.send(
            200,
            (
                '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                f'<rss version="2.0"><channel><item><link>{base}/kasus/pr-920005/xxe</link></item>'
                "<item><title>&xxe;</title><link>&xxe;</link></item></channel></rss>"
            ).encode(),
            "application/rss+xml",
        )
        r[FEED_ARTICLE] = page(lambda: variant_page(FEED_ARTICLE, base))

        def listing(h: _Handler, q: dict[str, list[str]]) -> None:
            number = _page_number(q)
            links = (
                f'<a href="{listing_article(number)}">berita</a>'
                f'<a href="http://localhost:{self.port}/kasus/pr-9200{number:02d}/offsite-in-listing">luar</a>'
                f'<a href="/terkini?page={number + 1}">berikutnya</a>'
            )
            h.send(200, f"<html><body><h1>Terkini</h1>{links}</body></html>".encode())

        r["/terkini"] = listing
        for number in range(1, 100):
            path = listing_article(number)
            r[path] = page(lambda path=path: variant_page(path, base))  # type: ignore[misc]


def _page_number(query: dict[str, list[str]]) -> int:
    raw = query.get("page", ["1"])[0]
    return int(raw) if raw.isdigit() else 1


def serve() -> Iterator[FaultServer]:
    """The pytest fixture body: ``yield from serve()``."""
    with FaultServer() as server:
        yield server


# -- the toy network that crawls it ------------------------------------------------------------------


class FaultNetwork(Network):
    """One portal, the fault server (``127.0.0.1:PORT``), with PRMN's article rules and parser."""

    name = "faultnet"
    title = "Fault server"
    portals: ClassVar[dict[str, str | None]] = {}
    article_path = network_named("prmn").article_path
    parser = network_named("prmn").parser
    listing_paths = ("/terkini",)

    def portal_of(self, url: str) -> str | None:
        return urlsplit(url).netloc if self.owns(url) else None

    def portal_base(self, portal: str) -> str:
        return f"http://{portal}"

    def feed_urls(self, portal: str) -> list[str]:
        return [f"http://{portal}/rss", f"http://{portal}/rss-laughs", f"http://{portal}/rss-xxe"]

    def owns(self, url: str) -> bool:
        return host_of(url) == "127.0.0.1"


class FaultNetworkSpider(NetworkSpider):
    name = "faultnet"
    network = FaultNetwork()
