"""Discovery shared by network spiders: dated indexes, sitemaps, feeds, latest-news listings, the network menu.

A network spider names its module; the module says which discovery applies to each of its portals
(``index_url``, ``sitemap_urls``, ``feed_urls``, ``listing_paths``, ``robots_sitemaps``, ``menu_selector``).
Every URL found is kept only when it is an article of one of the crawl's portals: pages never lead off-network.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from scrapy.http import Request, Response
from scrapy.selector import Selector
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from newscrawl import dates
from newscrawl.middlewares import failure_reason
from newscrawl.spiders.base import ArgumentError, NewsSpider
from newscrawl.urls import host_of

#: days read from dated indexes when the crawl names none: today and yesterday (a late-evening story is
#: indexed under yesterday by the time a crawl after midnight runs)
DEFAULT_INDEX_DAYS = 2


def _origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _offset(value: str) -> timezone:
    sign = -1 if value.startswith("-") else 1
    hours, minutes = value.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def news_publication_dates(body: bytes) -> dict[str, str]:
    """loc -> ``news:publication_date`` of a Google News sitemap (Scrapy's Sitemap flattens ``<news:news>``)."""
    parser = etree.XMLParser(recover=True, remove_comments=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(body, parser=parser)
    found: dict[str, str] = {}
    if root is None:
        return found
    for url in root.iter("{*}url"):
        loc = url.findtext("{*}loc")
        date_text = url.findtext(f"{{{_NEWS_NS}}}news/{{{_NEWS_NS}}}publication_date")
        if loc and date_text:
            found[loc.strip()] = date_text.strip()
    return found


def declares_entities(body: bytes) -> bool:
    """True when the XML document's DTD declares entities: billion laughs (entity expansion) and XXE (external
    entities) both need one, and no sitemap or feed does. Only the prolog is parsed (up to the root element),
    with entity resolution, DTD loading and network access off."""
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    for start in range(0, len(body), 64 * 1024):
        parser.feed(body[start : start + 64 * 1024])
        for _event, element in parser.read_events():
            dtd = element.getroottree().docinfo.internalDTD
            return dtd is not None and any(True for _ in dtd.iterentities())
    return False


class NetworkSpider(NewsSpider):
    """Crawl a network's portals: all known ones by default, ``-a sites=`` to pick some.

    ``-a since=YYYY-MM-DD`` / ``-a until=YYYY-MM-DD`` choose the days read from dated indexes (default: today
    and yesterday in the network's zone) and skip sitemap and feed entries outside them.
    """

    def __init__(self, *args: Any, since: str | None = None, until: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sites = [self.network.portal_key(site) for site in self.sites]
        self.check_sites()
        zone = _offset(self.network.default_offset)
        self.since = self._day_arg("since", since, zone)
        self.until = self._day_arg("until", until, zone)
        today = datetime.now(zone).date()
        last = self.until.date() if self.until else today
        first = self.since.date() if self.since else last - timedelta(days=DEFAULT_INDEX_DAYS - 1)
        if first > last:
            raise ArgumentError(f"since={since!r} is after until={until or today.isoformat()!r}")
        self.index_days: list[date] = [last - timedelta(days=n) for n in range((last - first).days + 1)]
        self.scheduled_portals: set[str] = set()
        self.robots_hosts: set[str] = set()

    def check_sites(self) -> None:
        for portal in self.sites:
            if not self.network.owns(self.network.portal_base(portal) + "/"):
                raise ArgumentError(f"{portal!r} is not a {self.network.title} portal")

    @staticmethod
    def _day_arg(name: str, value: str | None, zone: timezone) -> datetime | None:
        if not value:
            return None
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise ArgumentError(f"{name}={value!r} is not a date (YYYY-MM-DD)") from None
        return datetime(day.year, day.month, day.day, tzinfo=zone)

    # -- which portals ---------------------------------------------------------------------------

    def in_scope(self, url: str) -> bool:
        """Article URLs found while discovering: the chosen portals only, or any regional portal of the network."""
        if self.sites:
            return self.network.portal_of(url) in self.sites
        return self.network.is_portal(url)

    def selected_portals(self) -> list[str]:
        return self.sites or sorted(self.network.portals)

    def discovery_requests(self) -> Iterable[Request]:
        for portal in self.selected_portals():
            yield from self.portal_requests(portal)

    def portal_requests(self, portal: str) -> Iterator[Request]:
        if portal in self.scheduled_portals:
            return
        self.scheduled_portals.add(portal)
        net = self.network
        base = net.portal_base(portal)
        for day in self.index_days:
            url = net.index_url(portal, day, 1)
            if url:
                yield self.index_request(url, portal, day, 1, frozenset())
        for url in net.feed_urls(portal):
            yield Request(
                url, callback=self.parse_feed, errback=self.discovery_failed, meta={"newscrawl_discovery": "feed"}
            )
        for url in net.sitemap_urls(portal):
            yield self.sitemap_request(url)
        origin = _origin(base)
        if net.robots_sitemaps and origin not in self.robots_hosts:
            self.robots_hosts.add(origin)
            yield Request(
                f"{origin}/robots.txt",
                callback=self.parse_robots,
                errback=self.robots_failed,
                meta={"newscrawl_discovery": "robots"},
            )
        for path in net.listing_paths:
            first = base + path
            yield self.listing_request(first, first, 1, frozenset())

    # -- robots.txt and sitemaps -----------------------------------------------------------------

    def sitemap_request(self, url: str) -> Request:
        return Request(
            url, callback=self.parse_sitemap, errback=self.discovery_failed, meta={"newscrawl_discovery": "sitemap"}
        )

    def parse_robots(self, response: Response) -> Iterator[Request]:
        # Sitemap: lines naming another site are ignored (URLs from pages never leave the network).
        urls = [u for u in sitemap_urls_from_robots(response.body, base_url=response.url) if self.network.owns(u)]
        if not urls:
            urls = [f"{_origin(response.url)}/sitemap.xml"]
        for url in urls:
            yield self.sitemap_request(url)

    def robots_failed(self, failure: Failure) -> Iterator[Request]:
        request = failure.request  # type: ignore[attr-defined]
        yield self.sitemap_request(f"{_origin(request.url)}/sitemap.xml")

    def discovery_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        reason = failure_reason(failure)
        self._stat("newscrawl/discovery/failed")
        self._stat(f"newscrawl/discovery/failed_by/{reason}")
        self.logger.info("discovery page unavailable (%s): %s (%s)", reason, request.url, failure.getErrorMessage())

    def sitemap_body(self, response: Response) -> bytes | None:
        """The sitemap's XML; a gzipped sitemap (``.xml.gz`` without Content-Encoding) is decompressed up to
        ``DOWNLOAD_MAXSIZE`` bytes and refused past it (a gzip bomb), as Scrapy's SitemapSpider does."""
        body = response.body
        if not gzip_magic_number(response):
            return body
        max_size = response.meta.get("download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE"))
        warn_size = response.meta.get("download_warnsize", self.settings.getint("DOWNLOAD_WARNSIZE"))
        try:
            body = gunzip(body, max_size=max_size)
        except _DecompressionMaxSizeExceeded:
            self.refuse("sitemap_too_large", f"decompresses past DOWNLOAD_MAXSIZE ({max_size} bytes)", response.url)
            return None
        except (OSError, EOFError, ValueError):
            self.refuse("bad_sitemap", "broken gzip", response.url)
            return None
        if len(response.body) < warn_size <= len(body):
            self.logger.warning(
                "%s decompresses to %d bytes (DOWNLOAD_WARNSIZE %d)", response.url, len(body), warn_size
            )
        return body

    def in_days(self, stamp: str | None) -> bool:
        """Sitemap and feed entries outside ``since``..``until`` are skipped; undated entries are kept."""
        if (self.since is None and self.until is None) or not stamp:
            return True
        value = dates.parse_date(stamp, default_offset=self.network.default_offset)
        if value is None:
            return True
        if self.since is not None and value < self.since:
            return False
        return not (self.until is not None and value >= self.until + timedelta(days=1))

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        body = self.sitemap_body(response)
        if body is None:
            return
        if not body:
            self.refuse("bad_sitemap", "not a sitemap", response.url)
            return
        if declares_entities(body):
            self.refuse("xml_entities", "sitemap declares XML entities (expansion or external)", response.url)
            return
        try:
            sitemap = Sitemap(body)
        except Exception:  # lxml raises several error types for non-XML bodies
            self.refuse("bad_sitemap", "not parseable XML", response.url)
            return
        self._stat("newscrawl/discovery/sitemaps")
        news_dates = news_publication_dates(body) if sitemap.type == "urlset" and b"sitemap-news" in body else {}
        for entry in sitemap:
            loc = (entry.get("loc") or "").strip()
            if not loc or not self.network.owns(loc):
                continue
            if sitemap.type != "sitemapindex" and not self.in_scope(loc):
                continue
            lastmod = entry.get("lastmod") or news_dates.get(loc)
            if sitemap.type == "sitemapindex":
                # An index entry's lastmod is its newest article: only "too old" can be judged from it.
                if self.since is not None and lastmod and not self._not_before_since(lastmod):
                    self._stat("newscrawl/discovery/skipped_by_lastmod")
                    continue
                yield self.sitemap_request(loc)
            elif not self.in_days(lastmod):
                self._stat("newscrawl/discovery/skipped_by_lastmod")
            elif self.network.is_article_url(loc):
                self._stat("newscrawl/discovery/article_urls")
                yield self.article_request(loc)

    def _not_before_since(self, stamp: str) -> bool:
        value = dates.parse_date(stamp, default_offset=self.network.default_offset)
        return value is None or self.since is None or value >= self.since

    # -- feeds -----------------------------------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """RSS 2.0 ``item/link`` (with ``pubDate``) or Atom ``entry/link@href`` (with ``updated``)."""
        if declares_entities(response.body):
            self.refuse("xml_entities", "feed declares XML entities (expansion or external)", response.url)
            return
        try:
            selector = Selector(text=response.text, type="xml")
        except (AttributeError, ValueError):
            self.refuse("bad_feed", "not a text feed", response.url)
            return
        items = selector.xpath("//*[local-name()='item' or local-name()='entry']")
        if not items:
            self.refuse("bad_feed", "no items", response.url)
            return
        self._stat("newscrawl/discovery/feeds")
        for item in items:
            link = (
                item.xpath("./*[local-name()='link']/text()").get()
                or item.xpath("./*[local-name()='link']/@href").get()
            )
            stamp = item.xpath(
                "./*[local-name()='pubDate' or local-name()='published' or local-name()='updated']/text()"
            ).get()
            url = response.urljoin((link or "").strip())
            if not link or not self.network.is_article_url(url) or not self.in_scope(url):
                continue
            if not self.in_days(stamp):
                self._stat("newscrawl/discovery/skipped_by_lastmod")
                continue
            self._stat("newscrawl/discovery/article_urls")
            yield self.article_request(url)

    # -- listings and dated indexes --------------------------------------------------------------

    def article_links(self, response: Response) -> list[str]:
        found: list[str] = []
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            if urlsplit(url).scheme in ("http", "https") and self.network.is_article_url(url) and self.in_scope(url):
                canonical = self.network.canonicalize(url)
                if canonical not in found:
                    found.append(canonical)
        for url in self.network.listing_links(response.body, response.url):
            if self.network.is_article_url(url) and self.in_scope(url):
                canonical = self.network.canonicalize(url)
                if canonical not in found:
                    found.append(canonical)
        return found

    def listing_request(self, url: str, first: str, number: int, seen: frozenset[str]) -> Request:
        return Request(
            url,
            callback=self.parse_listing,
            errback=self.discovery_failed,
            cb_kwargs={"first": first, "number": number, "seen": seen},
            meta={"newscrawl_discovery": "listing"},
        )

    def parse_listing(self, response: Response, first: str, number: int, seen: frozenset[str]) -> Iterator[Request]:
        self._stat("newscrawl/discovery/listing_pages")
        new = yield from self._take_links(response, seen)
        yield from self.network_menu_requests(response)
        limit = self.settings.getint("NEWSCRAWL_MAX_LISTING_PAGES", 5)
        if new and number >= limit:
            # A listing still bringing new articles at the cap (or one that never ends): stop, and say so.
            self._stat("newscrawl/discovery/listing_capped")
            self.logger.info("%s: listing read to its cap of %d pages (NEWSCRAWL_MAX_LISTING_PAGES)", first, limit)
        elif new:
            url = self.network.listing_page_url(first, number + 1)
            yield self.listing_request(url, first, number + 1, seen | new)

    def index_request(self, url: str, portal: str, day: date, number: int, seen: frozenset[str]) -> Request:
        return Request(
            url,
            callback=self.parse_index,
            errback=self.discovery_failed,
            cb_kwargs={"portal": portal, "day": day, "number": number, "seen": seen},
            meta={"newscrawl_discovery": "index"},
        )

    def parse_index(
        self, response: Response, portal: str, day: date, number: int, seen: frozenset[str]
    ) -> Iterator[Request]:
        """One page of a dated index; the next page is read while pages bring new articles."""
        self._stat("newscrawl/discovery/index_pages")
        new = yield from self._take_links(response, seen)
        if not new:
            return
        if number >= self.network.index_max_pages:
            # Tribun repeats its last index page beyond page 10: a busy day may list more than we can reach.
            self._stat("newscrawl/discovery/index_capped")
            self.logger.warning(
                "%s: dated index for %s stops at page %d; later articles unreachable", portal, day, number
            )
            return
        url = self.network.index_url(portal, day, number + 1)
        if url:
            yield self.index_request(url, portal, day, number + 1, seen | new)

    def _take_links(self, response: Response, seen: frozenset[str]) -> Generator[Request, None, frozenset[str]]:
        new: set[str] = set()
        for url in self.article_links(response):
            if url in seen:
                continue
            new.add(url)
            self._stat("newscrawl/discovery/article_urls")
            yield self.article_request(url)
        return frozenset(new)

    def network_menu_requests(self, response: Response) -> Iterator[Request]:
        """Portals named in the network menu join a default (all-portals) run."""
        if self.sites or not self.network.menu_selector:
            return
        for href in response.css(f"{self.network.menu_selector}::attr(href)").getall():
            host = host_of(response.urljoin(href))
            if host and self.network.owns(f"https://{host}/") and host not in self.scheduled_portals:
                self._stat(f"newscrawl/discovery/{self.network.name}/portals_from_menu")
                yield from self.portal_requests(host)
