"""The one base spider: shared arguments, whole-article assembly over pages, drop accounting.

Network spiders subclass it, name a network module, and add discovery; ``generic`` uses it as is.
"""

from __future__ import annotations

import stat
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from newscrawl.distributed import seed_once
from newscrawl.errors import Refused
from newscrawl.incremental import open_state
from newscrawl.items import FIELD_NAMES, ArticleItem
from newscrawl.middlewares import failure_reason
from newscrawl.record import ParsedPage, merge_pages, parse_page
from newscrawl.sites import GENERIC, network_for
from newscrawl.sites.base import Network
from newscrawl.state import DeliveredStore
from newscrawl.urls import host_of

#: a urls_file larger than this is refused: at ~150 bytes a URL it is some 50,000 articles
MAX_URLS_FILE_BYTES = 8 * 1024 * 1024
#: host prefixes that name the same site (``www.example.id`` is ``example.id``)
_SAME_SITE_PREFIXES = ("www.", "m.", "amp.")


class ArgumentError(ValueError):
    """A spider argument is unusable (missing file, bad URL)."""


def read_urls_file(path: str) -> list[str]:
    """URLs from a file, one per line; blank lines and ``#`` comments skipped.

    The file must be a regular file (not a FIFO, device or directory) of at most ``MAX_URLS_FILE_BYTES``,
    in UTF-8; every line must be an http(s) URL (checked by the spider). Anything else is an ArgumentError.
    """
    file = Path(path)
    try:
        info = file.stat()
    except OSError as exc:
        raise ArgumentError(f"urls_file {path!r} is not a readable file ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ArgumentError(f"urls_file {path!r} is not a readable file (not a regular file)")
    if info.st_size > MAX_URLS_FILE_BYTES:
        raise ArgumentError(f"urls_file {path!r} is {info.st_size} bytes, over the {MAX_URLS_FILE_BYTES}-byte limit")
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_URLS_FILE_BYTES + 1)
    except OSError as exc:
        raise ArgumentError(f"urls_file {path!r} is not a readable file ({exc.strerror})") from None
    if len(data) > MAX_URLS_FILE_BYTES:  # grew after the stat
        raise ArgumentError(f"urls_file {path!r} is over the {MAX_URLS_FILE_BYTES}-byte limit")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArgumentError(f"urls_file {path!r} is not UTF-8 (line {line}, byte {exc.start})") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def check_url(url: str) -> str:
    """``url`` when it is an absolute http(s) URL with a host and no spaces or control characters."""
    if not url.startswith(("http://", "https://")):
        raise ArgumentError(f"not an http(s) URL: {url!r}")
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise ArgumentError(f"URL contains spaces or control characters: {url!r}")
    try:
        host = host_of(url)
    except ValueError:
        host = ""
    if not host:
        raise ArgumentError(f"URL has no host: {url!r}")
    return url


def site_key(host: str) -> str:
    """A host without the prefixes that name the same site (``www.``, ``m.``, ``amp.``)."""
    host = host.lower().rstrip(".")
    for prefix in _SAME_SITE_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def flag_arg(name: str, value: str | None) -> bool:
    """``-a name=1`` style switches: 1/true/yes on, 0/false/no/empty off."""
    text = (value or "").strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    raise ArgumentError(f"{name}={value!r}: use 1 or 0")


def split_arg(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class NewsSpider(scrapy.Spider):
    """Base for every spider: ``-a urls=``, ``-a urls_file=``, ``-a sites=``."""

    #: the network module this spider crawls; GENERIC accepts any URL
    network: Network = GENERIC

    def __init__(
        self,
        urls: str | None = None,
        urls_file: str | None = None,
        sites: str | None = None,
        *args: Any,
        refresh: str | None = None,
        reset_state: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.refresh = flag_arg("refresh", refresh)
        self.reset_state = flag_arg("reset_state", reset_state)
        # Not ``state``: Scrapy sets spider.state to its JOBDIR dict at spider_opened.
        self.seen_store: DeliveredStore | None = None
        self.start_urls_given = split_arg(urls)
        if urls_file:
            self.start_urls_given += read_urls_file(urls_file)
        for url in self.start_urls_given:
            check_url(url)
        #: sites of the URLs given (-a urls / urls_file) and the networks that own them: see may_fetch
        self.given_sites = {site_key(host_of(url)) for url in self.start_urls_given}
        self.given_networks = {network_for(url) for url in self.start_urls_given} - {GENERIC}
        self.sites = [h.lower().removeprefix("https://").removeprefix("http://").strip("/") for h in split_arg(sites)]
        self.started = datetime.now(UTC)
        # Used in the FEEDS path: <data dir>/<spider>/<run_date>/<run_id>.jsonl
        self.run_date = self.started.strftime("%Y-%m-%d")
        self.run_id = self.started.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Before anything is fetched: an unwritable data dir or a second run of this spider stops here.
        spider.seen_store = open_state(crawler, spider)
        return spider

    # -- start -----------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        # A distributed crawl (NEWSCRAWL_REDIS_URL) is seeded by one of its workers only; otherwise unchanged.
        async for obj in seed_once(self, self.seeds()):
            yield obj

    async def seeds(self) -> AsyncIterator[Any]:
        """The crawl's start requests: the given URLs' articles, else the spider's discovery."""
        for url in self.start_urls_given:
            yield self.article_request(url)
        if not self.start_urls_given:
            for request in self.discovery_requests():
                yield request

    def discovery_requests(self) -> Iterable[Request]:
        """Requests that find article URLs; the generic spider has none (it needs urls)."""
        self.logger.warning("%s: no urls given (-a urls=... or -a urls_file=...), nothing to crawl", self.name)
        return ()

    # -- articles --------------------------------------------------------------------------------

    def network_for(self, url: str) -> Network:
        return self.network if self.network is not GENERIC else network_for(url)

    def may_fetch(self, url: str) -> bool:
        """Whether this crawl may request ``url`` (``newscrawl.middlewares`` refuses every other request and
        redirect): hosts of the spider's network, and the sites and networks of the URLs it was given."""
        try:
            host = host_of(url)
        except ValueError:
            return False
        if not host:
            return False
        if self.network is not GENERIC and self.network.owns(url):
            return True
        return site_key(host) in self.given_sites or any(net.owns(url) for net in self.given_networks)

    def article_request(self, url: str, **meta: Any) -> Request:
        """Request an article by any of its URLs: the full-text form of its page-1 URL first."""
        net = self.network_for(url)
        canonical = net.canonicalize(url)
        target = net.full_text_url(canonical) or canonical
        return Request(
            target,
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"canonical": canonical, "pages": []},
            meta={"newscrawl_article": canonical, **meta},
        )

    def _stat(self, key: str, count: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key, count)

    def refuse(self, reason: str, detail: str, url: str) -> None:
        """Count and log a page that yields no record."""
        self._stat(f"newscrawl/dropped/{reason}")
        self.logger.warning("dropped %s: %s <%s>", reason, detail, url)

    def parse_article(self, response: Response, canonical: str, pages: list[ParsedPage]) -> Iterator[Any]:
        net = self.network_for(canonical)
        try:
            parsed = parse_page(
                response.body,
                response.url,
                content_type=(response.headers.get("Content-Type") or b"").decode("latin-1") or None,
                network=net,
            )
        except Refused as exc:
            if pages:
                # A later page that is not an article: keep what we have only if it is whole.
                self.refuse("page_unreadable", f"page {len(pages) + 1}: {exc.detail}", response.url)
            else:
                self.refuse(exc.reason, exc.detail, response.url)
            return
        for field_name in parsed.fallbacks:
            self._stat(f"newscrawl/fallback/{net.name or 'generic'}/{field_name}")
        # Which layer found the text: network / generic selectors, text density, the library, or captions.
        self._stat(f"newscrawl/body_layer/{parsed.body_layer}")

        if pages and set(parsed.paragraphs) <= {p for page in pages for p in page.paragraphs}:
            # The pager points back at a page we have (a loop): stop, and do not write a partial article.
            self.refuse("pager_loop", f"page {len(pages) + 1} repeats earlier pages", response.url)
            return
        pages = [*pages, parsed]
        pagination = parsed.pagination
        total = max(p.pagination.total for p in pages)
        limit = self.settings.getint("NEWSCRAWL_MAX_ARTICLE_PAGES", 30)
        if total > limit:
            self._stat("newscrawl/pages_capped")
            self.logger.warning("%s claims %d pages; reading the first %d", canonical, total, limit)
            total = limit
        if len(pages) == 1 and (pagination.complete or total <= 1):
            yield self.finish_article(pages, canonical)
            return
        if len(pages) == 1 and response.url == net.full_text_url(canonical):
            # The portal answered ?page=all with page 1 of several: follow the pages instead.
            self._stat(f"newscrawl/full_text_ignored/{net.name}")
        next_number = len(pages) + 1
        if next_number > total:
            yield self.finish_article(pages, canonical)
            return
        # The pager's own link when it names the page (SINDOnews may number page URLs by offset), else the
        # network's page-URL rule.
        linked = {n: u for page in pages for n, u in page.pagination.links.items() if net.canonicalize(u) == canonical}
        next_url = linked.get(next_number) or net.page_url(canonical, next_number)
        yield Request(
            next_url,
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"canonical": canonical, "pages": pages},
            meta={"newscrawl_article": canonical, "newscrawl_page": next_number},
            dont_filter=True,
        )

    def finish_article(self, pages: list[ParsedPage], canonical: str) -> ArticleItem:
        record = merge_pages(pages)
        net = pages[0].network
        if not record.get("url") or (net is not GENERIC and not net.is_article_url(record["url"])):
            record["url"] = canonical
        self._stat("newscrawl/articles_assembled")
        if len(pages) > 1:
            self._stat("newscrawl/multipage_articles")
        values: dict[str, Any] = {name: record.get(name) for name in FIELD_NAMES}
        return ArticleItem(**values)

    def article_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        canonical = request.cb_kwargs.get("canonical", request.url)
        pages: list[ParsedPage] = request.cb_kwargs.get("pages", [])
        net = self.network_for(canonical)
        if (
            not pages
            and request.url != canonical
            and request.url == net.full_text_url(canonical)
            and failure_reason(failure) != "rate_limited"  # the host asked for no more requests for now
        ):
            # The portal refused the full-text form: ask for the plain page 1 instead.
            self._stat(f"newscrawl/fallback/{net.name or 'generic'}/full_text")
            yield Request(
                canonical,
                callback=self.parse_article,
                errback=self.article_failed,
                cb_kwargs={"canonical": canonical, "pages": []},
                meta={"newscrawl_article": canonical},
                dont_filter=True,
            )
            return
        reason = failure_reason(failure)
        message = failure.getErrorMessage() or type(failure.value).__name__
        if pages:
            # A later page could not be fetched: the article is not written incomplete.
            self.refuse("page_missing", f"page {len(pages) + 1}: {reason}: {message}", request.url)
        else:
            self.refuse(reason, message, request.url)
