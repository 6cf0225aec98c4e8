"""iNews.id (MNC) regional portals: ``{region}.inews.id`` (regional, jatim, sulsel, lutra, …); ``www.inews.id``
is the national site (its ``/regional/{province}/…`` channel included) and is parsed, but not crawled by default.

How it was checked: **reference only** — templates.md §10 and domains/inews.txt (selectors from a public
scraper of www.inews.id; URL shapes and the ``/all`` full-text suffix from a userscript). No iNews page is
among the real pages in ../shared, so every rule below is unverified; each falls back to structured data
and the generic layer when its selector finds nothing.

- Article URLs: ``/berita/{slug}`` and ``/read/{id}/{slug}`` on regional hosts, ``/{kanal}/{subkanal}/{slug}``
  on www (the userscript's path rule).
- Full text: the path suffix ``/all`` (``…/{slug}/all``). Page N of a split article is the path segment
  ``/N`` (``…/{slug}/2``): the userscript strips a trailing ``/\\d+`` before appending ``/all``, so the site's
  own page URLs end in ``/N``. :meth:`Inews.canonicalize` strips a trailing ``/all`` or ``/N``.
- Fields: date ``.createdAt`` ("Jumat, 24 Juli 2026 - 13:39:00 WIB"; else the same pattern inside
  ``.timeAndShare``), reporter ``.author``, body ``.content`` / ``article`` without ``div[class^=baca-juga]``
  and ``[class^=related]``, category = last ``.breadcrumb a``. Editor ("Editor : X") and tags come from the
  generic layer.
- Discovery: each portal's ``/indeks`` listing paged ``?page=N`` (unverified), robots.txt → sitemaps, and
  ``https://www.inews.id/sitemap.xml`` (listed in public code). No dated index is known (UNVERIFIED: none
  implemented). ``/tag/{slug}`` pages are listings, never articles.
- Zones: sulsel and lutra (Luwu Utara) are WITA (+08:00); a zone printed on the page wins anyway.
"""

from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urlsplit, urlunsplit

from newscrawl.parsing.article import GENERIC_DROP_SELECTORS, ArticleParser, Pagination
from newscrawl.parsing.page import select, select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, split_people
from newscrawl.urls import canonical_url, host_of

PORTALS: dict[str, str | None] = {
    "regional.inews.id": None,
    "jatim.inews.id": None,
    "sulsel.inews.id": None,
    "lutra.inews.id": None,
}

#: inews.id hosts that are not regional portals (the national site and its mobile/asset hosts)
NOT_REGIONAL = frozenset(
    {"inews.id", "www.inews.id", "m.inews.id", "img.inews.id", "cdn.inews.id", "static.inews.id", "video.inews.id"}
)

HOST_OFFSETS = {"sulsel.inews.id": "+08:00", "lutra.inews.id": "+08:00"}

FULL_TEXT_SUFFIX = "all"

# The article part of a path, then an optional page segment ("/2") or the full-text suffix ("/all").
_ARTICLE = re.compile(
    r"^(?P<article>/(?:berita/[\w-]+|read/\d+/[\w-]+|[a-z-]+/[a-z-]+/[a-z0-9]+(?:-[a-z0-9]+)+))"
    r"(?:/(?P<page>\d{1,3}|all))?/?$"
)
_NOT_ARTICLE = re.compile(
    r"^/(?:tag|tags|indeks|index|search|cari|video|foto|photo|infografis|reporter|editor|profile|author|kanal|amp)(?:/|$)"
)
# "Jumat, 24 Juli 2026 - 13:39:00 WIB"
_DATE_LINE = re.compile(r"\w+,\s+\d{1,2}\s+\w+\s+\d{4}\s*-\s*\d{1,2}:\d{2}(?::\d{2})?\s+(?:WIB|WITA|WIT)\b")


class InewsParser(ArticleParser):
    network = "inews"
    body_selectors = ("div.content", "article")
    date_selectors = (".createdAt", ".timeAndShare")
    drop_selectors = (*GENERIC_DROP_SELECTORS, "div[class^='baca-juga']", "[class^='related']", ".timeAndShare")

    def find_visible_date(self) -> str | None:
        for node in select(self.root, ".createdAt"):
            if not self.in_sidebar(node):
                text = text_of(node)
                if text:
                    return text
        for node in select(self.root, ".timeAndShare"):
            match = _DATE_LINE.search(text_of(node))
            if match and not self.in_sidebar(node):
                return match.group(0)
        return self.fallback("published_at", super().find_visible_date())

    def authors(self) -> list[str]:
        for node in select(self.root, ".author"):
            if self.in_sidebar(node):
                continue
            links = [text_of(a) for a in node.iter("a")]
            values = [v for v in links if v] or [text_of(node)]
            names = [n for v in values for n in split_people(clean_person(v)) if n]
            if names:
                return list(dict.fromkeys(names))
        return self.fallback("authors", super().authors())

    def category(self) -> str | None:
        crumbs = [c for c in self.texts(".breadcrumb a") if c.lower() not in ("home", "beranda")]
        if crumbs:
            return crumbs[-1]
        return self.fallback("category", super().category())

    def pagination(self) -> Pagination:
        """The pager's ``…/{slug}/N`` links; ``…/all`` honoured means one response and no page links."""
        current = Inews.page_of(self.page.url) or 1
        canonical = Inews.strip_page(self.canonical_url())
        links: dict[int, str] = {}
        for pager in select(self.root, "[class*='pagination'], [class*='paging']"):
            if self.in_sidebar(pager):
                continue
            for anchor in pager.iter("a"):
                href = self.absolute(anchor.get("href")) or ""
                if not href or href.endswith("#") or Inews.strip_page(href) != canonical:
                    continue
                number = Inews.page_of(href)
                label = text_of(anchor)
                if number is None and href.rstrip("/").endswith("/" + FULL_TEXT_SUFFIX):
                    continue  # "Tampilkan semua" (the full-text link) is not a page
                if number is None and label == "1":
                    number = 1
                if number is not None:
                    links.setdefault(number, href)
            active = select_one(pager, "[class*='active']")
            if active is not None and text_of(active).isdigit():
                current = int(text_of(active))
        total = max([current, *links]) if links else current
        full_text = urlsplit(self.page.url).path.rstrip("/").endswith("/" + FULL_TEXT_SUFFIX)
        return Pagination(current=current, total=total, links=links, complete=total == 1 or (full_text and not links))


class Inews(Network):
    name = "inews"
    title = "iNews.id regional"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)?inews\.id")
    #: every ``{region}.inews.id`` is a regional portal; www (national) is excluded in :meth:`is_portal`
    open_portals = True
    host_offsets = HOST_OFFSETS
    article_path = _ARTICLE
    not_article_path = _NOT_ARTICLE
    parser = InewsParser
    unverified = (
        "every selector (.createdAt, .author, .content, .breadcrumb, pager)",
        "/all full text",
        "page N as /N",
        "/indeks listing and its ?page=N",
        "www sitemap.xml",
        "dated index (none known)",
        "regional host list beyond domains/inews.txt",
    )
    discovery = ("indeks?page=N", "robots.txt", "sitemap (www)")
    listing_paths = ("/indeks",)
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.8, "body": 1.0}

    def is_portal(self, url: str) -> bool:
        return host_of(url) not in NOT_REGIONAL and super().is_portal(url)

    # -- URLs ----------------------------------------------------------------------------------

    @staticmethod
    def split_path(url: str) -> tuple[str, str | None] | None:
        """(article path, page segment or None) of an article URL; None when the path is no article."""
        match = _ARTICLE.match(urlsplit(url).path)
        return (match["article"], match["page"]) if match else None

    @classmethod
    def page_of(cls, url: str) -> int | None:
        """The ``/N`` page segment of ``url`` (None for page 1, ``/all`` and non-article paths)."""
        parts = cls.split_path(url)
        return int(parts[1]) if parts and parts[1] and parts[1].isdigit() else None

    @classmethod
    def strip_page(cls, url: str) -> str:
        """``url`` without a trailing ``/N`` or ``/all``, paging/tracking queries dropped."""
        url = canonical_url(url)
        parts = cls.split_path(url)
        if parts is None:
            return url
        scheme, netloc, _, query, fragment = urlsplit(url)
        return urlunsplit((scheme, netloc, parts[0], query, fragment))

    def canonicalize(self, url: str) -> str:
        return self.strip_page(url)

    @classmethod
    def with_segment(cls, canonical: str, segment: str | None) -> str:
        """The article's page-1 URL with a last path segment added (``/2``, ``/all``)."""
        scheme, netloc, path, query, _ = urlsplit(cls.strip_page(canonical))
        if segment:
            path = f"{path.rstrip('/')}/{segment}"
        return urlunsplit((scheme, netloc, path, query, ""))

    def full_text_url(self, canonical: str) -> str | None:
        return self.with_segment(canonical, FULL_TEXT_SUFFIX)

    def full_text_label(self) -> str:
        return "/" + FULL_TEXT_SUFFIX

    def page_url(self, canonical: str, number: int) -> str:
        return self.with_segment(canonical, str(number) if number > 1 else None)

    # -- discovery -----------------------------------------------------------------------------

    def sitemap_urls(self, portal: str) -> list[str]:
        return ["https://www.inews.id/sitemap.xml"]
