"""Jawa Pos Radar network: the ``radar{x}.jawapos.com`` regional portals (Radar Malang, Radar Kediri, ...)
and ``pontianakpost.jawapos.com``. ``www.jawapos.com`` is the national paper: it belongs to the network
(same URL shape, same parser) but is not a regional portal, so a default crawl never takes it.

How it was checked: **reference only** — templates.md §9 and domains/jawapos_radar.txt; no real Radar
page is in ../shared. The fixtures in tests/fixtures/sites/radar/ are hand-written in the structure the
reference describes (Inertia ``data-page`` JSON on Radar pages, ``script#__NEXT_DATA__`` on the Next.js
template of www.jawapos.com), with invented text.

Article data sits in embedded JSON, which is the primary source for every field:

* Inertia (Radar): ``<div id="app" data-page='{"component":..,"props":{..}}'>`` (also a
  ``<script data-page type="application/json">`` body); the article is ``props.article`` (or
  ``props.news`` / ``props.post`` when that is one article, not a listing).
* Next.js (www, possibly some portals): ``script#__NEXT_DATA__`` → ``props.pageProps.article``.
* Fields: ``title``, ``content`` (HTML), ``published_at`` (naive "2026-07-24 08:10:08" in the portal's
  zone), ``authors[].name``, ``editor.name``, ``category{slug,name}``, ``tags[].name``, ``cover``,
  ``description``. The body is the ``content`` HTML without ``<p><strong class="readmore">Baca Juga:…``
  and the client-side page markers ``<p class="page">``.

When the JSON is missing a field, the legacy DOM of the old template is read (``h1.read__title``,
``.read__info__date``, ``.read__info__author``, ``.read__content``), then the generic layer (counted as
``newscrawl/fallback/radar/<field>``). There is no NewsArticle JSON-LD on this network.

Whole article in one response: ``totalPages``/``<p class="page">`` split the text on the client only, and
``?page=2`` answers the same HTML, so pagination is always complete and the spider never follows pages.

Discovery: ``/indeks-berita`` (seen on radarkediri) paged ``?page=N``, and robots.txt → sitemaps. Radar
search/tag pages (``/search?q=``, ``/tag/{tag}``) list articles only in their Inertia JSON
(``props.news.data[]``), without ``<a>`` links: :meth:`Radar.listing_links` reads them, but the network
spider only reads ``a[href]`` so far; it needs a hook (``Network.listing_links(body, url)``, [] by default,
added to ``NetworkSpider.article_links``) before such pages can be listing paths.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from functools import cached_property
from html import unescape
from typing import Any, ClassVar
from urllib.parse import urljoin

import lxml.html
from lxml.etree import ParserError, _Element

from newscrawl import dates
from newscrawl.parsing.article import (
    GENERIC_BODY_SELECTORS,
    GENERIC_DATE_SELECTORS,
    GENERIC_DROP_SELECTORS,
    ArticleParser,
    DateChoice,
    Pagination,
)
from newscrawl.parsing.page import parse_html, select, select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, collapse_ws, split_people
from newscrawl.urls import host_of

PORTALS: dict[str, str | None] = {
    "radarmalang.jawapos.com": "Radar Malang",
    "radarjember.jawapos.com": "Radar Jember",
    "radarkediri.jawapos.com": "Radar Kediri",
    "radarsemarang.jawapos.com": "Radar Semarang",
    "pontianakpost.jawapos.com": "Pontianak Post",
}

#: any ``radar{x}.jawapos.com`` host is a regional portal, listed or not
REGIONAL_HOST = re.compile(r"radar[a-z0-9-]+\.jawapos\.com")

# Radar Bali is in WITA (an unlisted, plausible host); Pontianak (Kalbar) is WIB.
HOST_OFFSETS: dict[str, str] = {"radarbali.jawapos.com": "+08:00"}

_JSON_START = re.compile(r"^\s*[{\[]")


def _name(value: Any) -> str:
    """A name from a string or a ``{"name": ...}`` object."""
    if isinstance(value, dict):
        value = value.get("name")
    return collapse_ws(value) if isinstance(value, str) else ""


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [name for name in (_name(item) for item in items) if name]


def _json_at(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _is_article(value: Any) -> bool:
    return isinstance(value, dict) and bool(value.get("title")) and bool(value.get("content") or value.get("body"))


def embedded_pages(root: _Element) -> list[dict[str, Any]]:
    """The embedded JSON documents of a page: Inertia ``data-page`` objects, then ``__NEXT_DATA__``."""
    found: list[dict[str, Any]] = []
    for node in select(root, "[data-page]"):
        raw = node.get("data-page") or ""
        if not _JSON_START.match(raw) and node.tag == "script":
            raw = node.text or ""  # Inertia 2: <script data-page="app" type="application/json">{...}</script>
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, ValueError):
            continue
        if isinstance(data, dict):
            found.append(data)
    for node in select(root, "script#__NEXT_DATA__"):
        try:
            data = json.loads(node.text or "")
        except (json.JSONDecodeError, ValueError):
            continue
        if isinstance(data, dict):
            found.append(data)
    return found


def embedded_article(root: _Element) -> dict[str, Any]:
    """The article object of the page's embedded JSON, or {}."""
    for data in embedded_pages(root):
        props = data.get("props")
        for container in (props, _json_at(props, "pageProps")):
            if not isinstance(container, dict):
                continue
            for key in ("article", "news", "post", "detail"):
                value = container.get(key)
                if isinstance(value, dict) and _is_article(value.get("data")):
                    value = value["data"]
                if isinstance(value, dict) and _is_article(value):
                    return dict(value)
    return {}


class RadarParser(ArticleParser):
    """Embedded JSON first for every field, then the legacy DOM, then the generic layer."""

    network = "radar"
    body_selectors = (".read__content", *GENERIC_BODY_SELECTORS)
    drop_selectors = (
        *GENERIC_DROP_SELECTORS,
        "strong.readmore",
        ".readmore",
        "p.page",
        "[class*='read__others']",
    )
    date_selectors = (".read__info__date", *GENERIC_DATE_SELECTORS)

    @cached_property
    def article(self) -> dict[str, Any]:
        return embedded_article(self.root)

    def _text(self, *keys: str) -> str:
        for key in keys:
            value = self.article.get(key)
            if isinstance(value, str) and collapse_ws(value):
                return collapse_ws(unescape(value))
        return ""

    @cached_property
    def content(self) -> _Element | None:
        """The JSON ``content`` HTML parsed into one wrapper element (None when absent)."""
        html = self.article.get("content") or self.article.get("body")
        if not isinstance(html, str) or not html.strip():
            return None
        try:
            return lxml.html.fragment_fromstring(html, create_parent="div")
        except (ParserError, ValueError):
            return None

    # -- identity ------------------------------------------------------------------------------

    def headline(self) -> str:
        text = self._text("title") or text_of(select_one(self.root, "h1.read__title"))
        return text or self.fallback("headline", super().headline())

    # -- dates ---------------------------------------------------------------------------------

    def _json_date(self, *keys: str) -> DateChoice | None:
        for key in keys:
            raw = self.article.get(key)
            if isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw > 10**9:
                # epoch seconds (listing items carry ``timestamp``)
                zone = timezone(timedelta(hours=int(self.default_offset[:3]), minutes=int(self.default_offset[4:])))
                return DateChoice(str(raw), datetime.fromtimestamp(raw, zone))
            if isinstance(raw, str) and raw.strip():
                value = dates.parse_date(raw, default_offset=self.default_offset, now=self.now)
                if value is not None:
                    return DateChoice(raw.strip(), value)
        return None

    def published(self) -> DateChoice | None:
        choice = self._json_date("published_at", "date", "publish_date", "timestamp")
        if choice is not None:
            return choice
        text = text_of(select_one(self.root, ".read__info__date"))
        value = dates.parse_date(text, default_offset=self.default_offset, now=self.now) if text else None
        if value is not None:
            return DateChoice(text, value)
        result: DateChoice | None = self.fallback("published_at", super().published())
        return result

    def modified(self) -> str | None:
        choice = self._json_date("updated_at", "modified_at")
        return dates.to_iso(choice.value) if choice else super().modified()

    # -- people --------------------------------------------------------------------------------

    def authors(self) -> list[str]:
        names = _names(self.article.get("authors")) or _names(self.article.get("author"))
        names = names or _names(self.article.get("reporters"))
        if not names:
            node = select_one(self.root, ".read__info__author")
            if node is not None:
                links = [text_of(a) for a in node.iter("a")] or [text_of(node)]
                names = [n for link in links for n in split_people(link)]
        if names:
            unique: list[str] = []
            for name in (clean_person(n) for n in names):
                if name and name not in unique:
                    unique.append(name)
            return unique
        result: list[str] = self.fallback("authors", super().authors())
        return result

    def editor(self) -> str | None:
        # The generic authors() asks for the editor too: decide (and count a fallback) once.
        if "editor" not in self._memo:
            self._memo["editor"] = self.find_editor()
        value: str | None = self._memo["editor"]
        return value

    def find_editor(self) -> str | None:
        name = _name(self.article.get("editor"))
        if name:
            return clean_person(name) or None
        result: str | None = self.fallback("editor", super().editor())
        return result

    # -- body ----------------------------------------------------------------------------------

    def find_body_container(self) -> _Element | None:
        if self.content is not None and text_of(self.content):
            return self.content
        for node in select(self.root, ".read__content"):
            if not self.in_sidebar(node) and len(text_of(node)) >= 200:
                return node
        result: _Element | None = self.fallback("body", super().find_body_container())
        return result

    def dateline_prefixes(self) -> tuple[str, ...]:
        site = self.site_name() or ""
        prefixes = [site.upper(), site.upper().replace(" ", ""), "JAWAPOS.COM"]
        label = self.page.host.split(".")[0].upper()
        prefixes += [f"{label}.ID", f"{label}.JAWAPOS.COM", label]
        return tuple(dict.fromkeys(p for p in prefixes if p))

    def summary(self) -> str | None:
        return self._text("description", "excerpt") or super().summary()

    # -- classification ------------------------------------------------------------------------

    def tags(self) -> list[str]:
        names = _names(self.article.get("tags"))
        if names:
            return list(dict.fromkeys(n.lstrip("#") for n in names))
        result: list[str] = self.fallback("tags", super().tags())
        return result

    def category(self) -> str | None:
        name = _name(self.article.get("category"))
        if name:
            return name
        crumbs = [c for c in self.texts(".breadcrumb__wrap a, .breadcrumb a") if c.lower() not in ("home", "beranda")]
        if crumbs:
            return crumbs[-1]
        result: str | None = self.fallback("category", super().category())
        return result

    # -- image ---------------------------------------------------------------------------------

    def image_url(self) -> str | None:
        for key in ("cover", "image", "thumbnail", "featured_image"):
            value = self.article.get(key)
            if isinstance(value, dict):
                value = value.get("url") or value.get("src")
            if isinstance(value, str) and value.strip():
                return self.absolute(value)
        return super().image_url()

    def image_caption(self) -> str | None:
        text = self._text("caption", "cover_caption", "image_caption")
        if not text and self.content is not None:
            text = text_of(select_one(self.content, "figcaption"))
        return text or self.fallback("image_caption", super().image_caption())

    # -- pages ---------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        # ``totalPages`` and <p class="page"> split the text on the client; ?page=N answers the same HTML.
        return Pagination(current=1, total=1, complete=True)


class Radar(Network):
    name = "radar"
    title = "Jawa Pos Radar network"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)?jawapos\.com")
    # open: any radar{x}.jawapos.com host is regional; is_portal keeps www.jawapos.com (national) out
    open_portals = True
    article_path = re.compile(r"^/[\w-]+/\d{9,10}/[\w-]+")
    not_article_path = re.compile(r"^/(?:tag|tags|search|indeks-berita|indeks|author|penulis|reporter)(?:/|$)")
    parser = RadarParser
    host_offsets = HOST_OFFSETS
    real_pages: ClassVar[tuple[str, ...]] = ()
    unverified: ClassVar[tuple[str, ...]] = (
        "Inertia data-page article object (props.article)",
        "__NEXT_DATA__ on Radar portals",
        "legacy DOM selectors (read__title, read__info__date, read__info__author, read__content)",
        "/indeks-berita listing on portals other than radarkediri",
        "listing ?page=N",
        "editor in the embedded JSON",
        "one response per article on Radar portals (?page=2 same HTML; seen on www only)",
        "portal brand names",
    )
    discovery = ("indeks-berita ?page=N", "robots.txt", "sitemap", "JSON listings (Inertia data-page)")
    #: extraction-health thresholds (share of a run's records with the field; newscrawl.health)
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.8, "body": 1.0}
    listing_paths = ("/indeks-berita",)

    def is_portal(self, url: str) -> bool:
        portal = self.portal_of(url)
        return portal is not None and (portal in self.portals or bool(REGIONAL_HOST.fullmatch(portal)))

    def listing_links(self, html: str | bytes, url: str) -> list[str]:
        """Article URLs listed only in a page's Inertia JSON (``props.news.data[]``: search and tag pages).

        Each item has ``article_id``, ``slug`` and ``category.slug``; the URL is
        ``https://{host}/{category}/{article_id}/{slug}`` (or the item's own ``url``).
        """
        try:
            root = parse_html(html)
        except ValueError:
            return []
        base = f"https://{host_of(url)}"
        found: list[str] = []
        for data in embedded_pages(root):
            props = data.get("props")
            items: Any = None
            for path in (("news", "data"), ("articles", "data"), ("pageProps", "articles")):
                items = _json_at(props, *path)
                if isinstance(items, list):
                    break
            for item in items if isinstance(items, list) else []:
                if not isinstance(item, dict):
                    continue
                link = item.get("url") or item.get("link")
                if not isinstance(link, str) or not link:
                    category = _json_at(item, "category", "slug") or item.get("category_slug")
                    number = item.get("article_id") or item.get("id")
                    slug = item.get("slug")
                    if not (category and number and slug):
                        continue
                    link = f"/{category}/{number}/{slug}"
                absolute = urljoin(base + "/", link)
                if self.is_article_url(absolute):
                    canonical = self.canonicalize(absolute)
                    if canonical not in found:
                        found.append(canonical)
        return found
