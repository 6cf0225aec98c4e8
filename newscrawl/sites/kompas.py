"""Kompas.com regional: the ``*.kompas.com`` kanal hosts that carry regional news (regional, surabaya, ...).

**How it was checked:** real listing, articles reference only. One real page, the Kompas.com home page of
17 September 2017 (``kompas.com/homepage-listing-2017-09.html`` in ../shared/fixtures/real), read for link
discovery only:
every ``*.kompas.com/read/YYYY/MM/DD/<id>/<slug>`` link on it is an article (ids of 8 and 9 digits, no
kanal prefix in 2017, ``http://`` links), and ``foto.kompas.com/photo/read/...`` (alphanumeric id) is a photo
gallery, not an article. No real Kompas *article* page has been seen: the article rules are reference only
(templates.md §8): ``meta[name=content_PublishedDate]`` / ``content_author`` / ``content_editor`` /
``content_tags``, ``.read__time`` "Kompas.com - 05/09/2023, 20:37 WIB", ``.credit-title-name``, body
``.read__content`` with ``inject-baca-juga`` / ``kompasidRec`` furniture, "KOTA, KOMPAS.com -" datelines,
``?page=all``. Each own rule falls back to the structured-data and generic layers
(``newscrawl/fallback/kompas/<field>``).

Portals: the regional hosts of ``domains/kompas.txt``; ``indeks.kompas.com`` is the dated index, not a
portal. ``open_portals`` is False: nasional., tekno., bola. ... are Kompas but not regional, so a default
crawl takes only the listed hosts, while ``is_article_url`` still recognises every ``*.kompas.com``
``/read/`` article (the index and home pages link them all). Article URLs are canonicalised to https.

Dated index: ``https://indeks.kompas.com/?site=<kanal>&date=YYYY-MM-DD&page=N`` with the kanal being the
portal's first host label (regional.kompas.com -> ``regional``). The ``site=`` values for the regional
kanals are UNVERIFIED (the reference saw all|news|nasional|tekno|hype...).

Zone: Kompas prints WIB on every kanal ("... 20:37 WIB") and its CMS times are Jakarta times, so the
WITA-region hosts (makassar., balikpapan., samarinda.) keep the WIB default for zone-less times; a time
printed with WITA would still be read as +08:00.
"""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar

from newscrawl.parsing.article import ArticleParser, Pagination
from newscrawl.parsing.page import select, select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, collapse_ws, split_people
from newscrawl.urls import canonical_url, page_number, with_query

PORTALS: dict[str, str | None] = {
    "regional.kompas.com": None,
    "surabaya.kompas.com": None,
    "medan.kompas.com": None,
    "makassar.kompas.com": None,
    "palembang.kompas.com": None,
    "balikpapan.kompas.com": None,
    "samarinda.kompas.com": None,
    "megapolitan.kompas.com": None,
    "kilasdaerah.kompas.com": None,
}

#: Kompas hosts whose ``/read/`` pages are not articles (photo galleries, video), or that hold no articles
NOT_ARTICLE_HOSTS = frozenset(
    f"{sub}.kompas.com" for sub in ("foto", "video", "vik", "indeks", "sso", "assets", "jobs", "inside", "search")
)

# "Kompas.com - 05/09/2023, 20:37 WIB" / "Kompas.com, 05/09/2023, 20:37 WIB" / "... Diperbarui 06/09/2023, ..."
_READ_TIME_PREFIX = re.compile(r"^\s*Kompas\.com\s*[-,–]\s*", re.I)
_UPDATED = re.compile(r"\s*Diperbarui\b.*$", re.I | re.S)
# "Kontributor Ambon, Rahmat Rahman Patty" / "Penulis Nama" / "Tim Redaksi"
_CREDIT_ROLE = re.compile(r"^(?:Penulis|Kontributor|Reporter|Wartawan|Jurnalis)\b[^,]{0,40},\s*", re.I)


class KompasParser(ArticleParser):
    """Kompas.com read template: the ``content_*`` meta family first, then the visible credit and date line."""

    network = "kompas"
    body_selectors = ("div.read__content", ".read__content", "div.read__article")
    drop_selectors = (
        *ArticleParser.drop_selectors,
        "[class^='inject-baca-juga']",
        "[class*=' inject-baca-juga']",
        "[class*='kompasidRec']",
        "span.time-news",
        ".read__credit",
    )
    date_selectors = ("div.read__time", ".read__time")

    def headline(self) -> str:
        text = text_of(select_one(self.root, "h1.read__title")) or text_of(select_one(self.root, ".read__title"))
        return text or self.fallback("headline", super().headline())

    # -- dates -----------------------------------------------------------------------------------

    def find_visible_date(self) -> str | None:
        for node in select(self.root, ".read__time"):
            if self.in_sidebar(node):
                continue
            text = _UPDATED.sub("", text_of(node)).strip()
            if text:
                return text
        return self.fallback("published_at", super().find_visible_date())

    # -- people ----------------------------------------------------------------------------------

    def authors(self) -> list[str]:
        names: list[str] = []
        for node in select(self.root, ".credit-title-name"):
            text = _CREDIT_ROLE.sub("", text_of(node))
            names += [n for n in split_people(text) if n]
        if not names:
            meta = self.page.meta_first("content_author")
            names = split_people(meta) if meta else []
        if names:
            return list(dict.fromkeys(names))
        return self.fallback("authors", super().authors())

    def editor(self) -> str | None:
        meta = self.page.meta_first("content_editor")
        if meta and clean_person(meta):
            return clean_person(meta)
        return self.fallback("editor", super().editor())

    # -- body ------------------------------------------------------------------------------------

    def dateline_prefixes(self) -> tuple[str, ...]:
        return (*super().dateline_prefixes(), "KOMPAS.com")

    # -- classification --------------------------------------------------------------------------

    def tags(self) -> list[str]:
        raw = self.page.meta_first("content_tags")
        values = [collapse_ws(t) for t in raw.split(",")] if raw else []
        values = [v for v in dict.fromkeys(values) if v]
        return values or self.fallback("tags", super().tags())

    def category(self) -> str | None:
        crumbs = [
            c
            for c in self.texts(".breadcrumb__wrap .breadcrumb__item")
            if c.lower() not in ("home", "beranda", "kompas.com")
        ]
        if crumbs:
            return crumbs[-1]
        meta = self.page.meta_first("content_category")
        if meta:
            return collapse_ws(meta)
        return self.fallback("category", super().category())

    # -- pages -----------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        """``.paging__link`` items with ``?page=N`` (unverified for articles); a "Halaman all" link is not a page."""
        current = page_number(self.page.url) or 1
        links: dict[int, str] = {}
        canonical = canonical_url(self.canonical_url())
        pagers = [p for p in select(self.root, "div.paging, div.read__paging") if not self.in_sidebar(p)]
        for pager in pagers:
            for anchor in pager.iter("a"):
                href = self.absolute(anchor.get("href"))
                label = text_of(anchor)
                if not href or canonical_url(href) != canonical or not label.isdigit():
                    continue
                number = page_number(href) or int(label)
                links.setdefault(number, href)
                if "paging__link--active" in (anchor.get("class") or ""):
                    current = number
        total = max([current, *links])
        complete = total == 1 or ("page=all" in self.page.url and not links)
        return Pagination(current=current, total=total, links=links, complete=complete)


class Kompas(Network):
    name = "kompas"
    title = "Kompas.com regional"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)?kompas\.com")
    open_portals = False
    not_article_hosts = NOT_ARTICLE_HOSTS
    # /read/YYYY/MM/DD/<numeric id>/<slug>, optionally under a kanal segment (www.kompas.com/tren/read/...)
    article_path = re.compile(r"^/(?:[\w-]+/)?read/\d{4}/\d{2}/\d{2}/\d+/[\w.-]+")
    not_article_path = re.compile(
        r"^/(?:photo|video|tag|topik-pilihan|search|indeks|jeo|image)(?:/|$)|/(?:photo|video)/read/", re.I
    )
    parser = KompasParser
    full_text_param = ("page", "all")
    real_pages = ("nasional.kompas.com/19002791-kspi-prabowo-rizal-ramli-2018.html",)
    real_listings = ("kompas.com/homepage-listing-2017-09.html",)
    unverified = (
        "article template (no real Kompas article page seen)",
        "indeks.kompas.com site= values for regional kanals",
        "content_* meta family",
        ".read__time date line",
        ".credit-title-name reporter",
        "article pager .paging__link",
        "?page=all honoured",
        "inject-baca-juga / kompasidRec furniture",
        "'Diperbarui' part of the date line",
        "'Kontributor <city>, <name>' credit form",
        ".breadcrumb__wrap category",
    )
    discovery = ("indeks.kompas.com ?site=&date=", "robots.txt", "sitemap")
    robots_sitemaps = True
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "editor": 0.9, "body": 1.0}

    def canonicalize(self, url: str) -> str:
        """Page-1 URL over https (2017 pages link ``http://``), paging and tracking query dropped."""
        url = canonical_url(url)
        return "https://" + url.split("://", 1)[1] if url.startswith("http://") else url

    def kanal(self, portal: str) -> str:
        """The ``site=`` value of a portal on indeks.kompas.com (its first host label; UNVERIFIED)."""
        return portal.split(".", 1)[0]

    def index_url(self, portal: str, day: date, number: int) -> str | None:
        return with_query("https://indeks.kompas.com/", site=self.kanal(portal), date=day.isoformat(), page=str(number))
