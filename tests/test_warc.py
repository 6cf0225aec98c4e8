"""Offline tests for WARC recording and replay (newscrawl.warc), using real Scrapy crawls."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from warcio.archiveiterator import ArchiveIterator

from newscrawl.warc import (
    REPLAY_FLAG,
    STAT_HIT,
    STAT_MISSING,
    STAT_RECORDED,
    WARC_RECORDER_PRIORITY,
    WARC_REPLAY_PRIORITY,
    WarcAddon,
    WarcArchive,
    WarcEntry,
    WarcRecorderMiddleware,
    WarcReplayMiddleware,
    build_warc_from_manifest,
    read_warc_index,
    write_warc,
)
from tests.crawling import RUNNER

REPO_ROOT = Path(__file__).resolve().parents[1]

# The spider runs in a fresh interpreter per crawl: Twisted reactors cannot be
# restarted inside one pytest process.  Settings are passed with -s, so the
# test does not depend on the project's settings.py.
SPIDER_SOURCE = """
import json

import scrapy
from scrapy.http import TextResponse


class WarcTestSpider(scrapy.Spider):
    name = "warctest"
    handle_httpstatus_list = [404]

    def __init__(self, start_url, extra="", stats_out="", **kwargs):
        super().__init__(**kwargs)
        self.start_url = start_url
        self.extra = [u for u in extra.split(" ") if u]
        self.stats_out = stats_out

    async def start(self):
        yield scrapy.Request(self.start_url, callback=self.parse)
        for url in self.extra:
            yield scrapy.Request(url, callback=self.parse_extra, dont_filter=True)

    def item(self, response):
        text = isinstance(response, TextResponse)
        return {
            "url": response.url,
            "status": response.status,
            "title": response.css("title::text").get() if text else None,
            "redirect_urls": response.meta.get("redirect_urls", []),
            "flags": response.flags,
        }

    def parse(self, response):
        yield self.item(response)
        if isinstance(response, TextResponse):
            for href in response.css("a::attr(href)").getall():
                yield response.follow(href, callback=self.parse)

    def parse_extra(self, response):
        yield {**self.item(response), "extra": True}

    def closed(self, reason):
        with open(self.stats_out, "w") as fh:
            json.dump(self.crawler.stats.get_stats(), fh, default=str)
"""

GZ_HTML = b"<html><head><title>Gzipped</title></head><body>kompres</body></html>"
CHUNKS = [b"<html><head><title>Chunked</title></head>", b"<body>potongan</body></html>"]


def _page(title: str, links: tuple[str, ...] = ()) -> bytes:
    anchors = "".join(f'<a href="{href}">{href}</a>' for href in links)
    return f"<html><head><title>{title}</title></head><body>{anchors}</body></html>".encode()


PAGES: dict[str, bytes] = {
    "/index.html": _page("Index", ("a.html", "gz.html", "chunked.html", "old", "temp", "q?b=2&a=1")),
    "/a.html": _page("A"),
    "/c.html": _page("C"),
    "/d.html": _page("D"),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # needed for the chunked page

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest output clean

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path in PAGES:
            self._send(200, PAGES[path], html)
        elif path == "/gz.html":
            self._send(200, gzip.compress(GZ_HTML), {**html, "Content-Encoding": "gzip"})
        elif path == "/chunked.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in [*CHUNKS, b""]:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        elif path == "/old":  # relative Location
            self._send(301, b"", {"Location": "/c.html"})
        elif path == "/temp":  # absolute Location
            host = self.headers["Host"]
            self._send(302, b"", {"Location": f"http://{host}/d.html"})
        elif path == "/q":
            self._send(200, _page(f"Q {query}"), html)
        else:
            self._send(404, b"not found", {"Content-Type": "text/plain"})


@dataclass
class CrawlResult:
    items: list[dict[str, Any]]
    stats: dict[str, Any]
    log: str


def run_crawl(
    tmp: Path,
    name: str,
    start_url: str,
    settings: dict[str, Any],
    extra: tuple[str, ...] = (),
) -> CrawlResult:
    """Run the test spider with ``scrapy runspider`` in a subprocess."""
    spider_file = tmp / "warc_test_spider.py"
    spider_file.write_text(SPIDER_SOURCE)
    items_file = tmp / f"{name}.jsonl"
    stats_file = tmp / f"{name}.stats.json"
    all_settings = {
        "LOG_LEVEL": "INFO",
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "DOWNLOAD_TIMEOUT": 10,
        **settings,
    }
    cmd = [
        sys.executable,
        "-c",
        RUNNER,
        "runspider",
        str(spider_file),
        "-O",
        str(items_file),
        "-a",
        f"start_url={start_url}",
        "-a",
        f"extra={' '.join(extra)}",
        "-a",
        f"stats_out={stats_file}",
    ]
    for key, value in all_settings.items():
        value = json.dumps(value) if isinstance(value, (dict, bool)) else str(value)
        cmd += ["-s", f"{key}={value}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}  # keep any project settings module out
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr[-5000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-5000:]
    assert "DeprecationWarning" not in proc.stderr, proc.stderr[-5000:]
    lines = items_file.read_text().splitlines()
    return CrawlResult(
        items=[json.loads(line) for line in lines],
        stats=json.loads(stats_file.read_text()),
        log=proc.stderr,
    )


def _main_items(result: CrawlResult) -> list[dict[str, Any]]:
    """Items of the start page crawl, minus the flags (which differ on replay)."""
    items = [{k: v for k, v in i.items() if k != "flags"} for i in result.items]
    return sorted((i for i in items if not i.get("extra")), key=lambda i: i["url"])


def _warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if "WARNING" in line]


@dataclass
class Recording:
    base: str
    warc: Path
    result: CrawlResult


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recording]:
    """Record a crawl of a local site, then stop the site for the replay tests."""
    tmp = tmp_path_factory.mktemp("record")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    warc = tmp / "site.warc.gz"
    try:
        result = run_crawl(
            tmp,
            "record",
            f"{base}/index.html",
            {
                "NEWSCRAWL_ARCHIVE_WARC": str(warc),
                "DOWNLOADER_MIDDLEWARES": {"newscrawl.warc.WarcRecorderMiddleware": WARC_RECORDER_PRIORITY},
                "ROBOTSTXT_OBEY": False,
            },
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    yield Recording(base, warc, result)


@pytest.fixture(scope="module")
def replay(recording: Recording, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """Replay the recording (site is down), plus URL variants and a missing URL."""
    base = recording.base
    return run_crawl(
        tmp_path_factory.mktemp("replay"),
        "replay",
        f"{base}/index.html",
        {
            "NEWSCRAWL_REPLAY_WARC": str(recording.warc),
            "ADDONS": {"newscrawl.warc.WarcAddon": 0},
            "ROBOTSTXT_OBEY": True,  # and the WARC has no robots.txt
        },
        extra=(
            f"{base}/q?a=1&b=2",  # recorded as ?b=2&a=1
            f"{base}/a.html#top",
            f"{base}/missing.html",
            f"{base}/missing.html",
        ),
    )


def _records(path: Path) -> list[dict[str, Any]]:
    out = []
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, check_digests=True):
            http = record.http_headers
            out.append(
                {
                    "type": record.rec_type,
                    "uri": record.rec_headers.get_header("WARC-Target-URI"),
                    "date": record.rec_headers.get_header("WARC-Date"),
                    "id": record.rec_headers.get_header("WARC-Record-ID"),
                    "concurrent": record.rec_headers.get_header("WARC-Concurrent-To"),
                    "statusline": http.protocol + " " + http.statusline if http else None,
                    "status": int(http.get_statuscode()) if record.rec_type == "response" else None,
                    "headers": {k.lower(): v for k, v in http.headers} if http else {},
                    "raw": record.raw_stream.read() if http else b"",
                }
            )
    return out


def test_record_writes_complete_warc(recording: Recording) -> None:
    base = recording.base
    assert len(recording.result.items) == 7
    records = _records(recording.warc)  # check_digests: digests and framing valid
    assert records[0]["type"] == "warcinfo"
    responses = {r["uri"]: r for r in records if r["type"] == "response"}
    requests = {r["uri"]: r for r in records if r["type"] == "request"}
    paths = ["/index.html", "/a.html", "/gz.html", "/chunked.html", "/old", "/c.html"]
    paths += ["/temp", "/d.html", "/q?b=2&a=1"]
    assert sorted(responses) == sorted(base + p for p in paths)
    assert recording.result.stats[STAT_RECORDED] == len(paths)
    for uri, resp in responses.items():
        assert resp["date"]
        req = requests[uri]
        assert req["concurrent"] == resp["id"]
        assert req["statusline"].startswith("GET /")
        assert req["headers"]["host"] == base.removeprefix("http://")
        assert "user-agent" in req["headers"]

    index = responses[f"{base}/index.html"]
    assert index["statusline"] == "HTTP/1.1 200 OK"
    assert index["headers"]["content-type"] == "text/html; charset=utf-8"
    assert b"<title>Index</title>" in index["raw"]
    # Body kept as received: still gzip, with its Content-Encoding header.
    gz = responses[f"{base}/gz.html"]
    assert gz["headers"]["content-encoding"] == "gzip"
    assert gzip.decompress(gz["raw"]) == GZ_HTML
    assert int(gz["headers"]["content-length"]) == len(gz["raw"])
    # The chunked framing is gone from the body, so its header must be too.
    chunked = responses[f"{base}/chunked.html"]
    assert "transfer-encoding" not in chunked["headers"]
    assert chunked["raw"] == b"".join(CHUNKS)
    assert int(chunked["headers"]["content-length"]) == len(chunked["raw"])
    # Redirects are recorded themselves, not only their targets.
    assert responses[f"{base}/old"]["status"] == 301
    assert responses[f"{base}/old"]["headers"]["location"] == "/c.html"
    assert responses[f"{base}/temp"]["status"] == 302


def test_replay_gives_same_items_without_network(recording: Recording, replay: CrawlResult) -> None:
    assert _main_items(replay) == _main_items(recording.result)
    assert all(i["status"] == 200 for i in _main_items(replay))
    # The site is down: any real fetch would have failed with an exception.
    assert not any(k.startswith("downloader/exception") for k in replay.stats)
    # 9 recorded responses + 2 URL variants served from the archive.
    assert replay.stats[STAT_HIT] == 11
    assert replay.stats["httpcompression/response_count"] == 1
    assert all(i["flags"] == [REPLAY_FLAG] for i in replay.items)
    assert not any(i["flags"] for i in recording.result.items)


def test_replay_tolerates_trivial_url_differences(recording: Recording, replay: CrawlResult) -> None:
    base = recording.base
    extras = {i["url"]: i for i in replay.items if i.get("extra")}
    assert extras[f"{base}/q?a=1&b=2"]["title"] == "Q b=2&a=1"
    assert extras[f"{base}/a.html#top"]["title"] == "A"  # fragment


def test_replay_missing_url_is_404_with_warning_and_stat(recording: Recording, replay: CrawlResult) -> None:
    base = recording.base
    missing = [i for i in replay.items if i["url"] == f"{base}/missing.html"]
    assert [i["status"] for i in missing] == [404, 404]
    warnings = _warnings(replay.log)
    assert len([w for w in warnings if "missing.html" in w]) == 1  # once per URL
    assert len([w for w in warnings if "/robots.txt" in w]) == 1
    # robots.txt (absent from the WARC -> 404 -> all allowed) + 2 x missing.html
    assert replay.stats[STAT_MISSING] == 3
    assert replay.stats["robotstxt/response_status_count/404"] == 1
    assert "robotstxt/forbidden" not in replay.stats


def test_replay_follows_recorded_redirects(recording: Recording, replay: CrawlResult) -> None:
    base = recording.base
    items = {i["url"]: i for i in _main_items(replay)}
    assert items[f"{base}/c.html"]["redirect_urls"] == [f"{base}/old"]
    assert items[f"{base}/c.html"]["title"] == "C"
    assert items[f"{base}/d.html"]["redirect_urls"] == [f"{base}/temp"]
    assert replay.stats["downloader/response_status_count/301"] == 1
    assert replay.stats["downloader/response_status_count/302"] == 1


MANIFEST = """\
# Fixture site for the replay test; robots.txt is served from the archive.
url\tstatus\tcontent_type\tfile\tlocation
http://news.test/robots.txt\t200\ttext/plain\trobots.txt\t
http://news.test/\t200\ttext/html; charset=utf-8\thome.html\t

# a redirect has no body
http://news.test/go\t302\t\t\thttp://news.test/story.html
http://news.test/story.html\t200\ttext/html\tstory.html
http://news.test/private/x.html\t200\ttext/html\tstory.html
http://news.test/gone.html\t404\ttext/html\t
"""


def _write_manifest(folder: Path, manifest: str = MANIFEST) -> Path:
    (folder / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (folder / "home.html").write_text(
        '<html><head><title>Beranda</title></head><body><a href="/go">go</a>'
        '<a href="/private/x.html">x</a></body></html>'
    )
    (folder / "story.html").write_text("<html><head><title>Berita</title></head></html>")
    path = folder / "manifest.tsv"
    path.write_text(manifest)
    return path


def test_build_warc_from_manifest_round_trip(tmp_path: Path) -> None:
    manifest = _write_manifest(tmp_path)
    out = tmp_path / "fixture.warc.gz"
    assert build_warc_from_manifest(manifest, out) == 6
    index = read_warc_index(out)
    assert len(index) == 6
    with WarcArchive(out) as archive:
        status, headers, body = archive.load(index["http://news.test/"])
        assert status == 200
        assert ("Content-Type", "text/html; charset=utf-8") in headers
        assert body == (tmp_path / "home.html").read_bytes()
        status, headers, body = archive.load(index["http://news.test/go"])
        assert (status, body) == (302, b"")
        assert ("Location", "http://news.test/story.html") in headers
        assert not any(name == "Content-Type" for name, _ in headers)
        status, _, body = archive.load(index["http://news.test/gone.html"])
        assert (status, body) == (404, b"")
    requests = [r for r in _records(out) if r["type"] == "request"]
    assert len(requests) == 6


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("http://news.test/a\tabc\ttext/html\t\t", "bad status"),
        ("http://news.test/a\t200", "expected 4 or 5"),
        ("http://news.test/a\t301\t\t\t", "redirect 301 needs a location"),
        ("http://news.test/a\t200\ttext/html\tnope.html\t", "cannot read"),
        ("news.test/a\t200\t\t\t", "not an http"),
    ],
)
def test_build_warc_from_manifest_rejects_bad_line(tmp_path: Path, bad_line: str, message: str) -> None:
    manifest = _write_manifest(tmp_path, MANIFEST + bad_line + "\n")
    out = tmp_path / "bad.warc.gz"
    bad_lineno = MANIFEST.count("\n") + 1
    with pytest.raises(ValueError, match=f"manifest.tsv:{bad_lineno}: {message}"):
        build_warc_from_manifest(manifest, out)
    assert not out.exists()


def test_build_warc_from_manifest_requires_header(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.tsv"
    manifest.write_text("# no header\nhttp://news.test/\t200\t\t\t\n")
    with pytest.raises(ValueError, match=r"manifest\.tsv:2: expected header"):
        build_warc_from_manifest(manifest, tmp_path / "out.warc.gz")


def test_replay_of_manifest_archive_obeys_archived_robots(tmp_path: Path) -> None:
    warc = tmp_path / "fixture.warc.gz"
    build_warc_from_manifest(_write_manifest(tmp_path), warc)
    result = run_crawl(
        tmp_path,
        "manifest",
        "http://news.test/",  # never resolved: replay answers before any DNS
        {
            "NEWSCRAWL_REPLAY_WARC": str(warc),
            "ADDONS": {"newscrawl.warc.WarcAddon": 0},
            "ROBOTSTXT_OBEY": True,
        },
    )
    items = {i["url"]: i for i in result.items}
    assert sorted(items) == ["http://news.test/", "http://news.test/story.html"]
    assert items["http://news.test/story.html"]["title"] == "Berita"
    assert items["http://news.test/story.html"]["redirect_urls"] == ["http://news.test/go"]
    assert result.stats["robotstxt/forbidden"] == 1
    assert result.stats[STAT_HIT] == 4  # robots.txt, /, /go, /story.html
    assert STAT_MISSING not in result.stats
    assert _warnings(result.log) == []


def test_write_warc_appends(tmp_path: Path) -> None:
    out = tmp_path / "a.warc.gz"
    assert write_warc(out, [WarcEntry("http://x.test/1", body=b"one")]) == 1
    assert (
        write_warc(
            out,
            [WarcEntry("http://x.test/1", body=b"new"), WarcEntry("http://x.test/2")],
        )
        == 2
    )
    with WarcArchive(out) as archive:
        assert len(archive) == 2
        ref = archive.lookup("http://x.test/1")
        assert ref is not None
        assert archive.load(ref)[2] == b"new"  # last record wins
        assert archive.lookup("http://x.test/3") is None


def test_components_inert_without_settings() -> None:
    crawler = Crawler(Spider, Settings())
    with pytest.raises(NotConfigured) as rec:
        WarcRecorderMiddleware.from_crawler(crawler)
    assert not rec.value.args  # silent: Scrapy logs nothing for arg-less NotConfigured
    with pytest.raises(NotConfigured) as rep:
        WarcReplayMiddleware.from_crawler(crawler)
    assert not rep.value.args


def test_addon_installs_middlewares_after_stock_ones() -> None:
    settings = Settings()
    WarcAddon().update_settings(settings)
    mws = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert mws[WarcRecorderMiddleware] == WARC_RECORDER_PRIORITY
    assert mws[WarcReplayMiddleware] == WARC_REPLAY_PRIORITY
    stock = settings.getdict("DOWNLOADER_MIDDLEWARES_BASE").values()
    assert WARC_REPLAY_PRIORITY > WARC_RECORDER_PRIORITY > max(stock)
