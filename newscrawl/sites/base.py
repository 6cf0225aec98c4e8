"""What every network module declares: its portals, URL shapes, full-text parameter and parser."""

from __future__ import annotations

import re
from datetime import datetime
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
    #: known portals (host -> portal name); the default crawl set
    portals: ClassVar[dict[str, str | None]] = {}
    #: any host matching this belongs to the network, listed or not
    host_pattern: ClassVar[re.Pattern[str] | None] = None
    #: article URL path shape
    article_path: ClassVar[re.Pattern[str]] = re.compile(r".")
    parser: ClassVar[type[ArticleParser]] = ArticleParser
    default_offset: ClassVar[str] = "+07:00"
    #: per-host zone where a portal is not in WIB (host -> "+08:00")
    host_offsets: ClassVar[dict[str, str]] = {}
    #: query parameter that asks for the whole article in one page, e.g. ("page", "all"); None if none
    full_text_param: ClassVar[tuple[str, str] | None] = None
    #: how the module's rules were checked: "real page" or "reference only"
    checked: ClassVar[str] = "reference only"
    #: discovery methods, for `python -m newscrawl sites`
    discovery: ClassVar[tuple[str, ...]] = ()
    #: latest-news listing paths, paged with ?page=N
    listing_paths: ClassVar[tuple[str, ...]] = ()
    #: CSS selector of the network menu linking sibling portals (None when the template has none)
    menu_selector: ClassVar[str | None] = None
    #: the portal whose home page carries the network menu
    home_host: ClassVar[str] = ""
    #: whether a spider of the network's name exists (else the generic spider parses its pages)
    spider_name: ClassVar[bool] = False
    #: coverage thresholds: field -> minimum share of records that have it
    health: ClassVar[dict[str, float]] = {}

    def owns(self, url: str) -> bool:
        host = host_of(url)
        if host in self.portals:
            return True
        return bool(self.host_pattern and self.host_pattern.fullmatch(host))

    def is_article_url(self, url: str) -> bool:
        return self.owns(url) and bool(self.article_path.search(urlsplit(url).path))

    def canonicalize(self, url: str) -> str:
        """The page-1 URL of the article ``url`` names (drops paging and tracking queries)."""
        return canonical_url(url)

    def full_text_url(self, canonical: str) -> str | None:
        if not self.full_text_param:
            return None
        key, value = self.full_text_param
        return with_query(canonical, **{key: value})

    def page_url(self, canonical: str, number: int) -> str:
        return canonical if number == 1 else with_query(canonical, page=str(number))

    def offset_for(self, url: str) -> str:
        return self.host_offsets.get(host_of(url), self.default_offset)

    def site_name_for(self, url: str) -> str | None:
        return self.portals.get(host_of(url))

    def make_parser(self, page: Page, now: datetime | None = None) -> ArticleParser:
        return self.parser(
            page, now=now, default_offset=self.offset_for(page.url), site_name=self.site_name_for(page.url)
        )


class Generic(Network):
    """Portals no module knows: structured data plus generic heuristics."""

    checked = "real page"
    discovery = ("urls",)
