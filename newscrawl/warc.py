"""Record a crawl's HTTP responses to a WARC file, and replay a crawl from one offline.

Why downloader middlewares (installed by ``WarcAddon`` at 950/960, after every
stock middleware): replay answers last in ``process_request``, so robots.txt,
offsite, headers and cookies still apply and nothing reaches the downloader
(no slots, no delays); recording sees responses first in ``process_response``,
before HttpCompression decodes bodies and RedirectMiddleware consumes 3xx, so
the WARC keeps wire bodies and redirects, and replayed responses go back
through the same decompression/redirect chain as live ones.
"""

from __future__ import annotations

import csv
import logging
import socket
from dataclasses import dataclass
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, TYPE_CHECKING, Self
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url, safe_url_string
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

ARCHIVE_SETTING = "NEWSCRAWL_ARCHIVE_WARC"
REPLAY_SETTING = "NEWSCRAWL_REPLAY_WARC"

WARC_RECORDER_MIDDLEWARE = "newscrawl.warc.WarcRecorderMiddleware"
WARC_REPLAY_MIDDLEWARE = "newscrawl.warc.WarcReplayMiddleware"
WARC_ADDON = "newscrawl.warc.WarcAddon"
# Both must stay above HttpCacheMiddleware (900), the last stock middleware.
WARC_RECORDER_PRIORITY = 950
WARC_REPLAY_PRIORITY = 960

REPLAY_FLAG = "warc-replay"
STAT_HIT = "newscrawl/replay/hit"
STAT_MISSING = "newscrawl/replay/missing"
STAT_RECORDED = "newscrawl/archive/recorded"

MANIFEST_COLUMNS = ("url", "status", "content_type", "file", "location")
# Schemes that never touch the network; replay leaves them to their handlers.
_LOCAL_SCHEMES = ("data", "file")
# Stored bodies are already de-chunked / complete, so these would lie on replay.
_HOP_HEADERS = frozenset({"transfer-encoding", "connection", "keep-alive"})


@dataclass(frozen=True)
class WarcEntry:
    """One HTTP exchange to write with :func:`write_warc`."""

    url: str
    status: int = 200
    headers: dict[str, str] | None = None
    body: bytes = b""


@dataclass(frozen=True)
class WarcRecordRef:
    """Where a response record starts in the (per-record gzipped) WARC file."""

    offset: int
    length: int


# --------------------------------------------------------------------------
# Writing


def _decode_header(value: bytes) -> str:
    # Mirror warcio's reader (utf-8, else latin-1) so values round-trip.
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _status_line(status: int, protocol: str | None = None) -> str:
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    proto = protocol if protocol in ("HTTP/1.0", "HTTP/1.1") else "HTTP/1.1"
    return f"{proto} {status} {reason}".rstrip()


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _write_pair(
    writer: WARCWriter,
    url: str,
    *,
    status: int,
    headers: list[tuple[str, str]],
    body: bytes,
    method: str = "GET",
    request_headers: list[tuple[str, str]] | None = None,
    request_body: bytes = b"",
    protocol: str | None = None,
    ip_address: str | None = None,
) -> None:
    """Write one response record and its request record (linked by warcio)."""
    resp_headers: list[tuple[str, str]] = []
    for name, value in headers:
        lname = name.lower()
        if lname in _HOP_HEADERS:
            continue
        if lname == "content-length" and method != "HEAD":
            # The stored body is what we have, whatever the server announced.
            value = str(len(body))
        elif lname == "location":
            # warcio would %-encode a non-ASCII value wholesale (":" included);
            # pre-encode it the way Scrapy's RedirectMiddleware reads it.
            value = safe_url_string(value)
        resp_headers.append((name, value))
    if method != "HEAD" and not any(n.lower() == "content-length" for n, _ in resp_headers):
        resp_headers.append(("Content-Length", str(len(body))))

    warc_headers = {"WARC-IP-Address": ip_address} if ip_address else {}
    response_record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=StatusAndHeaders(_status_line(status, protocol), resp_headers, protocol=""),
        warc_headers_dict=warc_headers,
    )

    req_headers = [("Host", urlsplit(url).netloc)]
    req_headers += [(n, v) for n, v in (request_headers or []) if n.lower() != "host"]
    request_record = writer.create_warc_record(
        url,
        "request",
        payload=BytesIO(request_body),
        length=len(request_body),
        http_headers=StatusAndHeaders(
            f"{method} {_request_target(url)} HTTP/1.1",
            req_headers,
            is_http_request=True,
        ),
    )
    writer.write_request_response_pair(request_record, response_record)


def _write_warcinfo(writer: WARCWriter, path: Path) -> None:
    info = {
        "software": f"newscrawl (Scrapy {scrapy.__version__}, warcio)",
        "format": "WARC File Format 1.0",
        "hostname": socket.gethostname(),
    }
    writer.write_record(writer.create_warcinfo_record(path.name, info))


def _open_writer(path: Path) -> tuple[IO[bytes], WARCWriter]:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Appending is safe: each record is its own gzip member / WARC record.
    fh = path.open("ab")
    return fh, WARCWriter(fh, gzip=path.name.endswith(".gz"))


def write_warc(path: str | Path, entries: Iterable[WarcEntry]) -> int:
    """Append request+response record pairs for ``entries``; return how many."""
    path = Path(path)
    fh, writer = _open_writer(path)
    count = 0
    with fh:
        _write_warcinfo(writer, path)
        for entry in entries:
            _write_pair(
                writer,
                entry.url,
                status=entry.status,
                headers=list((entry.headers or {}).items()),
                body=entry.body,
                request_headers=[("User-Agent", "newscrawl-fixture")],
            )
            count += 1
    return count


def _manifest_entries(manifest: Path) -> list[WarcEntry]:
    base = manifest.parent
    entries: list[WarcEntry] = []
    header_seen = False
    with manifest.open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            where = f"{manifest}:{lineno}"
            if not header_seen:
                if tuple(f.strip() for f in fields) not in (
                    MANIFEST_COLUMNS,
                    MANIFEST_COLUMNS[:4],
                ):
                    expected = "\t".join(MANIFEST_COLUMNS)
                    raise ValueError(f"{where}: expected header {expected!r}, got {line!r}")
                header_seen = True
                continue
            if len(fields) not in (4, 5):
                raise ValueError(f"{where}: expected 4 or 5 tab-separated fields, got {len(fields)}: {line!r}")
            url, status_text, content_type, file_name = (f.strip() for f in fields[:4])
            location = fields[4].strip() if len(fields) == 5 else ""
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"{where}: not an http(s) URL: {url!r}")
            try:
                status = int(status_text)
            except ValueError:
                raise ValueError(f"{where}: bad status {status_text!r}") from None
            if not 100 <= status <= 599:
                raise ValueError(f"{where}: bad status {status}")
            if status in (301, 302, 303, 307, 308) and not location:
                raise ValueError(f"{where}: redirect {status} needs a location")
            body = b""
            if file_name:
                try:
                    body = (base / file_name).read_bytes()
                except OSError as exc:
                    raise ValueError(f"{where}: cannot read {file_name!r}: {exc}") from exc
            headers: dict[str, str] = {}
            if content_type:
                headers["Content-Type"] = content_type
            if location:
                headers["Location"] = location
            entries.append(WarcEntry(url, status, headers, body))
    if not header_seen:
        raise ValueError(f"{manifest}: empty manifest (no header line)")
    return entries


def build_warc_from_manifest(manifest: str | Path, out: str | Path) -> int:
    """Write a WARC from a TSV manifest (url, status, content_type, file, location).

    ``file`` is relative to the manifest's folder (empty = empty body);
    ``#`` lines are comments.  Raises ``ValueError`` naming the bad line.
    """
    # Validate everything before touching ``out`` so a bad manifest leaves no file.
    entries = _manifest_entries(Path(manifest))
    return write_warc(out, entries)


# --------------------------------------------------------------------------
# Reading


def read_warc_index(path: str | Path) -> dict[str, WarcRecordRef]:
    """Map each HTTP response record's target URI to its place in the file.

    A URL recorded more than once maps to its last record (the newest when a
    file was appended to, and the final answer after retries).  ``revisit``
    records are skipped: they carry no body.
    """
    index: dict[str, WarcRecordRef] = {}
    with Path(path).open("rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            url = record.rec_headers.get_header("WARC-Target-URI")
            wanted = (
                record.rec_type == "response"
                and record.http_headers is not None
                and url
                and url.startswith(("http://", "https://"))
            )
            if wanted:
                index[url] = WarcRecordRef(records.get_record_offset(), records.get_record_length())
    return index


def _canonical(url: str) -> str:
    return canonicalize_url(url, keep_fragments=False)


class WarcArchive:
    """An indexed WARC: look URLs up, then load only the records needed."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._exact = read_warc_index(self.path)
        # Scrapy may re-order query args or drop a trailing "?", etc.
        self._canonical = {_canonical(u): ref for u, ref in self._exact.items()}
        self._fh: IO[bytes] | None = None

    def __len__(self) -> int:
        return len(self._exact)

    def lookup(self, url: str) -> WarcRecordRef | None:
        ref = self._exact.get(url)
        if ref is None:
            ref = self._canonical.get(_canonical(url))
        return ref

    def load(self, ref: WarcRecordRef) -> tuple[int, list[tuple[str, str]], bytes]:
        """Return (status, headers, body) with the body as stored (still encoded)."""
        if self._fh is None:
            self._fh = self.path.open("rb")
        self._fh.seek(ref.offset)
        record = next(iter(ArchiveIterator(self._fh)))
        http = record.http_headers
        headers: list[tuple[str, str]] = list(http.headers)
        if (http.get_header("transfer-encoding") or "").lower() == "chunked":
            # Archives from other tools may hold the chunked wire framing.
            body = ChunkedDataReader(record.raw_stream).read()
        else:
            body = record.raw_stream.read()
        headers = [(n, v) for n, v in headers if n.lower() not in _HOP_HEADERS]
        return int(http.get_statuscode()), headers, body

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --------------------------------------------------------------------------
# Scrapy components


def _stats(crawler: Crawler) -> StatsCollector:
    assert crawler.stats is not None
    return crawler.stats


class WarcRecorderMiddleware:
    """Append every response the crawl receives (and its request) to a WARC."""

    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path
        self._fh: IO[bytes] | None = None
        self._writer: WARCWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get(ARCHIVE_SETTING)
        if not path:
            raise NotConfigured
        replay = crawler.settings.get(REPLAY_SETTING)
        if replay and Path(replay).resolve() == Path(path).resolve():
            raise NotConfigured(f"{ARCHIVE_SETTING} must differ from {REPLAY_SETTING}")
        mw = cls(crawler, Path(path))
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.close, signal=signals.spider_closed)
        crawler.signals.connect(mw.close, signal=signals.engine_stopped)
        return mw

    def spider_opened(self) -> None:
        self._ensure_open()

    def _ensure_open(self) -> WARCWriter:
        if self._writer is None:
            self._fh, self._writer = _open_writer(self.path)
            _write_warcinfo(self._writer, self.path)
            logger.info("Recording responses to WARC %s", self.path)
        return self._writer

    def process_response(self, request: Request, response: Response) -> Response:
        if urlsplit(response.url).scheme not in ("http", "https"):
            return response
        ip = response.ip_address
        _write_pair(
            self._ensure_open(),
            response.url,
            status=response.status,
            headers=[(_decode_header(k), _decode_header(v)) for k, values in response.headers.items() for v in values],
            body=response.body,
            method=request.method,
            request_headers=[
                (_decode_header(k), _decode_header(v)) for k, values in request.headers.items() for v in values
            ],
            request_body=request.body,
            protocol=response.protocol,
            ip_address=str(ip) if ip is not None else None,
        )
        _stats(self.crawler).inc_value(STAT_RECORDED)
        return response

    def close(self) -> None:
        # warcio flushes after each record, so the file is complete already;
        # this only releases the handle (spider_closed, or engine_stopped on abort).
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self._writer = None


class WarcReplayMiddleware:
    """Answer every http(s) request from a WARC; unknown URLs get a 404."""

    def __init__(self, crawler: Crawler, archive: WarcArchive) -> None:
        self.crawler = crawler
        self.archive = archive
        self._warned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get(REPLAY_SETTING)
        if not path:
            raise NotConfigured
        # Loaded once per crawl; a missing/corrupt file fails the crawl loudly
        # instead of silently answering 404 to everything.
        archive = WarcArchive(path)
        logger.info("Replaying from WARC %s (%d URLs)", path, len(archive))
        mw = cls(crawler, archive)
        crawler.signals.connect(archive.close, signal=signals.spider_closed)
        crawler.signals.connect(archive.close, signal=signals.engine_stopped)
        return mw

    def process_request(self, request: Request) -> Response | None:
        if urlsplit(request.url).scheme in _LOCAL_SCHEMES:
            return None
        stats = _stats(self.crawler)
        ref = self.archive.lookup(request.url)
        if ref is None:
            stats.inc_value(STAT_MISSING)
            if request.url not in self._warned:
                self._warned.add(request.url)
                logger.warning(
                    "Replay: %s is not in %s, answering 404",
                    request.url,
                    self.archive.path,
                )
            return Response(request.url, status=404, request=request, flags=[REPLAY_FLAG])
        status, header_list, body = self.archive.load(ref)
        headers = Headers(header_list)
        stats.inc_value(STAT_HIT)
        # Same class guessing as the HTTP download handler, so spiders get the
        # HtmlResponse/TextResponse they would get live.
        respcls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return respcls(
            url=request.url,
            status=status,
            headers=headers,
            body=body,
            flags=[REPLAY_FLAG],
            request=request,
            protocol="HTTP/1.1",
        )


class WarcAddon:
    """Scrapy add-on installing both middlewares at their intended priorities.

    Each middleware stays inert (``NotConfigured``) unless its setting is set.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        settings.setdefault_in_component_priority_dict(
            "DOWNLOADER_MIDDLEWARES", WarcRecorderMiddleware, WARC_RECORDER_PRIORITY
        )
        settings.setdefault_in_component_priority_dict(
            "DOWNLOADER_MIDDLEWARES", WarcReplayMiddleware, WARC_REPLAY_PRIORITY
        )


__all__ = [
    "ARCHIVE_SETTING",
    "REPLAY_SETTING",
    "STAT_HIT",
    "STAT_MISSING",
    "STAT_RECORDED",
    "WARC_ADDON",
    "WARC_RECORDER_MIDDLEWARE",
    "WARC_RECORDER_PRIORITY",
    "WARC_REPLAY_MIDDLEWARE",
    "WARC_REPLAY_PRIORITY",
    "WarcAddon",
    "WarcArchive",
    "WarcEntry",
    "WarcRecordRef",
    "WarcRecorderMiddleware",
    "WarcReplayMiddleware",
    "build_warc_from_manifest",
    "read_warc_index",
    "write_warc",
]
