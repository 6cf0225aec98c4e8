"""SINDOnews (MNC): the regional kanal ``daerah.sindonews.com`` (cid 7) of one template shared by every
``*.sindonews.com`` kanal host (nasional, ekbis, international, sports, kalam, edukasi, lifestyle, otomotif,
tekno, www).

The other kanal hosts are SINDOnews but not regional: their articles parse here, a default crawl does not take
them (``open_portals`` is False). ``-a sites=nasional.sindonews.com`` still works (its cid is known).
The historical regional hosts are left out of the portal list: ``jatim.sindonews.com`` existed (a 2019
scraper read its ``/index`` with ``div.indeks-rows`` and a ``section.article`` body, and a 2025 source list
still names its ``/tag/`` pages), but nothing shows it serving articles now, its template was a different one,
and the dated index knows no cid for it; makassar/sumut/jateng.sindonews.com rest on one unverified mention.

**How it was checked: reference only** (templates.md §12, EGI's notes "verified live 2026-07-24"; no real
SINDOnews page is in ../shared). Rules from the reference: ``h1.detail-title``; the author
``.detail-nama-redaksi a[rel=author]``; the date line ``.detail-date-artikel`` ("Jum'at, 24 Juli 2026 - 13:39
WIB"); the body ``div.detail-desc#detail-desc`` with no ``<p>`` (paragraphs are ``<br>`` runs), its inline
"Baca Juga:" segments, the ``div.editor`` initials sign-off and ``[class^=v-]`` video embeds; tags from
``meta[name=keywords]``; category from the JSON-LD BreadcrumbList; JSON-LD NewsArticle on page 1 only; the
``.paging-artikel`` pager with page N as a trailing path segment; ``?showpage=all``; the dated index
``https://www.sindonews.com/indeks/{cid}/{offset}?t=YYYY-MM-DD`` (offset step 20, cards ``.warp-article``).
Each own rule falls back to the structured-data and generic layers when its selector finds nothing (counted
as ``newscrawl/fallback/sindonews/<field>``).

Caution on the pager: EGI saw page 2 of two articles at ``/5`` and ``/10`` (and AutoAllPage's URL rule
expects ``/\\d+0``), so the trailing segment may be an offset rather than the page number. ``page_url`` builds
``/N``; ``pagination()`` reports the pager's own hrefs by page number, so a spider that prefers those gets
the right URLs either way.
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

#: kanal host label -> cid of the dated index ``/indeks/{cid}/{offset}`` (EGI, from the indeks kanal <select>)
KANAL_CIDS: dict[str, int] = {
    "nasional": 5,
    "daerah": 7,
    "ekbis": 8,
    "international": 9,
    "sports": 10,
    "kalam": 67,
    "edukasi": 144,
    "lifestyle": 154,
    "otomotif": 611,
    "tekno": 612,
}
PORTALS: dict[str, str | None] = {"daerah.sindonews.com": "SINDOnews Daerah"}
#: ``*.sindonews.com`` hosts that never serve SINDOnews articles: asset CDNs (e., pict.), other MNC products
#: with their own ``/read/`` URLs (hi-lite., scope., media.) and the index alias (index. -> www/indeks)
NOT_ARTICLE_HOSTS = frozenset(f"{sub}.sindonews.com" for sub in ("e", "pict", "hi-lite", "scope", "media", "index"))
INDEX_STEP = 20

# /read/{id}/{subId}/{slug}[-{ts}] with an optional trailing page segment
ARTICLE_PATH = re.compile(r"^/read/\d+/\d+/[\w-]+(?:/\d+)?/?$")
_PAGED = re.compile(r"^(/read/\d+/\d+/[\w-]+?)(?:/(\d+))?/?$")
# "Baca Juga:" / "Baca juga" prompts written inline in the body text, before their link
_READ_ALSO = re.compile(r"\s*\b(?:baca|lihat)\s+juga\s*:?\s*$", re.I)


class SindonewsParser(ArticleParser):
    """SINDOnews rules: a ``<br>``-separated body, the redaksi byline, meta keywords as tags."""

    network = "sindonews"
    drop_selectors = (
        *GENERIC_DROP_SELECTORS,
        "div.editor",
        "[class^='v-']",
        "[class^='baca-juga']",
        "[class^='lihat-juga']",
        ".paging-artikel",
        ".paging-all",
    )
    date_selectors = (".detail-date-artikel", *ArticleParser.date_selectors)

    # -- headline and date ---------------------------------------------------------------------

    def headline(self) -> str:
        return text_of(select_one(self.root, "h1.detail-title")) or self.fallback("headline", super().headline())

    def find_visible_date(self) -> str | None:
        text = text_of(select_one(self.root, ".detail-date-artikel"))
        return text or self.fallback("published_at", super().find_visible_date())

    # -- people --------------------------------------------------------------------------------

    def authors(self) -> list[str]:
        names: list[str] = []
        for css in (".detail-nama-redaksi a[rel='author']", ".warp-nama-redaksi a[rel='author']"):
            for text in self.texts(css):
                names.extend(n for n in split_people(text) if n not in names)
            if names:
                return names
        return self.fallback("authors", super().authors())

    # -- body ----------------------------------------------------------------------------------

    def find_body_container(self) -> _Element | None:
        for css in ("div.detail-desc", "#detail-desc"):
            node = select_one(self.root, css)
            if node is not None and len(text_of(node)) >= 80:
                return node
        return self.fallback("body", super().find_body_container())

    def body_paragraphs(self) -> list[str]:
        container = self.body_container()
        if container is not None:
            _drop_inline_read_also(container)
        return super().body_paragraphs()

    def dateline_prefixes(self) -> tuple[str, ...]:
        return (*super().dateline_prefixes(), "SINDONEWS.COM", "SINDOnews")

    # -- classification ------------------------------------------------------------------------

    def tags(self) -> list[str]:
        raw = self.page.meta_first("keywords")
        values = [collapse_ws(v) for v in raw.split(",")] if raw else []
        tags = list(dict.fromkeys(v for v in values if v))
        return tags or self.fallback("tags", super().tags())

    # -- pages ---------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        """``.paging-artikel``: numbered links (the current page unlinked or ``.active``)."""
        canonical = Sindonews.to_canonical(self.canonical_url())
        match = _PAGED.match(urlsplit(self.page.url).path)
        current = int(match.group(2)) if match and match.group(2) else 1
        links: dict[int, str] = {}
        pagers = [p for p in select(self.root, ".paging-artikel") if not self.in_sidebar(p)]
        for pager in pagers:
            for node in pager.iter("a", "span"):
                label = text_of(node)
                if not label.isdigit():
                    continue
                number = int(label)
                href = self.absolute(node.get("href")) if node.tag == "a" else None
                if "active" in (node.get("class") or "") or (node.tag == "span" and not href):
                    current = number
                if href and not href.endswith("#") and Sindonews.to_canonical(href) == canonical:
                    links[number] = href
        if not pagers:
            # Not this template's pager (the 2018 template's is ``ul.article-paging``): the generic pager rules.
            generic = super().pagination()
            if generic.total > 1:
                return self.fallback("pagination", generic)
        total = max([current, *links])
        all_requested = "showpage=all" in urlsplit(self.page.url).query
        # ?showpage=all honoured: every page's text in one answer, without the pager.
        complete = total == 1 or (all_requested and not pagers)
        return Pagination(current=current, total=total, links=links, complete=complete)


def _drop_inline_read_also(container: _Element) -> None:
    """Remove "Baca Juga: <a>title</a>" written into the text flow, keeping the text around it."""
    for anchor in list(container.iter("a")):
        parent = anchor.getparent()
        if parent is None:
            continue
        previous = anchor.getprevious()
        before = previous.tail if previous is not None else parent.text
        if not before or not _READ_ALSO.search(before):
            continue
        before = _READ_ALSO.sub("", before) + (anchor.tail or "")
        if previous is not None:
            previous.tail = before
        else:
            parent.text = before
        parent.remove(anchor)


class Sindonews(Network):
    name = "sindonews"
    title = "SINDOnews daerah"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)?sindonews\.com")
    open_portals = False
    article_path = ARTICLE_PATH
    not_article_path = re.compile(r"^/(?:tag|topic|indeks|search|video|photo|blog)/")
    parser = SindonewsParser
    full_text_param = ("showpage", "all")
    real_pages = ("nasional.sindonews.com/1302235-pendaftar-sekolah-kedinasan-2018.html",)
    unverified = (
        "article template (detail-title, detail-date-artikel, detail-nama-redaksi, detail-desc)",
        "<br>-separated body with inline Baca Juga",
        "div.editor and [class^=v-] furniture",
        "meta keywords tags",
        "BreadcrumbList category",
        "pager .paging-artikel with page N as /N",
        "?showpage=all full text",
        "dated index www.sindonews.com/indeks/{cid}/{offset}?t=YYYY-MM-DD",
    )
    discovery = ("indeks/{cid}/{offset}?t=YYYY-MM-DD",)
    robots_sitemaps = False
    index_max_pages = 25
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.9, "body": 1.0}

    def is_article_url(self, url: str) -> bool:
        return host_of(url) not in NOT_ARTICLE_HOSTS and super().is_article_url(url)

    @staticmethod
    def to_canonical(url: str) -> str:
        """Page-1 URL: no query (``?showpage=all``, tracking), no trailing page segment."""
        parts = urlsplit(canonical_url(url))
        match = _PAGED.match(parts.path)
        if match is None:
            return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
        return urlunsplit((parts.scheme, parts.netloc, match.group(1), "", ""))

    def canonicalize(self, url: str) -> str:
        return self.to_canonical(url)

    def page_url(self, canonical: str, number: int) -> str:
        return canonical if number == 1 else f"{canonical.rstrip('/')}/{number}"

    def index_url(self, portal: str, day: date, number: int) -> str | None:
        cid = KANAL_CIDS.get(portal.split(".", 1)[0])
        if cid is None:
            return None
        return f"https://www.sindonews.com/indeks/{cid}/{(number - 1) * INDEX_STEP}?t={day.isoformat()}"
