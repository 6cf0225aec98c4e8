"""Media Indonesia (``mediaindonesia.com``): one national portal whose regional desk is ``/nusantara``
(plus the ``/jabar`` vertical its menu names).

How it was checked: **real page** — ``mediaindonesia.com/851796-wisuda-igi-2026-01-20.html`` in
../shared/fixtures/real (January 2026). On it: the writer is ``div.info div.author-2`` (= dataLayer
``author``); the JSON-LD ``author`` is the *editor* (= dataLayer ``editor``), printed after the text as
``div.info-author`` "Editor : <a class="author">Name</a>"; the date line is ``span.datetime``
"20/1/2026 18:30" (WIB, no zone); the last paragraph ends with a desk code "(E-2)"; tags are
``ul.related-tags a`` with a decorative "# "; after the text come a Google News/WhatsApp promo
(``div.ext-channel``) and ad slots (``div.flying-carpet``, ``._ap_apex_ad``). The article has **no
pager**, and nothing on the page names a full-text form, so the module has none (a one-page template;
the generic pager reader stays on as a safety net).
Its links give the article URL shape ``/{kanal}/{id}/{slug}`` and the section hubs (``/nusantara``,
``/jabar``, ``/tag/...``, ``/foto``, ``/video``, ``/infografis``, ``/indeks``).

Not on the real page (reference only, see ``unverified``):
- the listing pager. The page's own script only shows that listing pages carry a ``.pagination`` block
  of links whose second link is ``#`` on the last page; the page-N URL ``/{kanal}/20/{offset}`` is from
  a 2026 crawler (EGI in templates.md §0) that fetched ``/ekonomi/20/40`` live;
- robots.txt and its sitemap (no public source confirmed their paths);
- "Baca juga" paragraphs (``p.related-news`` in a public scraper, NW).
"""

from __future__ import annotations

import re
from typing import ClassVar

from newscrawl.parsing.article import GENERIC_DROP_SELECTORS, ArticleParser
from newscrawl.parsing.page import select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, split_people
from newscrawl.urls import canonical_url, host_of

HOME = "mediaindonesia.com"
#: items per listing page in the ``/{kanal}/{size}/{offset}`` pager (reference: EGI ``/ekonomi/20/40``)
LISTING_PAGE_SIZE = 20


class MediaIndonesiaParser(ArticleParser):
    network = "mediaindonesia"
    body_selectors = ("div.article",)
    drop_selectors = (
        *GENERIC_DROP_SELECTORS,
        "div.ext-channel",
        "div.info-author",
        "div.flying-carpet",
        "div.dfp-ad",
        "[class*='_ap_apex_ad']",
        "p.related-news",
    )
    date_selectors = ("div.info span.datetime", "span.datetime")

    def authors(self) -> list[str]:
        # The JSON-LD author is the editor; the writer is the name under the headline.
        names = split_people(text_of(select_one(self.root, "div.info div.author-2")))
        return names or self.fallback("authors", super().authors())

    def editor(self) -> str | None:
        name = clean_person(text_of(select_one(self.root, "div.info-author a.author")))
        name = name or clean_person(text_of(select_one(self.root, "div.info-author")))
        return name or self.fallback("editor", super().editor())

    def category(self) -> str | None:
        crumbs = [c for c in self.texts("ul.mi-breadcrumb li a") if c.lower() not in ("home", "beranda")]
        return crumbs[-1] if crumbs else self.fallback("category", super().category())

    def tags(self) -> list[str]:
        return self.texts("ul.related-tags a", strip="# ") or self.fallback("tags", super().tags())

    def image_caption(self) -> str | None:
        text = text_of(select_one(self.root, "div.article figure.main-img figcaption"))
        return text or self.fallback("image_caption", super().image_caption())


class MediaIndonesia(Network):
    name = "mediaindonesia"
    title = "Media Indonesia"
    portals: ClassVar[dict[str, str | None]] = {HOME: "Media Indonesia"}
    #: the bare host and www; epaper./dpr. subdomains are not the news portal
    host_pattern = re.compile(r"(?:www\.)?mediaindonesia\.com")
    open_portals = True
    #: ``/{kanal}/{id}/{slug}``; the slug must have a letter (``/ekonomi/20/40`` is a listing page)
    article_path = re.compile(r"^/[\w-]+/\d+/(?=[\w-]*[A-Za-z])[\w-]+/?$")
    not_article_path = re.compile(
        r"^/(?:tag|foto|video|galleries|infografis|indeks|search|author|statics|template|epaper|e-paper"
        r"|streaming|pengumuman|compro|login)(?:/|$)",
        re.I,
    )
    parser = MediaIndonesiaParser
    full_text_param = None
    real_pages = ("mediaindonesia.com/851796-wisuda-igi-2026-01-20.html",)
    unverified = (
        "listing pager /{kanal}/20/{offset}",
        "robots.txt sitemap",
        "p.related-news (Baca juga)",
    )
    discovery = ("robots.txt", "sitemap", "/nusantara + /jabar listing /{kanal}/20/{offset}")
    listing_paths = ("/nusantara", "/jabar")
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.9, "editor": 0.9, "body": 1.0}

    def portal_of(self, url: str) -> str | None:
        return HOME if self.owns(url) else None

    def portal_key(self, value: str) -> str:
        return super().portal_key(value).removeprefix("www.")

    def canonicalize(self, url: str) -> str:
        url = canonical_url(url)
        if host_of(url) == "www." + HOME:
            url = url.replace("://www." + HOME, "://" + HOME, 1)
        return url

    def listing_page_url(self, url: str, number: int) -> str:
        """Page ``number`` of a kanal listing: ``/nusantara`` -> ``/nusantara/20/20``, ``/nusantara/20/40``."""
        if number <= 1:
            return url
        return f"{url.rstrip('/')}/{LISTING_PAGE_SIZE}/{(number - 1) * LISTING_PAGE_SIZE}"
