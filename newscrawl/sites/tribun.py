"""Tribun Network: the ``*.tribunnews.com`` regional portals (TribunSolo, TribunJateng, Tribun-Timur, ...).

One template across the network. **How it was checked:** real page
``solo.tribunnews.com/2020-10-09-protokol-kesehatan-3m.html`` in ../shared/fixtures/real (TribunSolo,
page 1 of 2, October 2020): headline, the ``<time>`` date line, ``div#editor`` "Editor: X" (no ``<a>`` in
2020), the "Sumber:" credit, the body ``div.side-article.txt-article`` with its ``p.baca`` related links and
in-body ``<figure>``, the "TRIBUNSOLO.COM, JAKARTA --" dateline, breadcrumb, ``h5.tagcloud3`` tags and the
``div.paging`` pager (``#pagecurrent`` + ``?page=2``). On that page the JSON-LD ``author`` is the editor
and no reporter is named, so JSON-LD ``author`` is never taken as a reporter here.

Reference only (templates.md §4, not seen on a real page): the ``#penulis a`` reporter and ``#editor a``
links, the ``div.sources`` credit, "Laporan Wartawan ..." reporter lines, the "Ringkasan Berita"
``blockquote.summary-article``, the 2025 numeric article URLs ``/{kategori}/{id}/{slug}``, the pager's
"Halaman 1/2" ``span.total-page``, the dated index ``/index-news?date=YYYY-MM-DD&page=N`` (items
``ul.lsi li.ptb15 h3 a``; the ``h4.red`` topic pills are not articles) and the regional ``/rss`` feeds.
The www ``/rss`` is broken (every item links the home page, EGI 2026-07), so no feed is read for www,
which is not a portal of this crawl anyway. Sitemaps: the regional hosts' are UNVERIFIED (the reference saw only
www's sitemap index of ``{section}/sitemap-news.xml``); a portal's robots.txt ``Sitemap:`` lines are read, else
``/sitemap.xml`` is tried, one cheap request that answers 404 harmlessly. Zones: WITA (+08:00) for Bali, NTB,
NTT, Kalimantan Timur/Utara and Sulawesi portals, WIT (+09:00) for Maluku and Papua, WIB elsewhere (also
kalteng); a zone printed on the page wins. Every own rule falls back to the structured-data and generic
layers when its selector finds nothing (counted as ``newscrawl/fallback/tribun/<field>``).

Portals: the regional hosts of ``domains/tribun.txt`` (not www/m., not the verticals video, style, health,
travel, trends, wow, newsmaker, jualbeli; the UNVERIFIED banjarmasin/pontianak/jambi/mataraman guesses are
left out). Any other ``*.tribunnews.com`` host still counts as a regional portal (``open_portals``) unless it
is www, m. or a vertical. Names: "Tribun Solo" from the real page; the others from the ``# note:`` lines of
the domain list, as written there; None where no note names the portal. The record's ``site_name`` is what
the page calls itself (``og:site_name``, else the JSON-LD publisher), the table's name only when the page
says nothing. Caveat from the reference: EGI (2026) says the regional sites have moved to their own
domains; the new hosts are not known, so only ``*.tribunnews.com`` is covered.
"""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar

from newscrawl.parsing.article import ArticleParser, Pagination
from newscrawl.parsing.page import select, select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, collapse_ws, split_people
from newscrawl.urls import canonical_url, host_of, page_number, with_query

PORTALS: dict[str, str | None] = {
    "jakarta.tribunnews.com": "TribunJakarta.com",
    "wartakota.tribunnews.com": "WartaKotaLive.com",
    "bogor.tribunnews.com": "TribunnewsBogor.com",
    "depok.tribunnews.com": None,
    "bekasi.tribunnews.com": None,
    "tangerang.tribunnews.com": None,
    "banten.tribunnews.com": None,
    "jabar.tribunnews.com": "TribunJabar.com",
    "cirebon.tribunnews.com": None,
    "jateng.tribunnews.com": "TribunJateng.com",
    "banyumas.tribunnews.com": None,
    "pantura.tribunnews.com": None,
    "solo.tribunnews.com": "Tribun Solo",
    "jogja.tribunnews.com": None,
    "jatim.tribunnews.com": None,
    "surabaya.tribunnews.com": "Surya.co.id",
    "suryamalang.tribunnews.com": None,
    "madura.tribunnews.com": None,
    "bali.tribunnews.com": None,
    "lombok.tribunnews.com": None,
    "mataram.tribunnews.com": None,
    "kupang.tribunnews.com": "Pos-Kupang.com",
    "flores.tribunnews.com": None,
    "aceh.tribunnews.com": "SerambiNews.com",
    "prohaba.tribunnews.com": None,
    "medan.tribunnews.com": None,
    "padang.tribunnews.com": None,
    "pekanbaru.tribunnews.com": None,
    "batam.tribunnews.com": None,
    "palembang.tribunnews.com": "Sripoku.com",
    "sumsel.tribunnews.com": None,
    "bangka.tribunnews.com": "BangkaPos.com",
    "belitung.tribunnews.com": "PosBelitung.co",
    "babel.tribunnews.com": None,
    "lampung.tribunnews.com": None,
    "kaltim.tribunnews.com": None,
    "kaltara.tribunnews.com": None,
    "kalteng.tribunnews.com": None,
    "makassar.tribunnews.com": "Tribun-Timur.com",
    "sulbar.tribunnews.com": None,
    "sultra.tribunnews.com": None,
    "palu.tribunnews.com": None,
    "manado.tribunnews.com": None,
    "ternate.tribunnews.com": None,
    "ambon.tribunnews.com": None,
    "papua.tribunnews.com": None,
    "papuabarat.tribunnews.com": None,
}

#: ``*.tribunnews.com`` hosts that are not regional portals: the national site, its mobile mirror, verticals
NOT_PORTALS = frozenset(
    f"{sub}.tribunnews.com"
    for sub in ("www", "m", "video", "style", "health", "travel", "trends", "wow", "newsmaker", "jualbeli")
) | {"tribunnews.com"}

# Bali, NTB, NTT, Kalimantan Timur/Utara, Sulawesi: WITA. Maluku, Maluku Utara, Papua: WIT.
# Kalimantan Tengah (kalteng) is WIB.
HOST_OFFSETS: dict[str, str] = {
    **{
        f"{sub}.tribunnews.com": "+08:00"
        for sub in (
            "bali",
            "lombok",
            "mataram",
            "kupang",
            "flores",
            "kaltim",
            "kaltara",
            "makassar",
            "sulbar",
            "sultra",
            "palu",
            "manado",
        )
    },
    **{f"{sub}.tribunnews.com": "+09:00" for sub in ("ternate", "ambon", "papua", "papuabarat")},
}

# "Laporan Wartawan TribunSolo.com, Agil Trisetiawan" / "Laporan Reporter Tribun Jogja, Ahmad Syarifudin"
_REPORT_LINE = re.compile(
    r"^Laporan\s+(?:Wartawan|Reporter|Kontributor|Jurnalis)\s+(?:[\w.-]+(?:\s+[\w.-]+){0,3}?)\s*,\s*(.{3,80}?)\s*$",
    re.I,
)
# "Halaman 1/3" (span.total-page, 2026 template)
_PAGE_OF = re.compile(r"Halaman\s*(\d+)\s*/\s*(\d+)", re.I)
_AMP_PATH = re.compile(r"^/amp(?=/)")


class TribunParser(ArticleParser):
    """Tribun rules: JSON-LD ``author`` is the editor; reporter and editor come from the credit box."""

    network = "tribun"
    body_selectors = ("div.side-article.txt-article", "div.txt-article")
    drop_selectors = (
        *ArticleParser.drop_selectors,
        "blockquote.summary-article",
        "p.baca",
        ".ads-placeholder",
        "#penulis",
        "#editor",
    )
    date_selectors = ("div.grey.bdr3 time", "div.mt10 time", "time.grey", "time[datetime]")

    # -- site ------------------------------------------------------------------------------------

    def site_name(self) -> str | None:
        # What the page calls itself first: the table's names for most portals are link texts from the
        # network menu (e.g. "Tribun-Timur.com"), not necessarily the name the portal prints.
        og = self.page.meta_first("og:site_name")
        if og and not og.lower().startswith("http"):
            return collapse_ws(re.split(r"\s*[:|]\s+|\s+[-–]\s+", og)[0]) or self.known_site_name
        publisher = self.page.article_ld.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and publisher["name"].strip():
            return collapse_ws(publisher["name"])
        return self.known_site_name

    # -- people ----------------------------------------------------------------------------------

    def report_line_names(self) -> list[str]:
        """Reporters named by a "Laporan Wartawan <media>, <name>" line at the top of the body."""
        container = self.body_container()
        if container is None:
            return []
        for node in container.iter("p", "div", "strong"):
            match = _REPORT_LINE.match(text_of(node))
            if match:
                return split_people(match.group(1))
        return []

    def authors(self) -> list[str]:
        names = [n for text in self.texts("#penulis a") for n in split_people(text)]
        if not names:
            penulis = text_of(select_one(self.root, "#penulis"))
            names = split_people(penulis) if penulis else []
        if not names:
            names = self.report_line_names()
        if names:
            return list(dict.fromkeys(names))
        # Generic layer, minus the editor: Tribun's JSON-LD "author" is the editor, not a reporter.
        editor = self.editor()
        return [name for name in self.fallback("authors", super().authors()) if name != editor]

    def editor(self) -> str | None:
        name = clean_person(text_of(select_one(self.root, "#editor a")) or text_of(select_one(self.root, "#editor")))
        if name:
            return name
        generic = super().editor()
        if generic:
            return self.fallback("editor", generic)
        # Last resort: the JSON-LD "author", which on Tribun is the editor (real page: equal to dataLayer editor).
        ld = self._ld_names(self.page.article_ld.get("author"))
        return self.fallback("editor", ld[0] if ld else None)

    def source(self) -> str | None:
        for css in ("div.sources a[title]", "div.sources a"):
            for node in select(self.root, css):
                value = node.get("title") or text_of(node)
                if value and value.strip():
                    return collapse_ws(value)
        label = self.labelled_lines.get("sumber")
        if label:
            return collapse_ws(label)
        return self.fallback("source", super().source())

    # -- body ------------------------------------------------------------------------------------

    def clean_paragraphs(self, paragraphs: list[str]) -> list[str]:
        # "Laporan Wartawan TribunSolo.com, X" is a byline, not text.
        kept = [p for p in paragraphs if not _REPORT_LINE.match(collapse_ws(p))]
        return super().clean_paragraphs(kept)

    def dateline_prefixes(self) -> tuple[str, ...]:
        host = self.page.host.split(".")[0]
        return (*super().dateline_prefixes(), f"TRIBUN{host.upper()}.COM", "TRIBUNNEWS.COM")

    # -- classification --------------------------------------------------------------------------

    def tags(self) -> list[str]:
        return self.texts("h5.tagcloud3 a", strip="#") or self.fallback("tags", super().tags())

    def category(self) -> str | None:
        crumbs = [c for c in self.texts("ul.breadcrumb li") if c.lower() not in ("home", "beranda")]
        return crumbs[-1] if crumbs else self.fallback("category", super().category())

    def image_caption(self) -> str | None:
        text = text_of(select_one(self.root, "#artimg div.grey2"))
        return text or self.fallback("image_caption", super().image_caption())

    # -- pages -----------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        """``div.paging``: ``#pagecurrent`` and ``?page=N`` links (2020); "Halaman 1/2" when links are few."""
        current = page_number(self.page.url) or 1
        total = 1
        links: dict[int, str] = {}
        canonical = canonical_url(self.canonical_url())
        pagers = [p for p in select(self.root, "div.paging, div.pagination-wrap") if not self.in_sidebar(p)]
        for pager in pagers:
            for anchor in pager.iter("a"):
                href = self.absolute(anchor.get("href"))
                if not href or href.endswith("#") or canonical_url(href) != canonical:
                    continue
                number = page_number(href)
                label = text_of(anchor)
                if number is None and (anchor.get("id") == "pagecurrent" or label == "1"):
                    number = 1
                if number is not None:
                    links.setdefault(number, href)
                    if anchor.get("id") == "pagecurrent":
                        current = number
            match = _PAGE_OF.search(text_of(pager))
            if match:
                current, total = int(match.group(1)), int(match.group(2))
        total = max([total, current, *links])
        # A pager that names the total but links only the next page: the page URLs follow ?page=N.
        for number in range(1, total + 1):
            links.setdefault(number, canonical if number == 1 else with_query(canonical, page=str(number)))
        all_requested = "page=all" in self.page.url
        # ?page=all honoured: the answer has no pager of its own.
        complete = total == 1 or (all_requested and not pagers)
        return Pagination(current=current, total=total, links=links if total > 1 else {}, complete=complete)


class Tribun(Network):
    name = "tribun"
    title = "Tribun Network"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)?tribunnews\.com")
    open_portals = True
    not_article_hosts = frozenset({"video.tribunnews.com"})
    # Legacy /YYYY/MM/DD/slug (www also /section/YYYY/MM/DD/slug) and, since 2025, /kategori/<id>/slug.
    article_path = re.compile(
        r"^/(?:amp/)?(?:(?:[a-z0-9-]+/)?\d{4}/\d{2}/\d{2}/[\w-]+|[a-z0-9-]+/\d{5,}/[\w-]+)/?$", re.I
    )
    # First path segments that are never articles (EGI), plus index-news and kanal listings
    not_article_path = re.compile(
        r"^/(?:amp/)?(?:api|posts|ajax|json|auth|member|komentar|search|tag|topic|penulis|editor|epaper|images"
        r"|webstories|foto|video|index-news|rss|sitemap[\w.-]*)(?:/|$)",
        re.I,
    )
    parser = TribunParser
    host_offsets = HOST_OFFSETS
    full_text_param = ("page", "all")
    real_pages = (
        "solo.tribunnews.com/2020-10-09-protokol-kesehatan-3m.html",
        "tribunnews.com/kadishub-dki-taksi-uber-2015.html",
    )
    unverified = (
        "index-news dated index (items ul.lsi li.ptb15 h3 a)",
        "regional /rss feeds",
        "regional /sitemap.xml",
        "numeric /kategori/<id>/slug article URLs",
        "#penulis a reporter",
        "#editor a link form",
        "div.sources credit",
        "Laporan Wartawan reporter line",
        "blockquote.summary-article (Ringkasan Berita)",
        "pager 'Halaman 1/N' span.total-page",
        "?page=all honoured on multi-page articles",
        "portal names other than Tribun Solo",
        "brand datelines other than TRIBUNSOLO.COM (TRIBUN-TIMUR.COM, ...)",
        "WITA/WIT printed on eastern portals",
    )
    discovery = ("index-news?date=", "robots.txt", "sitemap", "rss")
    robots_sitemaps = True
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "editor": 0.9, "body": 1.0}

    def is_portal(self, url: str) -> bool:
        return host_of(url) not in NOT_PORTALS and super().is_portal(url)

    def canonicalize(self, url: str) -> str:
        """Page-1 URL: paging/tracking query dropped, ``/amp/`` and the ``m.`` mirror mapped to the page."""
        url = canonical_url(url)
        scheme, rest = url.split("://", 1)
        host, _, path = rest.partition("/")
        path = _AMP_PATH.sub("", "/" + path)
        if host == "m.tribunnews.com":
            host = "www.tribunnews.com"
        return f"{scheme}://{host}{path}"

    def index_url(self, portal: str, day: date, number: int) -> str | None:
        return f"{self.portal_base(portal)}/index-news?date={day.isoformat()}&page={number}"

    def feed_urls(self, portal: str) -> list[str]:
        # The www feed links every item to the home page (EGI 2026-07); www is not a portal here.
        if portal in NOT_PORTALS:
            return []
        return [f"{self.portal_base(portal)}/rss"]
