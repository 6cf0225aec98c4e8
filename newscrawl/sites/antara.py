"""ANTARA regional bureaus: ``{bureau}.antaranews.com`` (ANTARA Jatim, ANTARA Sulsel, ...).

How it was checked: **reference only**. No real ANTARA page is in ../shared; the rules are those of the
www.antaranews.com template as a public scraper reads it (templates.md §6), assumed for the bureaus
(UNVERIFIED), and were exercised on the hand-written fixtures in tests/fixtures/sites/antara/. Each own rule
falls back to the structured-data and generic layers when its selector finds nothing.

- Portals: the bureaus of domains/antara.txt (NTB = ``mataram``, NTT = ``kupang``, Sulut = ``manado``, Sulsel =
  ``makassar``, Maluku = ``ambon``). ``www.`` (national) and ``en.`` (English desk) are ANTARA hosts, parsed with
  these rules, but not regional portals (``open_portals`` False). WITA bureaus print times in WITA, the
  Maluku/Papua bureaus in WIT (offsets below; the printed zone word, when there is one, wins).
- Article URLs: ``/berita/{id}/{slug}``.
- Fields: headline ``.wrap__article-detail-title``; date the last ``.list-inline-item.mr-2`` of the article
  info; body ``.wrap__article-detail-content.post-content`` without ``.baca-juga`` and ``.text-muted`` (credit
  line, captions, copyright notice); text may be split by ``<br><br>`` instead of ``<p>``; the
  "Pewarta: X" / "Editor: Y" credit lines give reporters and editor; "Kota (ANTARA) - " datelines removed;
  category the second ``.breadcrumbs__item``; tags ``.blog-tags`` (invented to fit the theme: UNVERIFIED).
- Pages: ``?page=all`` gives the whole text (AAP); otherwise ``?page=N`` from a Bootstrap ``ul.pagination``
  (pager markup UNVERIFIED).
- Discovery: RSS ``/rss/terkini.xml`` and the ``/terkini`` listing paged with ``?page=N``. robots.txt is not
  read for sitemaps (no bureau sitemap is known).
"""

from __future__ import annotations

import re
from typing import ClassVar

from lxml.etree import _Element

from newscrawl import dates
from newscrawl.parsing.article import GENERIC_DROP_SELECTORS, ArticleParser, Pagination
from newscrawl.parsing.page import select, select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import clean_person, collapse_ws, split_people
from newscrawl.urls import canonical_url, page_number

PORTALS: dict[str, str | None] = {
    "aceh.antaranews.com": "ANTARA Aceh",
    "sumut.antaranews.com": "ANTARA Sumut",
    "sumbar.antaranews.com": "ANTARA Sumbar",
    "kepri.antaranews.com": "ANTARA Kepri",
    "jambi.antaranews.com": "ANTARA Jambi",
    "sumsel.antaranews.com": "ANTARA Sumsel",
    "babel.antaranews.com": "ANTARA Babel",
    "bengkulu.antaranews.com": "ANTARA Bengkulu",
    "banten.antaranews.com": "ANTARA Banten",
    "jabar.antaranews.com": "ANTARA Jabar",
    "jateng.antaranews.com": "ANTARA Jateng",
    "jogja.antaranews.com": "ANTARA Jogja",
    "jatim.antaranews.com": "ANTARA Jatim",
    "bali.antaranews.com": "ANTARA Bali",
    "mataram.antaranews.com": "ANTARA NTB",
    "kupang.antaranews.com": "ANTARA NTT",
    "kalbar.antaranews.com": "ANTARA Kalbar",
    "kalteng.antaranews.com": "ANTARA Kalteng",
    "kalsel.antaranews.com": "ANTARA Kalsel",
    "kaltim.antaranews.com": "ANTARA Kaltim",
    "kaltara.antaranews.com": "ANTARA Kaltara",
    "manado.antaranews.com": "ANTARA Sulut",
    "gorontalo.antaranews.com": "ANTARA Gorontalo",
    "sulteng.antaranews.com": "ANTARA Sulteng",
    "sultra.antaranews.com": "ANTARA Sultra",
    "makassar.antaranews.com": "ANTARA Sulsel",
    "ambon.antaranews.com": "ANTARA Maluku",
    "papua.antaranews.com": "ANTARA Papua",
    "papuabarat.antaranews.com": "ANTARA Papua Barat",
}

WITA = (
    "bali",
    "mataram",
    "kupang",
    "kalsel",
    "kaltim",
    "kaltara",
    "manado",
    "gorontalo",
    "sulteng",
    "sultra",
    "makassar",
)
WIT = ("ambon", "papua", "papuabarat")
HOST_OFFSETS = {f"{b}.antaranews.com": "+08:00" for b in WITA} | {f"{b}.antaranews.com": "+09:00" for b in WIT}

# "Surabaya (ANTARA) - ", "Kota Kupang, NTT (ANTARA) – ", "Mataram (ANTARA News) - "
_DATELINE = re.compile(r"^[^()\n]{1,60}?\s*\(\s*ANTARA(?:\s+News)?(?:\s+[A-Z][\w-]*)?\s*\)\s*[-–—]{1,2}\s*", re.I)
_CREDIT = re.compile(r"^(pewarta|editor|penyunting|reporter)\s*:\s*(.+)$", re.I)


class AntaraParser(ArticleParser):
    """ANTARA (www template, assumed for the bureaus) rules; the generic layer does the rest."""

    network = "antara"
    body_selectors = (".wrap__article-detail-content.post-content", ".wrap__article-detail-content", "div.post-content")
    drop_selectors = (
        *GENERIC_DROP_SELECTORS,
        ".baca-juga",
        ".text-muted",
        ".blog-tags",
        ".wrap__article-share",
    )
    #: the article info's items: section first, date last
    info_selectors = (
        ".wrap__article-detail-info .list-inline-item.mr-2",
        ".wrap__article-detail .list-inline-item.mr-2",
    )

    def headline(self) -> str:
        text = text_of(select_one(self.root, ".wrap__article-detail-title h1")) or text_of(
            select_one(self.root, ".wrap__article-detail-title")
        )
        return text or self.fallback("headline", super().headline())

    # -- dates -----------------------------------------------------------------------------------

    def find_visible_date(self) -> str | None:
        """The last date-bearing ``.list-inline-item.mr-2`` of the article info (the first is the section)."""
        for css in self.info_selectors:
            for node in reversed(select(self.root, css)):
                if self.in_sidebar(node):
                    continue
                text = text_of(node)
                if text and len(text) < 80 and dates.parse_date(text, default_offset=self.default_offset, now=self.now):
                    return text
        return self.fallback("published_at", super().find_visible_date())

    # -- people ----------------------------------------------------------------------------------

    def credits(self) -> dict[str, str]:
        """The "Pewarta: X" / "Editor: Y" lines of the credit block (one ``<br>``-separated line each)."""
        if "credits" in self._memo:
            found: dict[str, str] = self._memo["credits"]
            return found
        found = {}
        scopes = select(self.root, ".wrap__article-detail .text-muted") or select(self.root, ".text-muted")
        for node in scopes:
            if self.in_sidebar(node):
                continue
            for piece in _lines(node):
                match = _CREDIT.match(piece)
                if match:
                    found.setdefault(match.group(1).lower(), collapse_ws(match.group(2)))
        self._memo["credits"] = found
        return found

    def authors(self) -> list[str]:
        credit = self.credits()
        raw = credit.get("pewarta") or credit.get("reporter") or self.labelled_lines.get("pewarta")
        names = split_people(raw) if raw else []
        return list(dict.fromkeys(names)) or self.fallback("authors", super().authors())

    def editor(self) -> str | None:
        credit = self.credits()
        raw = credit.get("editor") or credit.get("penyunting")
        name = clean_person(raw) if raw else ""
        return name or self.fallback("editor", super().editor())

    # -- body ------------------------------------------------------------------------------------

    def clean_paragraphs(self, paragraphs: list[str]) -> list[str]:
        kept = super().clean_paragraphs(paragraphs)
        if kept:
            stripped = _DATELINE.sub("", kept[0], count=1)
            if len(stripped) > 20:
                kept[0] = stripped
        return kept

    # -- classification --------------------------------------------------------------------------

    def tags(self) -> list[str]:
        values = [t.lstrip("#").strip() for t in self.texts(".blog-tags a")]
        return [t for t in dict.fromkeys(values) if t] or self.fallback("tags", super().tags())

    def category(self) -> str | None:
        crumbs = self.texts(".breadcrumbs__item")
        if len(crumbs) >= 2 and crumbs[1].lower() not in ("beranda", "home"):
            return crumbs[1]
        return self.fallback("category", super().category())

    def image_caption(self) -> str | None:
        text = text_of(select_one(self.root, ".wrap__article-detail-image figcaption")) or text_of(
            select_one(self.root, ".wrap__article-detail-image .text-muted")
        )
        return text or self.fallback("image_caption", super().image_caption())

    # -- pages -----------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        """This article's ``ul.pagination`` (links back to its own URL); none means one page or ``?page=all``."""
        current = page_number(self.page.url) or 1
        canonical = self.canonical_url()
        links: dict[int, str] = {}
        seen_pager = False
        for pager in select(self.root, ".wrap__article-detail .pagination"):
            for anchor in pager.iter("a"):
                href = self.absolute(anchor.get("href")) or ""
                label = text_of(anchor)
                item = anchor.getparent()
                active = item is not None and "active" in (item.get("class") or "").split()
                if active and label.isdigit():
                    current = int(label)
                    seen_pager = True
                    continue
                if not href or href.endswith("#") or canonical_url(href) != canonical:
                    continue
                seen_pager = True
                number = page_number(href)
                if number is None and label.isdigit():
                    number = int(label)
                if number is not None:
                    links.setdefault(number, href)
        if not seen_pager:
            if "page=all" in self.page.url:
                # ?page=all answered with the whole text: no pager of its own.
                return Pagination(current=1, total=1, links={}, complete=True)
            # One page, or a pager elsewhere than the template puts it: the generic pager reader decides.
            return super().pagination()
        total = max([current, *links])
        return Pagination(current=current, total=total, links=links, complete=total == 1)


def _lines(node: _Element) -> list[str]:
    """A block's text split at ``<br>``, whitespace collapsed, empty lines dropped."""
    lines: list[str] = [""]

    def walk(element: _Element) -> None:
        lines[-1] += element.text or ""
        for child in element:
            if child.tag == "br":
                lines.append("")
            elif isinstance(child.tag, str):
                walk(child)
            lines[-1] += child.tail or ""

    walk(node)
    return [text for text in (collapse_ws(line) for line in lines) if text]


class Antara(Network):
    name = "antara"
    title = "ANTARA regional bureaus"
    portals = PORTALS
    host_pattern = re.compile(r"[\w-]+\.antaranews\.com")
    # www.antaranews.com (national) and en.antaranews.com (English) match the pattern but are not bureaus.
    open_portals = False
    article_path = re.compile(r"^/berita/\d+/[\w-]+")
    not_article_path = re.compile(r"^/(?:tag|foto|video|infografik|search|terkini|rss|rilis-pers)(?:/|$)")
    parser = AntaraParser
    host_offsets = HOST_OFFSETS
    full_text_param = ("page", "all")
    real_pages = ()
    unverified: ClassVar[tuple[str, ...]] = (
        "bureau template = www template",
        "date .list-inline-item.mr-2",
        "Pewarta/Editor credit block",
        "ul.pagination pager",
        ".blog-tags tags",
        "WITA/WIT printed times",
    )
    discovery = ("rss /rss/terkini.xml", "terkini ?page=N")
    robots_sitemaps = False
    listing_paths = ("/terkini",)
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "authors": 0.9, "editor": 0.9, "body": 1.0}

    def feed_urls(self, portal: str) -> list[str]:
        return [f"{self.portal_base(portal)}/rss/terkini.xml"]
