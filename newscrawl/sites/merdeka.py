"""Merdeka.com (KLY): one national portal, ``www.merdeka.com``, whose regional stories carry the category
"Regional" (and, in the 2020 layout, sections such as ``/jateng``, ``/jatim``, ``/jabar``, ``/sumut``).

How it was checked: the **link rules** against a real listing page, the Merdeka home page of October 2020
(``merdeka.com/homepage-listing.html`` in ../shared; every article link on it is the 2020 shape
``/{section}/{slug}.html``, and its ``/foto/{section}/{slug}.html`` galleries, ``/company/*.html`` and
``/workstation/*.html`` pages are not news articles). The **article rules are reference only**: no Merdeka
article page is among the real pages; they follow templates.md §14 (a 2026 crawler, EGI) for the current
template and public 2020 scrapers for the old one, and the fixtures are hand-written in those shapes.

Current template (reference only): URL ``/{section}/read/{id}/{slug}`` (exactly four segments; ``foto``,
``video`` and ``slideshow`` sections are galleries); JSON-LD NewsArticle whose ``author[0].name`` is null, so
the byline is ``[data-tracking=author_name]`` / ``meta[name=author]``; category = the last
``nav.breadcrumb-navigation li`` (the JSON-LD BreadcrumbList ends with the headline); body = the direct
``p`` (and subheading) children of ``.articles-content__body``, every page of a multi-page article already
merged there between ``div.page-break[data-page]`` markers, so one response is the whole article; tags
``.tags-articles__list a``. robots.txt forbids every URL with ``?``: no full-text parameter, no ``?page=N``
listing. Discovery: robots.txt → ``/sitemap.xml`` (index) → ``/{section}/sitemap.xml`` Google News sitemaps.

2020 template (reference only): ``div.mdk-dt-headline h1``, ``span.date-post`` "Rabu, 14 Oktober 2020
18:33" (WIB), ``div.reporter a``, ``div.mdk-breadcrumb a``, body ``div.mdk-body-paragraph``, a leading
"Merdeka.com - " and a trailing "[abc]" desk code.
"""

from __future__ import annotations

import copy
import re
from typing import ClassVar
from urllib.parse import urlsplit, urlunsplit

from lxml.etree import _Element

from newscrawl.parsing.article import GENERIC_BODY_SELECTORS, GENERIC_DROP_SELECTORS, ArticleParser, Pagination
from newscrawl.parsing.page import select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import split_people
from newscrawl.urls import canonical_url

HOST = "www.merdeka.com"
_TEXT_CHILDREN = frozenset({"p", "h2", "h3", "blockquote", "ul", "ol"})
#: the 2020 template's closing desk code: "[ded]", "[rhm]"
_DESK_CODE = re.compile(r"\s*\[[a-z]{2,5}\]\s*$")


class MerdekaParser(ArticleParser):
    network = "merdeka"
    body_selectors = (".articles-content__body", "div.mdk-body-paragraph", *GENERIC_BODY_SELECTORS)
    drop_selectors = (
        *GENERIC_DROP_SELECTORS,
        ".page-break",
        ".advertisement-placeholder",
        ".baca-juga-collections",
        "[class*='bg-primary-50']",
    )
    date_selectors = ("div.col-dt-left span.date-post", "span.date-post")

    def headline(self) -> str:
        text = text_of(select_one(self.root, "h1.articles-content__title")) or text_of(
            select_one(self.root, "div.mdk-dt-headline h1")
        )
        return text or self.fallback("headline", super().headline())

    def authors(self) -> list[str]:
        # JSON-LD author[0].name is null on this template: the byline and meta author name the writer.
        for value in (
            text_of(select_one(self.root, "[data-tracking=author_name]")),
            self.page.meta_first("author") or "",
            text_of(select_one(self.root, "div.reporter a")),
        ):
            names = [name for name in split_people(value) if not self._is_site_label(name)]
            if names:
                return names
        return self.fallback("authors", super().authors())

    def category(self) -> str | None:
        # The JSON-LD BreadcrumbList ends with the headline and names only the channel ("News").
        crumbs = self.texts("nav.breadcrumb-navigation li")
        if not crumbs:
            crumbs = [c for c in self.texts("div.mdk-breadcrumb a") if c.lower() not in ("home", "beranda")]
        return crumbs[-1] if crumbs else self.fallback("category", super().category())

    def tags(self) -> list[str]:
        return self.texts(".tags-articles__list a", strip="#") or self.fallback("tags", super().tags())

    def find_body_container(self) -> _Element | None:
        node = select_one(self.root, ".articles-content__body")
        if node is not None:
            # Only the direct text children are the article: ads, "Baca Juga" boxes and page-break markers
            # are sibling divs (the ad placeholder nests its own "<p>Advertisement</p>").
            pruned = copy.deepcopy(node)
            for child in list(pruned):
                if not isinstance(child.tag, str) or child.tag not in _TEXT_CHILDREN:
                    pruned.remove(child)
            return pruned
        node = select_one(self.root, "div.mdk-body-paragraph")
        if node is not None:
            return node
        return self.fallback("body", super().find_body_container())

    def dateline_prefixes(self) -> tuple[str, ...]:
        return ("MERDEKA.COM",)

    def clean_paragraphs(self, paragraphs: list[str]) -> list[str]:
        kept = super().clean_paragraphs(paragraphs)
        if kept and _DESK_CODE.fullmatch(kept[-1]):
            kept.pop()
        if kept:
            kept[-1] = _DESK_CODE.sub("", kept[-1])
        return kept

    def pagination(self) -> Pagination:
        # Every page of a multi-page article is in the one response (div.page-break markers).
        return Pagination(complete=True)


class Merdeka(Network):
    name = "merdeka"
    title = "Merdeka.com"
    portals: ClassVar[dict[str, str | None]] = {HOST: "Merdeka.com"}
    host_pattern = re.compile(r"(?:www\.)?merdeka\.com")
    open_portals = True
    #: current ``/{section}/read/{id}/{slug}`` or 2020 ``/{section}/{slug}.html``
    article_path = re.compile(r"^/[\w-]+/(?:read/\d+/[\w-]+|[\w-]+\.html)/?$")
    not_article_path = re.compile(
        r"^/(?:foto|video|slideshow|company|workstation|tag|search|author|reporter|indeks-berita|berita-hari-ini"
        r"|trending-article|summary|newsmaker)(?:/|$)",
        re.I,
    )
    parser = MerdekaParser
    real_pages = ("merdeka.com/penjaga-guantanamo-memeluk-islam-2015.html",)
    real_listings = ("merdeka.com/homepage-listing.html",)
    unverified = (
        "article rules (JSON-LD/meta, [data-tracking=author_name], nav.breadcrumb-navigation)",
        "body .articles-content__body direct children with page-break merged pages",
        "tags .tags-articles__list",
        "2020 article template (mdk-dt-headline, date-post, reporter, mdk-body-paragraph, [abc] code)",
        "robots.txt -> /sitemap.xml -> /{section}/sitemap.xml",
    )
    discovery = ("robots.txt", "sitemap index -> /{section}/sitemap.xml")
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.9, "body": 1.0}

    def portal_of(self, url: str) -> str | None:
        return HOST if self.owns(url) else None

    def portal_key(self, value: str) -> str:
        key = super().portal_key(value)
        return HOST if key == "merdeka.com" else key

    def canonicalize(self, url: str) -> str:
        """No query at all (robots.txt forbids every ``?`` URL; pages are never split by query) and ``www.``."""
        if not self.owns(url):
            return canonical_url(url)
        parts = urlsplit(url.strip())
        return urlunsplit(("https", HOST, parts.path or "/", "", ""))
