"""Discovery shared by network spiders: robots.txt → sitemaps, latest-news listings, the network menu.

A network spider names its module; the module says which listing paths and sitemap rules apply.
Every URL found on a page is kept only when the network owns its host (pages never lead off-network).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.http import Request, Response
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from newscrawl import dates
from newscrawl.spiders.base import ArgumentError, NewsSpider
from newscrawl.urls import host_of, with_query

# A decompressed sitemap larger than this is refused (gzip bombs); the sitemap protocol caps files at 50 MB.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


class NetworkSpider(NewsSpider):
    """Crawl a network's portals: all known ones by default, ``-a sites=`` to pick some."""

    def __init__(self, *args: Any, since: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for host in self.sites:
            if not self.network.owns(f"https://{host}/"):
                raise ArgumentError(f"{host!r} is not a {self.network.title} portal")
        self.since: datetime | None = None
        if since:
            parsed = dates.parse_date(since)
            if parsed is None:
                raise ArgumentError(f"since={since!r} is not a date (YYYY-MM-DD)")
            self.since = parsed
        self.scheduled_hosts: set[str] = set()

    # -- which portals ---------------------------------------------------------------------------

    def in_scope(self, url: str) -> bool:
        """Article URLs found while discovering: the chosen portals only, or any of the network's."""
        if self.sites:
            return host_of(url) in self.sites
        return self.network.owns(url)

    def selected_hosts(self) -> list[str]:
        return self.sites or sorted(self.network.portals)

    def discovery_requests(self) -> Iterable[Request]:
        for host in self.selected_hosts():
            yield from self.portal_requests(host)

    def portal_requests(self, host: str) -> Iterator[Request]:
        if host in self.scheduled_hosts:
            return
        self.scheduled_hosts.add(host)
        base = f"https://{host}"
        yield Request(
            f"{base}/robots.txt",
            callback=self.parse_robots,
            errback=self.robots_failed,
            cb_kwargs={"host": host},
            meta={"newscrawl_discovery": "robots"},
        )
        for path in self.network.listing_paths:
            yield self.listing_request(urljoin(base, path), 1)

    # -- robots.txt and sitemaps -----------------------------------------------------------------

    def parse_robots(self, response: Response, host: str) -> Iterator[Request]:
        urls = [u for u in sitemap_urls_from_robots(response.body, base_url=response.url) if self.network.owns(u)]
        if not urls:
            urls = [f"https://{host}/sitemap.xml"]
        for url in urls:
            yield Request(url, callback=self.parse_sitemap, errback=self.discovery_failed)

    def robots_failed(self, failure: Failure) -> Iterator[Request]:
        request = failure.request  # type: ignore[attr-defined]
        yield Request(
            f"https://{host_of(request.url)}/sitemap.xml", callback=self.parse_sitemap, errback=self.discovery_failed
        )

    def discovery_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self._stat("newscrawl/discovery/failed")
        self.logger.info("discovery page unavailable: %s (%s)", request.url, failure.getErrorMessage())

    def sitemap_body(self, response: Response) -> bytes | None:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
                    body = stream.read(MAX_SITEMAP_BYTES + 1)
            except (OSError, EOFError):
                return None
            if len(body) > MAX_SITEMAP_BYTES:
                self._stat("newscrawl/dropped/sitemap_too_large")
                return None
        return body

    def lastmod_ok(self, lastmod: str | None) -> bool:
        """Sitemap entries older than ``since`` are skipped; entries without lastmod are kept."""
        if self.since is None or not lastmod:
            return True
        value = dates.parse_date(lastmod)
        return value is None or value >= self.since

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        body = self.sitemap_body(response)
        if not body:
            self.refuse("bad_sitemap", "not a sitemap", response.url)
            return
        try:
            sitemap = Sitemap(body)
        except Exception:  # lxml raises several error types for non-XML bodies
            self.refuse("bad_sitemap", "not parseable XML", response.url)
            return
        self._stat("newscrawl/discovery/sitemaps")
        for entry in sitemap:
            loc = (entry.get("loc") or "").strip()
            if not loc or not self.network.owns(loc):
                continue
            if sitemap.type != "sitemapindex" and not self.in_scope(loc):
                continue
            lastmod = entry.get("lastmod") or (entry.get("news") or {}).get("publication_date")
            if not self.lastmod_ok(lastmod):
                self._stat("newscrawl/discovery/skipped_by_lastmod")
                continue
            if sitemap.type == "sitemapindex":
                yield Request(loc, callback=self.parse_sitemap, errback=self.discovery_failed)
            elif self.network.is_article_url(loc):
                self._stat("newscrawl/discovery/article_urls")
                yield self.article_request(loc)

    # -- listings --------------------------------------------------------------------------------

    def listing_request(self, url: str, number: int) -> Request:
        return Request(
            url,
            callback=self.parse_listing,
            errback=self.discovery_failed,
            cb_kwargs={"number": number},
            meta={"newscrawl_discovery": "listing"},
        )

    def article_links(self, response: Response) -> list[str]:
        found: list[str] = []
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            if urlsplit(url).scheme in ("http", "https") and self.network.is_article_url(url) and self.in_scope(url):
                canonical = self.network.canonicalize(url)
                if canonical not in found:
                    found.append(canonical)
        return found

    def parse_listing(self, response: Response, number: int) -> Iterator[Request]:
        links = self.article_links(response)
        self._stat("newscrawl/discovery/listing_pages")
        for url in links:
            self._stat("newscrawl/discovery/article_urls")
            yield self.article_request(url)
        yield from self.network_menu_requests(response)
        limit = self.settings.getint("NEWSCRAWL_MAX_LISTING_PAGES", 5)
        if links and number < limit:
            yield self.listing_request(with_query(response.url, page=str(number + 1)), number + 1)

    def network_menu_requests(self, response: Response) -> Iterator[Request]:
        """Portals named in the network menu join a default (all-portals) run."""
        if self.sites or not self.network.menu_selector:
            return
        for href in response.css(f"{self.network.menu_selector}::attr(href)").getall():
            host = host_of(response.urljoin(href))
            if host and self.network.owns(f"https://{host}/") and host not in self.scheduled_hosts:
                self._stat(f"newscrawl/discovery/{self.network.name}/portals_from_menu")
                yield from self.portal_requests(host)
