"""What every network module declares: its portals, URL shapes, full-text form, discovery and parser.

A *portal* is one regional site of a network. For most networks it is a host
(``solo.tribunnews.com``); for detik it is a path section of one host (``www.detik.com/jatim``).
Spiders take ``-a sites=`` as portal keys; ``portal_key`` normalises what a user types.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cached_property
from typing import ClassVar
from urllib.parse import urlsplit

from newscrawl.parsing.article import ArticleParser
from newscrawl.parsing.page import Page
from newscrawl.urls import canonical_url, host_of, with_query


class Network:
    """A family of portals sharing one template. Subclass per network; override only what differs."""

    #: spider and record ``network`` name; None for the generic layer
    name: ClassVar[str | None] = None
    #: full name for people
    title: ClassVar[str] = "Any portal (generic layer)"
    #: known portals (portal key -> portal name); the default crawl set
    portals: ClassVar[dict[str, str | None]] = {}
    #: any host matching this belongs to the network, listed or not
    host_pattern: ClassVar[re.Pattern[str] | None] = None
    #: True when every host the pattern matches is a regional portal of the crawl (PRMN); False when only
    #: the listed portals are (Kompas: nasional.kompas.com is Kompas but not regional)
    open_portals: ClassVar[bool] = True
    #: article URL path shape
    article_path: ClassVar[re.Pattern[str]] = re.compile(r".")
    #: URL paths that are never articles even when article_path matches (tag, video, index pages)
    not_article_path: ClassVar[re.Pattern[str] | None] = None
    #: hosts of the network that hold no articles (photo and video sites, the index host)
    not_article_hosts: ClassVar[frozenset[str]] = frozenset()
    parser: ClassVar[type[ArticleParser]] = ArticleParser
    default_offset: ClassVar[str] = "+07:00"
    #: per-portal zone where a portal is not in WIB (portal key -> "+08:00")
    host_offsets: ClassVar[dict[str, str]] = {}
    #: query parameter that asks for the whole article in one page, e.g. ("page", "all"); None if none
    full_text_param: ClassVar[tuple[str, str] | None] = None
    #: real article pages in ../shared/fixtures/real (paths under it) this module's rules were checked against;
    #: none means the article rules are "reference only" (selectors from templates.md, not yet seen on a real page)
    real_pages: ClassVar[tuple[str, ...]] = ()
    #: real listing/index pages in ../shared/fixtures/real its link rules were checked against
    real_listings: ClassVar[tuple[str, ...]] = ()
    #: the module's rules that no real page has confirmed yet (for ``sites --detail`` and the docstring)
    unverified: ClassVar[tuple[str, ...]] = ()
    #: discovery methods, for `python -m newscrawl sites`
    discovery: ClassVar[tuple[str, ...]] = ()
    #: whether robots.txt is read for ``Sitemap:`` lines (then /sitemap.xml when it names none)
    robots_sitemaps: ClassVar[bool] = True
    #: latest-news listing paths under each portal, paged with ``listing_page_url``
    listing_paths: ClassVar[tuple[str, ...]] = ()
    #: CSS selector of the network menu linking sibling portals (None when the template has none)
    menu_selector: ClassVar[str | None] = None
    #: the portal whose home page carries the network menu
    home_host: ClassVar[str] = ""
    #: a dated index is read at most this many pages per portal and day (Tribun repeats page 10 after it)
    index_max_pages: ClassVar[int] = 10
    #: coverage thresholds: field -> minimum share of records that have it
    health: ClassVar[dict[str, float]] = {}

    @property
    def checked(self) -> str:
        """How the module was checked: "real page", "real listing" (links only) or "reference only"."""
        if self.real_pages:
            return "real page"
        return "real listing, articles reference only" if self.real_listings else "reference only"

    # -- portals ---------------------------------------------------------------------------------

    @cached_property
    def portal_hosts(self) -> frozenset[str]:
        """The hosts of the listed portals (a detik portal key is a host and a path section)."""
        return frozenset(key.split("/", 1)[0] for key in self.portals)

    def owns(self, url: str) -> bool:
        """True when ``url`` is on one of the network's hosts (listed or matching the pattern)."""
        host = host_of(url)
        if host in self.portals or host in self.portal_hosts:
            return True
        return bool(self.host_pattern and self.host_pattern.fullmatch(host))

    def portal_of(self, url: str) -> str | None:
        """The portal key of ``url`` (its host by default); None when off the network."""
        return host_of(url) if self.owns(url) else None

    def is_portal(self, url: str) -> bool:
        """True when ``url`` belongs to one of the network's regional portals (the default crawl scope)."""
        portal = self.portal_of(url)
        if portal is None:
            return False
        return portal in self.portals or self.open_portals

    def portal_key(self, value: str) -> str:
        """A ``-a sites=`` entry as a portal key: scheme and trailing slash dropped, lower case."""
        return value.strip().lower().removeprefix("https://").removeprefix("http://").strip("/")

    def portal_base(self, portal: str) -> str:
        """The portal's home URL without the trailing slash (``https://solo.tribunnews.com``)."""
        return f"https://{portal}"

    # -- article URLs ----------------------------------------------------------------------------

    def is_article_url(self, url: str) -> bool:
        if not self.owns(url) or host_of(url) in self.not_article_hosts:
            return False
        path = urlsplit(url).path
        if self.not_article_path is not None and self.not_article_path.search(path):
            return False
        return bool(self.article_path.search(path))

    def canonicalize(self, url: str) -> str:
        """The page-1 URL of the article ``url`` names (drops paging and tracking queries)."""
        return canonical_url(url)

    def full_text_url(self, canonical: str) -> str | None:
        """The URL that asks for the whole article in one response; None when the network has none."""
        if not self.full_text_param:
            return None
        key, value = self.full_text_param
        return with_query(canonical, **{key: value})

    def full_text_label(self) -> str:
        """The full-text form for people (``?page=all``, ``/all``), "-" when none."""
        if not self.full_text_param:
            return "-"
        key, value = self.full_text_param
        return f"?{key}={value}"

    def page_url(self, canonical: str, number: int) -> str:
        """The URL of page ``number`` of a multi-page article."""
        return canonical if number == 1 else with_query(canonical, page=str(number))

    # -- discovery -------------------------------------------------------------------------------

    def sitemap_urls(self, portal: str) -> list[str]:
        """Sitemaps to read besides those robots.txt names (e.g. Suara's per-region news sitemap)."""
        return []

    def feed_urls(self, portal: str) -> list[str]:
        """RSS/Atom feeds of the portal's latest articles."""
        return []

    def listing_links(self, body: bytes, url: str) -> list[str]:
        """Article URLs a listing names outside ``<a href>`` (e.g. in embedded JSON); [] by default."""
        return []

    def listing_page_url(self, url: str, number: int) -> str:
        """Page ``number`` of a latest-news listing whose first page is ``url``."""
        return url if number == 1 else with_query(url, page=str(number))

    def index_url(self, portal: str, day: date, number: int) -> str | None:
        """Page ``number`` (from 1) of the portal's dated index for ``day``; None when there is none."""
        return None

    def has_dated_index(self) -> bool:
        return type(self).index_url is not Network.index_url

    # -- parsing ---------------------------------------------------------------------------------

    def offset_for(self, url: str) -> str:
        portal = self.portal_of(url) or host_of(url)
        return self.host_offsets.get(portal, self.default_offset)

    def site_name_for(self, url: str) -> str | None:
        portal = self.portal_of(url)
        return self.portals.get(portal) if portal else None

    def make_parser(self, page: Page, now: datetime | None = None) -> ArticleParser:
        return self.parser(
            page, now=now, default_offset=self.offset_for(page.url), site_name=self.site_name_for(page.url)
        )


class Generic(Network):
    """Portals no module knows: structured data plus generic heuristics."""

    real_pages = (
        "beritamanado.com/forkopimda-mitra-covid.html",
        "cnnindonesia.com/20180430182335-kspsi-perpres-tka-2018.html",
        "news.liputan6.com/2254252-jk-ahok-blusukan-2015.html",
        "dunia.news.viva.co.id/640310-thailand-mers-2015.html",
    )
    discovery = ("urls",)

    def make_parser(self, page: Page, now: datetime | None = None) -> ArticleParser:
        """A WordPress page of any host gets the WordPress profile's parser (``network`` stays null)."""
        from newscrawl.sites.wordpress import WordPress, looks_like_wordpress  # local: wordpress imports base

        if looks_like_wordpress(page):
            profile = WordPress()
            known = profile.owns(page.url)
            return profile.parser(
                page,
                now=now,
                default_offset=(profile if known else self).offset_for(page.url),
                site_name=profile.site_name_for(page.url) if known else self.site_name_for(page.url),
            )
        return super().make_parser(page, now)
