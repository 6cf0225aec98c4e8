"""The one base spider: shared arguments, whole-article assembly over pages, drop accounting.

Network spiders subclass it, name a network module, and add discovery; ``generic`` uses it as is.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from newscrawl.errors import Refused
from newscrawl.incremental import open_state
from newscrawl.items import FIELD_NAMES, ArticleItem
from newscrawl.record import ParsedPage, merge_pages, parse_page
from newscrawl.sites import GENERIC, network_for
from newscrawl.sites.base import Network
from newscrawl.state import SeenStore


class ArgumentError(ValueError):
    """A spider argument is unusable (missing file, bad URL)."""


def read_urls_file(path: str) -> list[str]:
    """URLs from a file, one per line; blank lines and ``#`` comments skipped."""
    file = Path(path)
    if not file.is_file():
        raise ArgumentError(f"urls_file {path!r} is not a readable file")
    lines = file.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


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
        self.state: SeenStore | None = None
        self.start_urls_given = split_arg(urls)
        if urls_file:
            self.start_urls_given += read_urls_file(urls_file)
        for url in self.start_urls_given:
            if not url.startswith(("http://", "https://")):
                raise ArgumentError(f"not an http(s) URL: {url!r}")
        self.sites = [h.lower().removeprefix("https://").removeprefix("http://").strip("/") for h in split_arg(sites)]
        self.started = datetime.now(UTC)
        # Used in the FEEDS path: <data dir>/<spider>/<run_date>/<run_id>.jsonl
        self.run_date = self.started.strftime("%Y-%m-%d")
        self.run_id = self.started.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Before anything is fetched: an unwritable data dir or a second run of this spider stops here.
        spider.state = open_state(crawler, spider)
        return spider

    # -- start -----------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
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
        if not pages and request.url != canonical and request.url == net.full_text_url(canonical):
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
        reason = "page_missing" if pages else "fetch_failed"
        self.refuse(reason, f"{failure.getErrorMessage()}", request.url)
