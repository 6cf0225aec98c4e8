"""Harian Jogja (Bisnis Indonesia group): ``*.harianjogja.com`` desks of one Yogyakarta (DIY) newsroom.

How it was checked: **reference only** — no Harian Jogja page is among the real pages in ../shared. The
rules come from templates.md §21 (a 2025-26 public scraper, NW) and domains/harianjogja.txt; the fixtures
are hand-written in that shape. Every desk (``jogjapolitan`` is the regional one; ``news``, ``wisata``,
``ekbis``, ``sport``, ``jateng`` ...) is the same newsroom in DIY, so every host is WIB.

- Article URL: ``https://<desk>.harianjogja.com/r-<id>/<slug>`` (current); the older
  ``/read/YYYY/MM/DD/<kanal id>/<id>/<slug>`` shape still circulates in links (seen in public code, 2021-25)
  and is accepted too. Both are unverified on a real page.
- Date: ``meta[property=article:published_time]``, then JSON-LD ``datePublished`` (the node may be a dict or
  sit in a list). The printed date line's markup is unknown, so it is read only when neither exists.
- Authors: ``meta[property=article:author]`` when it is a name (not a URL) → ``meta[name=author]`` →
  JSON-LD author; the site's own name is never an author. Editor: a "Editor: X" line if the page prints one
  (generic layer).
- Category: ``meta[property=article:section]``, else the desk (subdomain) name.
- Body: ``.article-content`` / ``.post-content`` / ``.entry-content`` / ``article``, without blocks whose
  class names related/popular/most/sidebar/share/social/newsletter/ad/subscribe/embed/recommended/trending/
  tag/comment (NW's list).
- Full text / pager: none known (no public source mentions a multi-page Harian Jogja article); the generic
  pager reader (``?page=N`` links to the same article) stays on as a safety net.
- Discovery: robots.txt → sitemaps, and each desk's home page ``/`` as the latest-news listing (page 2 as
  ``?page=2`` is a guess; a missing page ends the listing). ``/search?q=KW&page=N`` (NW's method) needs a
  keyword and ranks by relevance, so it cannot list "everything new since yesterday": not used.
"""

from __future__ import annotations

import re
from typing import ClassVar

from newscrawl.parsing.article import GENERIC_DROP_SELECTORS, ArticleParser
from newscrawl.sites.base import Network
from newscrawl.text import collapse_ws, split_people
from newscrawl.urls import host_of

DESKS: tuple[str, ...] = (
    "www",
    "news",
    "jogjapolitan",
    "wisata",
    "ekbis",
    "ototekno",
    "sport",
    "jateng",
    "ecologic",
    "leisure",
    "pendidikan",
    "opini",
    "cekfakta",
)
PORTALS: dict[str, str | None] = {f"{desk}.harianjogja.com": "Harian Jogja" for desk in DESKS}

# NW drops section/div/footer blocks whose class matches this list; "ad" is narrowed to class tokens that are
# "ad", start with "ad-" or end with "-ad", so that "header", "shadow" or "lead-paragraph" do not match.
_BLOCK_WORDS = (
    "related",
    "popular",
    "most",
    "sidebar",
    "share",
    "social",
    "newsletter",
    "subscribe",
    "embed",
    "recommended",
    "trending",
    "tag",
    "comment",
)
DROP_BLOCKS: tuple[str, ...] = tuple(
    f"{tag}[class*='{word}']" for tag in ("section", "div", "footer") for word in _BLOCK_WORDS
) + tuple(
    f"{tag}[class~='ad'], {tag}[class^='ad-'], {tag}[class*=' ad-'], {tag}[class$='-ad'], {tag}[class*='-ad ']"
    for tag in ("section", "div", "footer")
)


class HarianjogjaParser(ArticleParser):
    network = "harianjogja"
    body_selectors = ("div.article-content", "div.post-content", "div.entry-content", "article")
    drop_selectors = (*GENERIC_DROP_SELECTORS, *DROP_BLOCKS)

    def structured_dates(self) -> list[str]:
        meta = self.page.meta_first("article:published_time")
        ld = self.page.article_ld.get("datePublished")
        own = [value.strip() for value in (meta, ld) if isinstance(value, str) and value.strip()]
        rest = [value for value in super().structured_dates() if value not in own]
        return own + rest

    def find_visible_date(self) -> str | None:
        # The printed date line's markup is not known: structured data decides, the generic layer only
        # when the page has none.
        if self.page.meta_first("article:published_time") or self.page.article_ld.get("datePublished"):
            return None
        return self.fallback("published_at", super().find_visible_date())

    def _names(self, value: str | None) -> list[str]:
        if not value or value.strip().lower().startswith(("http://", "https://", "www.")):
            return []
        return [name for name in split_people(value) if not self._is_site_label(name)]

    def authors(self) -> list[str]:
        for value in (self.page.meta_first("article:author"), self.page.meta_first("author")):
            names = self._names(value)
            if names:
                return names
        names = [name for name in self._ld_names(self.page.article_ld.get("author")) if not self._is_site_label(name)]
        return names or self.fallback("authors", super().authors())

    def category(self) -> str | None:
        section = collapse_ws(self.page.meta_first("article:section") or "")
        if section:
            return section
        desk = host_of(self.canonical_url()).split(".", 1)[0]
        if desk in DESKS and desk != "www":
            return desk.capitalize()
        return self.fallback("category", super().category())


class Harianjogja(Network):
    name = "harianjogja"
    title = "Harian Jogja"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)?harianjogja\.com")
    #: every desk is the same DIY newsroom (a regional paper): any harianjogja.com host is in scope
    open_portals = True
    article_path = re.compile(r"^/(?:r-\d+/[\w-]+|read/\d{4}/\d{2}/\d{2}/\d+/\d+/[\w-]+)/?$")
    not_article_path = re.compile(r"^/(?:tag|search|author|penulis|video|foto|galeri|indeks|kanal)(?:/|$)", re.I)
    parser = HarianjogjaParser
    real_pages = ()
    unverified = (
        "URL /r-<id>/<slug> and /read/Y/M/D/<kanal>/<id>/<slug>",
        "article:published_time -> JSON-LD datePublished",
        "article:author -> meta author -> JSON-LD author",
        "article:section or desk name",
        "body .article-content/.post-content/.entry-content/article",
        "related/popular/share/... drop list",
        "robots.txt sitemap",
        "desk home page / as latest listing (?page=N)",
    )
    discovery = ("robots.txt", "sitemap", "desk home page /")
    listing_paths = ("/",)
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.8, "body": 1.0}
