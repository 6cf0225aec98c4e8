"""Okezone (MNC): ``{kanal}.okezone.com`` channel hosts, one template. Regional news is a desk of
``news.okezone.com`` (historically ``news.okezone.com/jatim``); there are no regional hosts.

How it was checked: **real page** — ``economy.okezone.com/2243366-rekomendasi-bisnis-DOMSNAPSHOT.html`` in
../shared/fixtures/real (a browser DOM save of a 2020 article: ``div#contentx``, ``div.namerep``,
``div.detail-tag``, ``div.detfoto``; JSON-LD WebPage + BreadcrumbList + NewsArticle; dataLayer with a
CMS editor code). The current (2026) template is **reference only** (templates.md §11, from a scraper whose
notes say "verified live 2026-07-24"): ``.title-article h1``, ``.journalist a[title]`` + ``.journalist span``
("…, Jurnalis-Jum'at, 24 Juli 2026 |15:18 WIB"), body ``.c-detail.read``, tags ``#tag .box-tag a``, caption
``.desc-foto``, pager ``#paging .box-nomor a.nomor``, ``?page=all`` answering every page in one body with
``<div style="page-break-after: always">`` between pages, furniture ``#baca-juga``, ``.vicon``, ``inject-*``,
``banner*`` and the "Follow … WhatsApp Channel" / "Telusuri berita … lainnya" lines. The structured data
(BreadcrumbList with the properly cased section, NewsArticle ``datePublished``) is the same in both eras.

Pages: page N of a multi-page article is ``?page=N`` (the reference pager links ``?page=2``); the full text
is ``?page=all``. The closing ``(Name)`` paragraph of the 2026 body is read as the editor when it is a
name ("(fbn)"-style initials are a code, not a name: editor stays null, as on the real page).

Discovery: the kanal's own dated index ``https://{kanal}.okezone.com/indeks/{Y}/{M}/{D}[/{offset}]``
(offset step 10) is ``index_url``. It is chosen over
``https://index.okezone.com/bydate/channel/{Y}/{M}/{D}/{channelId}/{offset}/`` (step 15, kept as
:meth:`Okezone.bydate_url`) because it lives on the portal's own host (one robots.txt, ``-a sites=``
scoping by host just works) and needs no channel id, so it also serves kanal hosts missing from
:data:`CHANNEL_IDS`. Plus robots.txt → sitemaps (www's robots.txt names ``www.okezone.com/sitemap.xml``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar

from newscrawl.parsing.article import GENERIC_DROP_SELECTORS, ArticleParser, Pagination
from newscrawl.parsing.page import select, select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, collapse_ws, split_people
from newscrawl.urls import canonical_url, host_of, page_number

#: kanal host -> channel id on index.okezone.com ("INDEKS KANAL"), from domains/okezone.txt
CHANNEL_IDS: dict[str, int] = {
    "news.okezone.com": 1,
    "sports.okezone.com": 2,
    "economy.okezone.com": 11,
    "women.okezone.com": 12,
    "celebrity.okezone.com": 13,
    "bola.okezone.com": 14,
    "muslim.okezone.com": 613,
    "edukasi.okezone.com": 623,
    "ototekno.okezone.com": 630,
}

PORTALS: dict[str, str | None] = {
    "news.okezone.com": "Okezone News",
    "sports.okezone.com": "Okezone Sports",
    "economy.okezone.com": "Okezone Economy",
    "women.okezone.com": "Okezone Women",
    "celebrity.okezone.com": "Okezone Celebrity",
    "bola.okezone.com": "Okezone Bola",
    "muslim.okezone.com": "Okezone Muslim",
    "edukasi.okezone.com": "Okezone Edukasi",
    "ototekno.okezone.com": "Okezone Ototekno",
}

#: okezone.com hosts that are never portals: discovery only (index.), SINDOnews republishing (mpi.),
#: assets (img., cdn.) and author profiles (redaksi.)
NOT_PORTALS = frozenset(
    {"index.okezone.com", "mpi.okezone.com", "img.okezone.com", "cdn.okezone.com", "redaksi.okezone.com"}
)

INDEX_STEP = 10
BYDATE_STEP = 15

_ARTICLE = re.compile(r"^/(?:read|amp)/\d{4}/\d{2}/\d{2}/\d+/\d+/[\w-]+/?$")
_AMP = re.compile(r"^/amp/(?=\d{4}/\d{2}/\d{2}/\d+/\d+/)")
# "Natasha Oktalia, <span>Jurnalis</span>" (2020) / ", Jurnalis-Jum'at, 24 Juli 2026 |15:18 WIB" (2026)
_JOURNALIST_LABEL = re.compile(r"^.*?\bJurnalis\s*-\s*", re.I)
# A closing "(Name)" paragraph: the editor's name, or an initials code such as "(fbn)".
_SIGN_OFF_NAME = re.compile(r"^\(\s*([^()]{2,60}?)\s*\)$")
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}$")


class OkezoneParser(ArticleParser):
    network = "okezone"
    body_selectors = ("div.c-detail.read", "div#contentx", "div.read")
    date_selectors = (".journalist span", "div.namerep b")
    drop_selectors = (
        *GENERIC_DROP_SELECTORS,
        "#baca-juga",
        "[id^='baca-juga']",
        ".vicon",
        "[class^='inject-']",
        "[class*=' inject-']",
        "[class^='banner']",
        "[class*=' banner']",
        "div[style*='page-break']",
        ".detads-bottom",
        "#lastread",
    )

    # -- people ------------------------------------------------------------------------------------

    def authors(self) -> list[str]:
        names = [
            clean_person(a.get("title") or text_of(a))
            for a in select(self.root, ".journalist a[title]")
            if not self.in_sidebar(a)
        ]
        if not names:
            # 2020 template: "Natasha Oktalia, <span>Jurnalis</span> · <b>date</b>"
            node = select_one(self.root, "div.namerep")
            if node is not None and node.text:
                names = split_people(node.text)
        names = [n for n in names if n]
        return list(dict.fromkeys(names)) or self.fallback("authors", super().authors())

    def sign_off(self) -> str | None:
        """The body's closing "(…)" paragraph ("(Ma'rifatun Nisa)", "(fbn)"), None when it has none."""
        if "sign_off" not in self._memo:
            self.body_paragraphs()
        value: str | None = self._memo.get("sign_off")
        return value

    def editor(self) -> str | None:
        match = _SIGN_OFF_NAME.match(self.sign_off() or "")
        if match:
            name = collapse_ws(match.group(1))
            # "(fbn)" is a CMS initials code: not a name.
            if _NAME.match(name) and len(name) > 3:
                return name
        return self.fallback("editor", super().editor())

    # -- dates -------------------------------------------------------------------------------------

    def find_visible_date(self) -> str | None:
        for node in select(self.root, ".journalist span"):
            text = text_of(node)
            if "jurnalis" in text.lower():
                text = _JOURNALIST_LABEL.sub("", text).strip(" ,")
                if text:
                    return text
        text = text_of(select_one(self.root, "div.namerep b"))
        return text or self.fallback("published_at", super().find_visible_date())

    # -- body --------------------------------------------------------------------------------------

    def clean_paragraphs(self, paragraphs: list[str]) -> list[str]:
        texts = [t for t in paragraphs if t]
        last = texts[-1] if texts else ""
        self._memo["sign_off"] = last if _SIGN_OFF_NAME.match(last) else None
        kept = super().clean_paragraphs(paragraphs)
        # The generic sign-off rule misses names with apostrophes ("(Ma'rifatun Nisa)").
        while kept and _SIGN_OFF_NAME.match(kept[-1]):
            kept.pop()
        return kept

    # -- classification ----------------------------------------------------------------------------

    def tags(self) -> list[str]:
        return self.texts("#tag .box-tag a, div.detail-tag a", strip="#") or self.fallback("tags", super().tags())

    def category(self) -> str | None:
        # The BreadcrumbList JSON-LD carries the section properly cased; the 2026 DOM breadcrumb is in capitals.
        if self.page.ld_of_type("BreadcrumbList"):
            crumb = super().category()
            if crumb:
                return crumb
        crumbs = [c for c in self.texts(".breadcrumb a") if c.lower() not in ("home", "beranda")]
        if crumbs:
            last = crumbs[-1]
            return last.title() if last.isupper() else last
        return self.fallback("category", super().category())

    def image_caption(self) -> str | None:
        text = text_of(select_one(self.root, ".img-article .desc-foto")) or text_of(
            select_one(self.root, "div.detfoto span")
        )
        return text or self.fallback("image_caption", super().image_caption())

    # -- pages -------------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        current = page_number(self.page.url) or 1
        links: dict[int, str] = {}
        canonical = canonical_url(Okezone.to_read_url(self.canonical_url()))
        for anchor in select(self.root, "#paging .box-nomor a.nomor"):
            label = text_of(anchor)
            if not label.isdigit():
                continue
            number = int(label)
            if "active" in (anchor.get("class") or "").split():
                current = number
            href = self.absolute(anchor.get("href")) or ""
            if href and not href.endswith("#") and canonical_url(href) == canonical:
                links[number] = href
        total = max([current, *links]) if links else current
        # ?page=all honoured: the answer carries every page and no pager.
        complete = total == 1 or ("page=all" in self.page.url and not links)
        return Pagination(current=current, total=total, links=links, complete=complete)


class Okezone(Network):
    name = "okezone"
    title = "Okezone"
    portals = PORTALS
    host_pattern = re.compile(r"[\w-]+\.okezone\.com")
    # Only the listed kanal hosts are the default crawl; other okezone.com hosts still parse as Okezone.
    open_portals = False
    article_path = _ARTICLE
    not_article_path = re.compile(r"^/(?:more|mmore|indeks|tag|topic|author|search|foto|video|infografis)(?:/|$)")
    parser = OkezoneParser
    full_text_param = ("page", "all")
    real_pages = (
        "economy.okezone.com/2243366-rekomendasi-bisnis-DOMSNAPSHOT.html",
        "news.okezone.com/1167966-ahok-jokowi-bintang-lima-2015.html",
    )
    unverified = (
        "2026 template selectors (.journalist, .c-detail.read, #tag .box-tag, .desc-foto)",
        "pager #paging .box-nomor",
        "?page=all merged body",
        "kanal dated index /indeks/Y/M/D/offset",
        "editor from the closing (Name) paragraph",
        "AMP /amp/ alias",
    )
    discovery = ("indeks/Y/M/D/offset", "robots.txt", "sitemap")
    #: news.okezone.com publishes well over 100 articles a day (10 per index page)
    index_max_pages = 30
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.9, "body": 1.0}

    def owns(self, url: str) -> bool:
        return host_of(url) not in NOT_PORTALS and super().owns(url)

    @staticmethod
    def to_read_url(url: str) -> str:
        """``/amp/Y/M/D/…`` → ``/read/Y/M/D/…`` (the AMP copy's canonical page)."""
        scheme, sep, rest = url.partition("://")
        host, slash, path = rest.partition("/")
        return f"{scheme}{sep}{host}{_AMP.sub('/read/', slash + path)}"

    def canonicalize(self, url: str) -> str:
        return canonical_url(self.to_read_url(url))

    def index_url(self, portal: str, day: date, number: int) -> str | None:
        """The kanal's dated index: page 1 without an offset, then ``/10``, ``/20`` …"""
        base = f"{self.portal_base(portal)}/indeks/{day:%Y/%m/%d}"
        return base if number <= 1 else f"{base}/{(number - 1) * INDEX_STEP}"

    def bydate_url(self, portal: str, day: date, number: int) -> str | None:
        """The same day on index.okezone.com (needs the kanal's channel id; not used by the spider)."""
        channel = CHANNEL_IDS.get(portal)
        if channel is None:
            return None
        base = f"https://index.okezone.com/bydate/channel/{day:%Y/%m/%d}/{channel}"
        return base if number <= 1 else f"{base}/{(number - 1) * BYDATE_STEP}/"

    def site_name_for(self, url: str) -> str | None:
        # The page calls itself "Okezone.com" (JSON-LD publisher); og:site_name is a URL, and the title's
        # " : Okezone Economy" names the channel, not the site.
        return None
