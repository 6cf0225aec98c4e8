"""Republika regional editions: ``rejabar.republika.co.id`` (Jawa Barat) and ``rejogja.republika.co.id``
(Yogyakarta). Every ``*.republika.co.id`` host shares one template, but the other kanal hosts (www, news,
ekonomi, khazanah, ameera, visual, esgnow) are national: ``open_portals`` is False, so only the listed
regional editions are crawled by default; the rest are still parsed by this module when named by URL.

How it was checked: **reference only** — templates.md §15 and domains/republika.txt; no real Republika
page is in ../shared. The fixtures in tests/fixtures/sites/republika/ are hand-written in the structure
the reference describes, with invented text.

Template (2026): URL ``/berita/{9-character code}/{slug}`` (a double slash ``/berita//{code}/`` also
occurs in listings); JSON-LD ``NewsArticle`` (``datePublished`` with +07:00), whose ``author.name`` is
the **editor** ("Red:"), not the reporter; the reporter is only in the DOM byline
``Rep: X / Red: Y`` under ``.max-card__title h1`` (some articles print only ``Red: Y``: no reporter).
Body ``.article-content article`` (its ``<p class="b2"><p>…`` nesting parses as sibling paragraphs),
"Baca Juga" box ``.picked-article``; category = last ``.breadcrumb a``; tags = ``meta[name=keywords]``.
The whole article is in one page (no full-text parameter; the old ``-part{n}`` split is gone); the
``#next-article`` reading feed appends *other* articles by AJAX and is never followed.

Discovery: the dated index ``https://{portal}/index/{offset}/{YYYY}/{MM}/{DD}`` (offset step 50; the
reference shows it on republika.co.id — on the regional hosts it is UNVERIFIED), RSS ``/rss``, and
robots.txt → ``Sitemap:`` (``https://republika.co.id/files/xml/sitemap.xml``, national; entries outside
the chosen portals are dropped by scope).

robots.txt: Republika disallows ``/`` for a long list of crawler tokens, ``Scrapy`` among them. Our
User-Agent is ``newscrawl/0.1 (+contact URL)`` (newscrawl.settings.USER_AGENT), which only the
``User-agent: *`` group matches; do not put Scrapy's default UA back.
"""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar
from urllib.parse import urlsplit

from newscrawl.parsing.article import (
    GENERIC_BODY_SELECTORS,
    GENERIC_DATE_SELECTORS,
    GENERIC_DROP_SELECTORS,
    ArticleParser,
    Pagination,
)
from newscrawl.parsing.page import select, select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, collapse_ws, split_people
from newscrawl.urls import canonical_url, same_site

PORTALS: dict[str, str | None] = {
    "rejabar.republika.co.id": "Rejabar",
    "rejogja.republika.co.id": "Rejogja",
}

ARTICLE_PATH = re.compile(r"^/berita/+[a-z0-9]{6,14}/[\w-]+")
INDEX_STEP = 50

_REP = re.compile(r"\bRep(?:orter)?\s*:\s*([^/]+?)\s*(?:/|$)", re.I)
_RED = re.compile(r"\bRed(?:aktur)?\s*:\s*([^/]+?)\s*(?:/|$)", re.I)


class RepublikaParser(ArticleParser):
    """Republika rules: reporter and editor from the "Rep: X / Red: Y" byline (JSON-LD author = editor)."""

    network = "republika"
    body_selectors = (".article-content article", "div.article-content", *GENERIC_BODY_SELECTORS)
    drop_selectors = (
        *GENERIC_DROP_SELECTORS,
        ".picked-article",
        "[id^='bn_']",
        ".footnote-wrap",
        "#next-article",
        "#scroll-trigger",
        "#loading",
        ".detail__media-caption",
    )
    date_selectors = ("div.date-item__headline", *GENERIC_DATE_SELECTORS)

    # -- identity ------------------------------------------------------------------------------

    def canonical_url(self) -> str:
        """rel=canonical / JSON-LD ``mainEntityOfPage``; og:url is a ``/share/{code}`` short link, skipped."""
        candidates = [link.get("href") or "" for link in select(self.root, 'link[rel="canonical"]')]
        main = self.page.article_ld.get("mainEntityOfPage")
        candidates.append(main.get("@id") if isinstance(main, dict) else main)
        candidates.append(self.page.meta_first("og:url"))
        for candidate in candidates:
            absolute = self.absolute(candidate if isinstance(candidate, str) else None) or ""
            parts = urlsplit(absolute)
            on_site = parts.scheme in ("http", "https") and same_site(parts.hostname or "", self.page.host)
            if on_site and ARTICLE_PATH.match(parts.path):
                return canonical_url(absolute)
        return canonical_url(self.page.url)

    def headline(self) -> str:
        text = text_of(select_one(self.root, ".max-card__title h1"))
        return text or self.fallback("headline", super().headline())

    # -- people --------------------------------------------------------------------------------

    def byline(self) -> str | None:
        """The "Rep: X / Red: Y" line under the headline (None when the template has none)."""
        for node in select(self.root, ".max-card__title div"):
            text = text_of(node)
            if len(text) < 200 and (_REP.search(text) or _RED.search(text)):
                return text
        return None

    def _ld_author(self) -> list[str]:
        return self._ld_names(self.page.article_ld.get("author"))

    def authors(self) -> list[str]:
        line = self.byline()
        if line is not None:
            match = _REP.search(line)
            # "Red: Y" alone: the page names no reporter (the JSON-LD author is the editor).
            return split_people(match.group(1)) if match else []
        editors = set(self._ld_author())
        names: list[str] = [n for n in super().authors() if n not in editors]
        result: list[str] = self.fallback("authors", names)
        return result

    def editor(self) -> str | None:
        # The generic authors() asks for the editor too: decide (and count a fallback) once.
        if "editor" not in self._memo:
            self._memo["editor"] = self.find_editor()
        value: str | None = self._memo["editor"]
        return value

    def find_editor(self) -> str | None:
        line = self.byline()
        match = _RED.search(line) if line else None
        if match:
            return clean_person(match.group(1)) or None
        ld = self._ld_author()
        result: str | None = self.fallback("editor", ld[0] if ld else super().editor())
        return result

    # -- classification ------------------------------------------------------------------------

    def tags(self) -> list[str]:
        raw = self.page.meta_first("keywords")
        values = [collapse_ws(v) for v in raw.split(",")] if raw else []
        values = list(dict.fromkeys(v for v in values if v and len(v) < 80))
        if values:
            return values
        result: list[str] = self.fallback("tags", super().tags())
        return result

    def category(self) -> str | None:
        crumbs = [c for c in self.texts(".breadcrumb a") if c.lower() not in ("home", "beranda")]
        if crumbs:
            return crumbs[-1]
        result: str | None = self.fallback("category", super().category())
        return result

    def image_caption(self) -> str | None:
        text = text_of(select_one(self.root, ".detail__media-caption .caption-img"))
        return text or self.fallback("image_caption", super().image_caption())

    # -- pages ---------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        # One page per article; "Halaman N / M" dividers belong to the next-article reading feed.
        return Pagination(current=1, total=1, complete=True)


class Republika(Network):
    name = "republika"
    title = "Republika regional editions"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)?republika\.co\.id")
    open_portals = False
    article_path = ARTICLE_PATH
    # /berita/serial/next is the AJAX endpoint of the next-article reading feed
    not_article_path = re.compile(r"^/berita/+serial/")
    parser = RepublikaParser
    real_pages: ClassVar[tuple[str, ...]] = ()
    unverified: ClassVar[tuple[str, ...]] = (
        "dated index /index/{offset}/{YYYY}/{MM}/{DD} on the regional hosts",
        "/rss on the regional hosts",
        "Rep:/Red: byline under .max-card__title",
        "date line div.date-item__headline",
        "portal brand names",
    )
    discovery = ("index/{offset}/YYYY/MM/DD", "rss", "robots.txt", "sitemap")
    #: extraction-health thresholds (share of a run's records with the field; newscrawl.health)
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "editor": 0.8, "body": 1.0}

    def index_url(self, portal: str, day: date, number: int) -> str | None:
        offset = (number - 1) * INDEX_STEP
        return f"{self.portal_base(portal)}/index/{offset}/{day:%Y/%m/%d}"

    def feed_urls(self, portal: str) -> list[str]:
        return [f"{self.portal_base(portal)}/rss"]
