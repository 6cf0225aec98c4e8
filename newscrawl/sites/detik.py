"""detikcom regional: detikJatim, detikJateng, detikJabar, detikJogja, detikBali, detikSulsel, detikSumut and
detikSumbagsel — PATH sections of one host (``https://www.detik.com/jatim/...``), not subdomains.

A portal key is therefore ``www.detik.com/<region>``; ``-a sites=`` also takes ``jatim``, ``detikjatim`` or any
URL under the section. Every other detik host (news., finance., hot., ...) is detik but not a regional portal
(``open_portals`` is False): its articles parse here, a default crawl does not take them.

**How it was checked.** Link rules against two real listing pages in ../shared/fixtures/real:
``news.detik.com/indeks-listing-2024-10.html`` (detikNews indeks, October 2024: ``article.list-content__item``
cards, ``/berita/d-<id>/slug`` articles, ``20.detik.com`` videos, a ``/foto-news/`` gallery, the
``div.pagination`` pager as ``/indeks/N`` and the ``form-tanggal`` date picker holding ``MM/DD/YYYY``) and
``detik.com/homepage-listing-2017-09.html`` (www.detik.com home, September 2017: the same ``d-<id>`` shape on
every kanal host, the older ``/read/YYYY/MM/DD/HHMMSS/<id>/<kanal>/slug`` form, ``readfoto`` and ``*-galeri``
galleries, ``detiktv`` videos, detikX long reads at ``x.detik.com/detail/<rubrik>/<YYYYMMDD>/<slug>/``).

The article rules are **reference only** (templates.md §7; no real detik article page is in ../shared):
``h1.detail__title``, ``div.detail__date``, the ``div.detail__author`` byline with its " - detikJatim" suffix,
``div.detail__body-text`` with its ``.noncontent`` / ``table.linksisip`` "Baca juga", ``.parallaxindetail``
ads and ``.detail__body-tag`` tags, the leading bare ``<strong>`` dateline, ``div.detail__category``, the
``div.detail__long-nav`` pager (``a.detail__anchor-numb``, page N at ``<article>/N``, from public scrapers),
``?single=1`` for the whole article, the regional dated index and WITA dates on detikBali/detikSulsel. Each own
rule falls back to the structured-data and generic layers when its selector finds nothing (counted as
``newscrawl/fallback/detik/<field>``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar
from urllib.parse import urlsplit, urlunsplit

from lxml.etree import _Element

from newscrawl.parsing.article import GENERIC_DROP_SELECTORS, ArticleParser, Pagination
from newscrawl.parsing.page import select, select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import collapse_ws, split_people
from newscrawl.urls import canonical_url, host_of

#: region path section -> the portal's own name
REGIONS: dict[str, str] = {
    "jatim": "detikJatim",
    "jateng": "detikJateng",
    "jabar": "detikJabar",
    "jogja": "detikJogja",
    "bali": "detikBali",
    "sulsel": "detikSulsel",
    "sumut": "detikSumut",
    "sumbagsel": "detikSumbagsel",
}
PORTALS: dict[str, str | None] = {f"www.detik.com/{region}": name for region, name in REGIONS.items()}
# Bali and Sulawesi Selatan print WITA; every other region is WIB.
HOST_OFFSETS: dict[str, str] = {"www.detik.com/bali": "+08:00", "www.detik.com/sulsel": "+08:00"}

#: hosts whose regional sections are the portals (``detik.com/jateng`` is linked without www on real pages)
_SECTION_HOSTS = frozenset({"www.detik.com", "detik.com"})
#: detik hosts that only serve video or photo pages
_MEDIA_HOSTS = frozenset({"20.detik.com", "tv.detik.com", "foto.detik.com"})

# Articles: /<rubrik>/d-<id>/<slug> on any detik host (real 2017 and 2024 pages), the pre-2018
# /read/YYYY/MM/DD/HHMMSS/<id>/<kanal>/<slug> form (real 2017 home page), and detikX long reads
# /detail/<rubrik>/<YYYYMMDD>/<slug>/ (real 2017 home page).
ARTICLE_PATH = re.compile(
    r"/d-\d{4,}(?:/|$)"
    r"|^(?:/[\w-]+)?/read/\d{4}/\d{2}/\d{2}/\d{6}/\d+/\d+/[\w-]+"
    r"|^/detail/[\w-]+/\d{8}/[\w-]+",
)
# A d-<id> page under a photo, video, tag or index rubrik is not an article: /foto-news/, /foto-bisnis/,
# /oto-galeri/, /detiktv/ (real 2017/2024 pages), /foto/, /video/, /tag/, /indeks/ (EGI).
NOT_ARTICLE_PATH = re.compile(
    r"/(?:tags?|indeks\w*|search|foto|videos?|detiktv|readfoto|(?:foto|video)-[\w-]+|[\w-]*galeri)/"
    r"(?:[\w-]+/)*d-\d"
)
# The article path without its page segment: .../d-<id>/<slug>[/<N>]
_PAGED = re.compile(r"^(.*/d-\d+(?:/(?!\d{1,3}/?$)[^/]+)?)(?:/\d{1,3})?/?$")
_PAGE_SEGMENT = re.compile(r"/d-\d+/[^/]+/(\d{1,3})/?$")

# Body lines that are page furniture on detik, never article text.
_FURNITURE = re.compile(
    r"^(?:simak\s+(?:selengkapnya\s+di\s+halaman|video\b)|\[gambas:[^\]]*\]$|advertisement$"
    r"|scroll\s+to\s+(?:continue|resume)\b|halaman\s+selanjutnya\b)",
    re.I,
)
# "Esti Widiyana - detikJogja" / "Tim detikJatim"
_BRAND_SUFFIX = re.compile(r"\s*[-–]\s*detik\w*\s*$", re.I)


class DetikParser(ArticleParser):
    """detik rules: byline with the portal suffix, the ``detail__body-text`` body, the long-nav pager."""

    network = "detik"
    drop_selectors = (
        *GENERIC_DROP_SELECTORS,
        ".noncontent",
        ".parallaxindetail",
        ".detail__body-tag",
        ".detail__long-nav",
        ".detail__multiple",
        ".linksisip",
        ".lihatjg",
        "[class*='ads-scrollpage']",
    )
    date_selectors = ("div.detail__date", *ArticleParser.date_selectors)

    # -- headline and date ---------------------------------------------------------------------

    def headline(self) -> str:
        return text_of(select_one(self.root, "h1.detail__title")) or self.fallback("headline", super().headline())

    def find_visible_date(self) -> str | None:
        text = text_of(select_one(self.root, "div.detail__date"))
        return text or self.fallback("published_at", super().find_visible_date())

    # -- people --------------------------------------------------------------------------------

    def authors(self) -> list[str]:
        names: list[str] = []
        for node in select(self.root, "div.detail__author"):
            # "A - detikJatim | B - detikJatim" / "A, B - detikJatim"; "Tim detikJatim" names nobody.
            for part in text_of(node).split("|"):
                part = _BRAND_SUFFIX.sub("", part).strip()
                if part and not re.fullmatch(r"(?:tim\s+)?detik\w*", part, re.I):
                    names.extend(n for n in split_people(part) if n not in names)
            if names:
                return names
        return self.fallback("authors", super().authors())

    # -- body ----------------------------------------------------------------------------------

    def find_body_container(self) -> _Element | None:
        # The text block, else its wrapper (a renamed inner class still leaves the text inside the wrapper).
        for css in ("div.detail__body-text", "div.itp_bodycontent", "div.detail__body"):
            node = select_one(self.root, css)
            if node is not None and len(text_of(node)) >= 80:
                return node
        return self.fallback("body", super().find_body_container())

    def dateline(self) -> str | None:
        """The leading bare ``<strong>Surabaya</strong> -`` of the body (also inside the first ``<p>`` or ``<div>``)."""
        node = self.body_container()
        for _ in range(3):
            if node is None or (node.text or "").strip():
                return None
            first = next((c for c in node if isinstance(c.tag, str) and c.tag not in ("script", "style")), None)
            if first is None:
                return None
            if first.tag in ("strong", "b"):
                text = text_of(first)
                dash = (first.tail or "").lstrip().startswith(("-", "–"))
                return text if dash and 0 < len(text) <= 40 else None
            node = first if first.tag in ("p", "div") else None
        return None

    def clean_paragraphs(self, paragraphs: list[str]) -> list[str]:
        kept = [p for p in paragraphs if not _FURNITURE.match(collapse_ws(p))]
        dateline = self.dateline()
        if dateline and kept:
            pattern = re.compile(rf"^{re.escape(dateline)}\s*[-–—]+\s*")
            first = pattern.sub("", collapse_ws(kept[0]), count=1)
            kept = kept[1:] if not first else [first, *kept[1:]]
        return super().clean_paragraphs(kept)

    # -- classification ------------------------------------------------------------------------

    def tags(self) -> list[str]:
        return self.texts(".detail__body-tag a", strip="#") or self.fallback("tags", super().tags())

    def category(self) -> str | None:
        crumbs = [c for c in self.texts("div.detail__category a") if c != self.site_name()]
        return crumbs[-1] if crumbs else self.fallback("category", super().category())

    # -- pages ---------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        """``div.detail__long-nav``: numbered ``a.detail__anchor-numb`` links, page N at ``<article>/N``."""
        canonical = Detik.to_canonical(self.canonical_url())
        match = _PAGE_SEGMENT.search(urlsplit(self.page.url).path)
        current = int(match.group(1)) if match else 1
        links: dict[int, str] = {}
        navs = [n for n in select(self.root, "div.detail__long-nav") if not self.in_sidebar(n)]
        for nav in navs:
            for anchor in select(nav, "a.detail__anchor-numb"):
                label = text_of(anchor)
                if not label.isdigit():
                    continue
                number = int(label)
                if "detail__anchor-numb--active" in (anchor.get("class") or ""):
                    current = number
                href = self.absolute(anchor.get("href"))
                if href and not href.endswith("#") and Detik.to_canonical(href) == canonical:
                    links[number] = href
        total = max([current, *links])
        single = "single=1" in urlsplit(self.page.url).query
        # ?single=1 honoured: the whole article and no pager.
        return Pagination(current=current, total=total, links=links, complete=total == 1 or (single and not navs))


class Detik(Network):
    name = "detik"
    title = "detikcom regional"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)?detik\.com")
    open_portals = False
    article_path = ARTICLE_PATH
    not_article_path = NOT_ARTICLE_PATH
    parser = DetikParser
    host_offsets = HOST_OFFSETS
    full_text_param = ("single", "1")
    real_pages = ("finance.detik.com/d-3999831-jonan-kelistrikan-2018.html",)
    real_listings = ("news.detik.com/indeks-listing-2024-10.html", "detik.com/homepage-listing-2017-09.html")
    unverified = (
        "article template (detail__title, detail__date, detail__author, detail__body-text)",
        "leading <strong> dateline",
        "detail__category category",
        "detail__body-tag tags",
        "long-nav pager with page N at <article>/N",
        "?single=1 full text",
        "regional dated index www.detik.com/<region>/indeks[/N]?date=MM/DD/YYYY",
        "WITA on detikBali and detikSulsel",
    )
    discovery = ("indeks?date=MM/DD/YYYY",)
    robots_sitemaps = False
    # news-watch reads up to 50 index pages per day and channel; the crawl stops earlier at a page
    # that brings no new article.
    index_max_pages = 50
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.9, "body": 1.0}

    # -- portals -------------------------------------------------------------------------------

    def portal_of(self, url: str) -> str | None:
        if not self.owns(url):
            return None
        host = host_of(url)
        if host in _SECTION_HOSTS:
            section = urlsplit(url).path.strip("/").split("/", 1)[0].lower()
            if section in REGIONS:
                return f"www.detik.com/{section}"
        return host

    def portal_key(self, value: str) -> str:
        """``jatim``, ``detikJatim``, ``www.detik.com/jatim`` or a URL under the section: ``www.detik.com/jatim``."""
        key = super().portal_key(value)
        bare = key.removeprefix("detik")
        if bare in REGIONS:
            return f"www.detik.com/{bare}"
        portal = self.portal_of(f"https://{key}/")
        return portal if portal in self.portals else key

    # -- article URLs --------------------------------------------------------------------------

    def is_article_url(self, url: str) -> bool:
        return host_of(url) not in _MEDIA_HOSTS and super().is_article_url(url)

    @staticmethod
    def to_canonical(url: str) -> str:
        """Page-1 URL: no query (``?single=1``, ``?page=``, ``tag_from``...), no ``/N`` page segment, www host."""
        parts = urlsplit(canonical_url(url))
        host = "www.detik.com" if parts.netloc == "detik.com" else parts.netloc
        match = _PAGED.match(parts.path)
        if match is None:
            return urlunsplit((parts.scheme, host, parts.path, parts.query, ""))
        return urlunsplit((parts.scheme, host, match.group(1), "", ""))

    def canonicalize(self, url: str) -> str:
        return self.to_canonical(url)

    def page_url(self, canonical: str, number: int) -> str:
        return canonical if number == 1 else f"{canonical.rstrip('/')}/{number}"

    # -- discovery -----------------------------------------------------------------------------

    def index_url(self, portal: str, day: date, number: int) -> str | None:
        # The date picker of the real indeks page sends MM/DD/YYYY; the real page's own pager links /indeks/N
        # (news.detik.com, 2024), as does public code for dated pages (/indeks/N?date=MM/DD/YYYY).
        base = self.portal_base(portal)
        path = "/indeks" if number == 1 else f"/indeks/{number}"
        return f"{base}{path}?date={day:%m/%d/%Y}"
