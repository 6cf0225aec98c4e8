"""Suara.com network: the regional portals ``{region}.suara.com`` (SuaraJogja.id, SuaraJabar.id, ...).

How it was checked: **reference only**. No real Suara page is in ../shared; every rule comes from
templates.md §5 (the www.suara.com template as public scrapers read it, regional template assumed the same)
and was exercised on the hand-written fixtures in tests/fixtures/sites/suara/. Each own rule falls back to the
structured-data and generic layers when its selector finds nothing.

- Portals: the regional hosts of domains/suara.txt. ``www.suara.com`` (national) and ``yoursay.suara.com``
  (user content) are Suara hosts and parsed with these rules, but not regional portals (``open_portals`` False).
- Article URLs: regional ``/read/YYYY/MM/DD/HHMMSS/slug``, www ``/{kanal}/YYYY/MM/DD/HHMMSS/slug``.
- Dates: JSON-LD ``datePublished`` first, then the naive ``dataLayer.articleDate`` in the portal's zone
  (WITA for Bali, Kaltim, Sulsel), then the printed date line.
- People: JSON-LD ``author`` names the reporters; ``dataLayer.articleEditor`` is the editor and is taken out
  of the author list (UNVERIFIED: seen only in a public scraper's sample page).
- Body: ``.article-content p`` without the "Baca 10 detik" box (repeated on every page), ad slots, Baca Juga
  boxes, the next-article overlay, pager and tags; "SuaraJogja.id -" / "Suara.com -" datelines removed.
- Pages: the portal ignores ``?page=all`` (answers page 1 with its pager), so pages ``?page=2..N`` are
  followed; the page count is ``.pagination-custom`` or ``dataLayer.articleTotalPages``.
- Discovery: the per-region news sitemap ``/static/news/{r}-sitemap.xml`` and the ``/indeks`` listing paged
  with ``?page=N`` (regional ``/indeks`` UNVERIFIED). robots.txt is not read for sitemaps: the per-region
  sitemap is known, and a missing robots ``Sitemap:`` line would only send the crawler to a guessed
  ``/sitemap.xml``.
"""

from __future__ import annotations

import re
from typing import ClassVar

from newscrawl import dates
from newscrawl.parsing.article import GENERIC_DROP_SELECTORS, ArticleParser, DateChoice, Pagination
from newscrawl.parsing.page import select, text_content
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, collapse_ws
from newscrawl.urls import canonical_url, host_of, page_number

PORTALS: dict[str, str | None] = {
    "jakarta.suara.com": "SuaraJakarta.id",
    "bogor.suara.com": "SuaraBogor.id",
    "bekaci.suara.com": "SuaraBekaci.id",
    "jabar.suara.com": "SuaraJabar.id",
    "jogja.suara.com": "SuaraJogja.id",
    "jateng.suara.com": "SuaraJateng.id",
    "surakarta.suara.com": "SuaraSurakarta.id",
    "malang.suara.com": "SuaraMalang.id",
    "jatim.suara.com": "SuaraJatim.id",
    "bali.suara.com": "SuaraBali.id",
    "lampung.suara.com": "SuaraLampung.id",
    "banten.suara.com": "SuaraBanten.id",
    "kaltim.suara.com": "SuaraKaltim.id",
    "kalbar.suara.com": "SuaraKalbar.id",
    "sulsel.suara.com": "SuaraSulsel.id",
    "sumut.suara.com": "SuaraSumut.id",
    "sumbar.suara.com": "SuaraSumbar.id",
    "sumsel.suara.com": "SuaraSumsel.id",
    "batam.suara.com": "SuaraBatam.id",
    "riau.suara.com": "SuaraRiau.id",
}

# WITA portals (Bali, Kalimantan Timur, Sulawesi Selatan); Kalbar is WIB.
HOST_OFFSETS = {host: "+08:00" for host in ("bali.suara.com", "kaltim.suara.com", "sulsel.suara.com")}

# Suara hosts that are not regional portals: no per-region sitemap.
NON_REGIONAL = frozenset({"www.suara.com", "yoursay.suara.com", "suara.com"})

_PERSONISH = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5}$")


class SuaraParser(ArticleParser):
    """Suara template rules; structured data and the generic layer do the rest."""

    network = "suara"
    body_selectors = (".article-content", "article.detail-content", "div.detail-content")
    drop_selectors = (
        *GENERIC_DROP_SELECTORS,
        '[id*="div-ad"]',
        ".placeholder_belt",
        ".placeholder_read_body",
        ".ten-second",
        ".article-read",
        "#next-article",
        ".next-article",
        ".wrap-pagination",
        ".article-tags",
        ".google-pref",
    )

    # -- dates -----------------------------------------------------------------------------------

    def published(self) -> DateChoice | None:
        """JSON-LD ``datePublished`` (in the portal's offset), else the naive ``dataLayer.articleDate``."""
        offset = self.default_offset
        local = dates.parse_date("2000-01-01T00:00:00" + offset)
        for raw in (self.page.article_ld.get("datePublished"), self.page.datalayer.get("articleDate")):
            if not isinstance(raw, str) or not raw.strip():
                continue
            value = dates.parse_date(raw.strip(), default_offset=offset, now=self.now)
            if value is None:
                continue
            if local is not None and local.tzinfo is not None and value.utcoffset() != local.utcoffset():
                value = value.astimezone(local.tzinfo)
            return DateChoice(raw.strip(), value)
        return self.fallback("published_at", super().published())

    # -- people ----------------------------------------------------------------------------------

    def datalayer_editor(self) -> str | None:
        value = clean_person(self.page.datalayer.get("articleEditor") or "")
        return value if value and _PERSONISH.match(value) else None

    def editor(self) -> str | None:
        return self.datalayer_editor() or self.fallback("editor", super().editor())

    def authors(self) -> list[str]:
        names = [n for n in self._ld_names(self.page.article_ld.get("author")) if not self._is_site_label(n)]
        if not names:
            names = self.texts(".author-trigger a")
        if not names:
            return self.fallback("authors", super().authors())
        unique = list(dict.fromkeys(names))
        # JSON-LD lists the editor beside the reporter; keep him only when he is the only one credited.
        editor = self.datalayer_editor()
        reporters = [n for n in unique if n != editor]
        return reporters or unique

    # -- classification --------------------------------------------------------------------------

    def tags(self) -> list[str]:
        return self.texts(".article-tags a", strip="#") or self.fallback("tags", super().tags())

    def category(self) -> str | None:
        for key in ("articleSubcategory", "articleCategory"):
            value = collapse_ws(self.page.datalayer.get(key) or "")
            if value:
                return value
        return self.fallback("category", super().category())

    # -- body ------------------------------------------------------------------------------------

    def dateline_prefixes(self) -> tuple[str, ...]:
        return (*super().dateline_prefixes(), "SUARA.COM")

    # -- pages -----------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        """``.pagination-custom`` links of this article, else ``dataLayer.articleTotalPages``."""
        pagers = select(self.root, ".pagination-custom")
        declared_raw = self.page.datalayer.get("articleTotalPages") or ""
        declared = int(declared_raw) if declared_raw.isdigit() else None
        if not pagers and declared is None:
            return self.fallback("pagination", super().pagination())
        current = page_number(self.page.url) or 1
        canonical = self.canonical_url()
        links: dict[int, str] = {}
        for pager in pagers:
            for item in pager.iter("li"):
                label = collapse_ws(text_content(item))
                if "active" in (item.get("class") or "").split() and label.isdigit():
                    current = int(label)
            for anchor in pager.iter("a"):
                href = self.absolute(anchor.get("href")) or ""
                if not href or canonical_url(href) != canonical:
                    continue
                number = page_number(href)
                label = collapse_ws(text_content(anchor))
                if number is None and label.isdigit():
                    number = int(label)
                if number is not None:
                    links.setdefault(number, href)
        total = max([current, *links]) if pagers else max(current, declared or 1)
        # Suara answers ?page=all with page 1 and its pager; an answer without a pager holds every page.
        complete = total == 1 or ("page=all" in self.page.url and not pagers)
        return Pagination(current=current, total=total, links=links, complete=complete)


class Suara(Network):
    name = "suara"
    title = "Suara.com network"
    portals = PORTALS
    host_pattern = re.compile(r"(?:[\w-]+\.)?suara\.com")
    # www.suara.com and yoursay.suara.com match the pattern but are not regional portals.
    open_portals = False
    article_path = re.compile(r"^/[\w-]+/\d{4}/\d{2}/\d{2}/\d{6}/[\w-]+")
    not_article_path = re.compile(r"^/(?:tag|indeks|search|author|reporter|foto|video|loadmoredetail)\b")
    parser = SuaraParser
    host_offsets = HOST_OFFSETS
    full_text_param = ("page", "all")
    real_pages = ("suara.com/130605-polda-bali-angeline-2015.html",)
    unverified: ClassVar[tuple[str, ...]] = (
        "regional template = www template",
        "regional /indeks listing",
        "dataLayer articleEditor is the editor",
        ".pagination-custom pager",
        "per-region sitemap /static/news/{r}-sitemap.xml",
    )
    discovery = ("sitemap /static/news/{r}-sitemap.xml", "indeks ?page=N")
    robots_sitemaps = False
    listing_paths = ("/indeks",)
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.8, "body": 1.0}

    def sitemap_urls(self, portal: str) -> list[str]:
        host = host_of(self.portal_base(portal))
        if host in NON_REGIONAL or not host.endswith(".suara.com"):
            return []
        region = host.removesuffix(".suara.com")
        return [f"https://{host}/static/news/{region}-sitemap.xml"]
