"""The generic article parser: structured data first, then DOM heuristics. One method per field.

Network modules (``newscrawl/sites/``) subclass :class:`ArticleParser` and override only the fields
their template needs; when their own rule finds nothing they call :meth:`fallback`, which counts
``newscrawl/fallback/<network>/<field>`` and returns the generic answer.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath, _Element

from newscrawl import dates
from newscrawl.errors import Refused
from newscrawl.parsing import datelines, density, library
from newscrawl.parsing.page import Page, ld_types, select, select_one, text_content, text_of
from newscrawl.text import (
    WHITESPACE,
    clean_person,
    collapse_ws,
    is_furniture,
    split_people,
    strip_dateline,
    strip_site_names,
    title_key,
)
from newscrawl.urls import brand_of, canonical_url, host_of, page_number, same_site

# Containers that hold article text on common templates, most specific first.
GENERIC_BODY_SELECTORS: tuple[str, ...] = (
    '[itemprop="articleBody"]',
    "article.read__content",
    "div.read__content",
    "div.side-article.txt-article",
    "div.detail__body-text",
    "div.entry-content .content-inner",
    "div.entry-content",
    "div.td-post-content",
    "div.post-content",
    "div.article-content",
    "div.content-detail",
    "div.detail-desc",
    "div.read__article",
    "div.article__content",
    "div.article",
    "article",
)

# Elements inside a body container that are never article text.
GENERIC_DROP_SELECTORS: tuple[str, ...] = (
    "script",
    "style",
    "noscript",
    "iframe",
    "form",
    "button",
    "figure",
    "figcaption",
    "center",
    "aside",
    "nav",
    "ins",
    "table.ads",
    "[id^='div-gpt-ad']",
    "[class*='ads']",
    "[class*='iklan']",
    "[class*='advert']",
    "[class*='baca']",
    "[class*='popIn']",
    "[id*='ScriptRoot']",
    "[class*='related']",
    "[class*='share']",
    "[class*='sharing']",
    "[class*='social']",
    "[class*='photo']",
    "[class*='caption']",
    "[class*='tag']",
    "[class*='paging']",
    "[class*='pagination']",
    "[class*='newsletter']",
    "[class*='comment']",
    "[class*='wp-caption']",
    "blockquote.twitter-tweet",
    "blockquote.instagram-media",
)

# Ancestors that mark sidebars, listings and widgets: their dates and text are not the article's.
_SIDEBAR = re.compile(
    r"(?:^|[\s_-])(?:latest|related|terkini|terpopuler|populer|popular|sidebar|widget|recommend\w*|most|"
    r"trending|footer|menu|nav|navbar|jeg_sidebar|jeg_block\w*|list-content|box-news|indeks)(?:$|[\s_-])",
    re.I,
)

#: Meta names (name, property or itemprop) that carry the publication time, most trusted first.
PUBLISHED_META: tuple[str, ...] = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "content_publisheddate",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.terms.issued",
    "dc.date",
    "dc.date.created",
    "article.published",
    "pub_date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
#: Meta names that carry the last modification time.
MODIFIED_META: tuple[str, ...] = (
    "article:modified_time",
    "og:updated_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
)


_SIDEBAR_TAGS = frozenset({"aside", "nav", "footer"})


def _marker(node: _Element) -> str:
    """An element's class and id, for the class-word rules (" " when it has neither)."""
    return f"{node.get('class') or ''} {node.get('id') or ''}"


def is_sidebar_element(node: _Element) -> bool:
    """True when the element itself is a sidebar, menu, footer, listing or widget (by tag, class or id)."""
    if node.tag in _SIDEBAR_TAGS:
        return True
    marker = _marker(node)
    return marker != " " and _SIDEBAR.search(marker) is not None


# Classes of blocks whose text is never the article's running text: captions, credits, comments, share bars.
# Kept narrow on purpose: real templates wrap the article in "detail-img", "thumb-wrap" or "related-content"
# blocks, and a class that merely mentions an image or a tag must not hide the text.
_NOT_TEXT_CLASS = re.compile(r"caption|credit|comment|(?:^|[\s_-])(?:share|sharing|social)(?:$|[\s_-])", re.I)


def _not_running_text(node: _Element) -> bool:
    """Leave out of the text-density search: sidebars and the blocks ``_NOT_TEXT_CLASS`` names."""
    if is_sidebar_element(node):
        return True
    marker = _marker(node)
    return marker != " " and _NOT_TEXT_CLASS.search(marker) is not None


GENERIC_DATE_SELECTORS: tuple[str, ...] = (
    "div.read__info__date",
    "span.date_detail",
    "div.detail__date",
    "div.read__time",
    ".jeg_meta_date",
    "time.entry-date",
    "span.datetime",
    "div.namerep b",
    "time[datetime]",
    ".post-date",
    ".entry-date",
    ".date",
    "time",
)

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "li",
        "ul",
        "ol",
        "pre",
        "table",
        "tr",
        "td",
        "header",
        "footer",
        "main",
        "dl",
        "dt",
        "dd",
        "hr",
    }
)

# Elements that may hold a label line: at most 200 characters, with a colon. One XPath pass in C instead of a
# Python loop over every element. The text-node test comes first because libxml2 stops counting at the 201st
# node, while the string tests build the element's whole text: on a body nested 250 deep around megabytes of
# text that is the difference between a tenth of a second and several seconds.
# The elements directly holding a text node with a colon (of at most 200 characters: a longer one makes every
# element around it too long), and the element kinds a label line can be. An element whose text contains
# "Editor:" holds such a node, so the candidates are those holders and their ancestors up to 200 characters.
_COLON_HOLDERS = XPath("descendant-or-self::*[text()[contains(., ':')][string-length(.) <= 200]]")
_LABEL_TAGS = frozenset({"p", "div", "span", "li", "h6", "strong"})


def _label_candidates(root: _Element) -> list[_Element]:
    """The p/div/span/li/h6/strong elements at or under ``root`` whose text contains ':' and is at most 200
    characters long, in document order (what an XPath predicate on every element's string value found, at
    the cost of building the text of every large block on the page)."""
    found: list[_Element] = []
    visited: set[_Element] = set()
    for holder in _COLON_HOLDERS(root):  # document order, each once
        element: _Element | None = holder
        chain: list[_Element] = []
        while element is not None and element not in visited:
            visited.add(element)
            if len(text_content(element)) > 200:
                break  # its ancestors are longer still
            if element.tag in _LABEL_TAGS:
                chain.append(element)
            if element is root:
                break
            element = element.getparent()
        # Outermost first: document order. A later holder's new ancestors cannot start before an earlier
        # holder's chain, or they would contain it and have been visited (or found too long) then.
        found.extend(reversed(chain))
    return found


_ROLE_WORDS: dict[str, str] = {
    **dict.fromkeys(("author", "authors", "penulis", "reporter", "pewarta", "wartawan", "jurnalis"), "author"),
    **dict.fromkeys(("editor", "penyunting", "redaktur"), "editor"),
}


def _role_of(text: str) -> str | None:
    """``author`` or ``editor`` when ``text`` is only a role word ("Author", "Penyunting :"), else None."""
    return _ROLE_WORDS.get(text.strip().lower().rstrip(":").strip())


# A CMS initials code in a byline ("RW", "fbn"): not a name.
_INITIALS = re.compile(r"[A-Z]{2,4}|[a-z]{2,4}")
# Classes of byline markup (ArticleParser._byline_elements); _byline_rank orders what is found.
_BYLINE_CLASS = re.compile(r"byline|reporter|penulis|author|writer", re.I)
_BYLINE_ATTRIBUTES = XPath("//@itemprop[. = 'author'] | //a/@rel[. = 'author']")
_BYLINE_CLASS_RANK = (("byline", 3), ("reporter", 4), ("penulis", 5), ("author", 6), ("writer", 7))


def _byline_rank(node: _Element) -> int:
    """How much a byline element says it is one: ``<author>``, then microdata, ``rel=author``, then classes."""
    if node.tag == "author":
        return 0
    if node.get("itemprop") == "author":
        return 1
    if node.tag == "a" and node.get("rel") == "author":
        return 2
    classes = (node.get("class") or "").lower()
    return next((rank for word, rank in _BYLINE_CLASS_RANK if word in classes), 8)


# Job words after a name in a byline: "Natasha Oktalia, Jurnalis", "Fakhrizal Fakhri Jurnalis".
_ROLE_SUFFIX = re.compile(r"[\s,]*\b(?:jurnalis|wartawan|kontributor|reporter|penulis|koresponden)\s*$", re.I)
# A label value runs to the next "|", a date, or a "- Site" credit: "Ramadhian Fadillah | Jumat, 19 Juni 2015".
_VALUE_END = re.compile(r"\s+\|\s+.*$|\s+[-–]\s+\w+\.(?:com|co\.id|id)\b.*$", re.I)


def _cut_label_value(value: str) -> str:
    value = collapse_ws(value)
    value = _VALUE_END.sub("", value)
    found = datelines.date_in_text(value)
    if found and value.endswith(found):
        value = value[: -len(found)].rstrip(" ,|-–")
    return clean_person(value)


_LABEL_LINE = re.compile(r"^(editor|penulis|pewarta|reporter|sumber|penyunting|redaktur|oleh)\s*:\s*(.{2,80})$", re.I)
_NEXT_LABEL = re.compile(
    r"\s+(?:editor|penulis|pewarta|reporter|sumber|penyunting|redaktur|redaksi|oleh|foto|fotografer)\s*:", re.I
)
_PERSONISH = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5}$")


@dataclass
class Pagination:
    """What a page's pager says: which page this is and how many there are."""

    current: int = 1
    total: int = 1
    #: page number -> URL as the pager links it
    links: dict[int, str] = field(default_factory=dict)
    #: True when this response already holds every page (e.g. ``?page=all`` honoured)
    complete: bool = False


@dataclass
class DateChoice:
    raw: str
    value: datetime


class ArticleParser:
    """Generic rules for any Indonesian news article page. Subclass per network."""

    network: ClassVar[str | None] = None
    body_selectors: ClassVar[tuple[str, ...]] = GENERIC_BODY_SELECTORS
    drop_selectors: ClassVar[tuple[str, ...]] = GENERIC_DROP_SELECTORS
    date_selectors: ClassVar[tuple[str, ...]] = GENERIC_DATE_SELECTORS
    #: portal zone applied to printed times without a zone
    default_offset: str = "+07:00"

    def __init__(
        self,
        page: Page,
        *,
        now: datetime | None = None,
        default_offset: str | None = None,
        site_name: str | None = None,
    ) -> None:
        self.page = page
        self.root = page.root
        # One "now" for the whole page: relative dates agree with each other, and parse_date's cache can serve the
        # page's repeated look-ups of the same strings.
        self.now = now if now is not None else datetime.now(UTC).replace(microsecond=0)
        if default_offset:
            self.default_offset = default_offset
        self.known_site_name = site_name
        self.fallbacks: list[str] = []
        #: which layer found the body: network, generic, density, library or captions
        self.body_layer = "network" if self.network else "generic"
        self._memo: dict[str, Any] = {}

    # -- helpers -------------------------------------------------------------------------------

    def fallback(self, field_name: str, value: Any) -> Any:
        """Record that this network's own rule found nothing for ``field_name``; return ``value``."""
        if self.network and field_name not in self.fallbacks:
            self.fallbacks.append(field_name)
        return value

    @staticmethod
    def in_sidebar(node: _Element) -> bool:
        """True when ``node`` sits in a sidebar, menu, footer, listing or widget."""
        # is_sidebar_element inlined: this runs for every candidate of every rule, and a call per ancestor shows.
        for ancestor in node.iterancestors():
            if ancestor.tag in _SIDEBAR_TAGS:
                return True
            marker = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
            if marker != " " and _SIDEBAR.search(marker):
                return True
        return False

    def texts(self, css: str, strip: str = "") -> list[str]:
        """Non-empty texts of the elements a selector matches (``strip`` removes leading characters)."""
        values = (text_of(node).lstrip(strip).strip() for node in select(self.root, css))
        return [value for value in values if value]

    def absolute(self, url: str | None) -> str | None:
        if not url:
            return None
        url = url.strip()
        if url.startswith("data:"):
            return None
        try:
            joined = urljoin(self.page.url, url)
            urlsplit(joined).port  # noqa: B018  (raises for a malformed host or port)
        except ValueError:
            return None  # "http://[broken", a port out of range: not a link
        return joined

    @cached_property
    def labelled_lines(self) -> dict[str, str]:
        """Short "Editor: X" / "Sumber: Y" / "Penulis: Z" lines anywhere outside sidebars."""
        found: dict[str, str] = {}
        for node in _label_candidates(self.root):
            text = collapse_ws(text_content(node))
            match = _LABEL_LINE.match(text)
            if not match or self.in_sidebar(node):
                continue
            value = _NEXT_LABEL.split(match.group(2))[0]
            found.setdefault(match.group(1).lower(), collapse_ws(value))
        return found

    def _ld_names(self, value: Any) -> list[str]:
        names: list[str] = []
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                if "Organization" in str(item.get("@type", "")):
                    continue
                name = item.get("name")
            else:
                name = item
            if isinstance(name, str) and name.strip():
                names.extend(split_people(name))
        return names

    def _is_site_label(self, name: str) -> bool:
        """True for what bylines and meta tags name instead of a person: the site, its company, its desk."""
        lowered = name.lower()
        brand = title_key(brand_of(self.page.host))
        site = (self.site_name() or "").lower()
        host = self.page.host
        return (
            not name
            or lowered.startswith("http")
            or (bool(site) and lowered == site)
            or lowered.replace(" ", "") in host.replace("-", "")
            or "developer" in lowered
            or lowered == "redaksi"
            or lowered.startswith(("pt ", "pt.", "tim ", "redaksi ", "admin"))
            or (len(brand) > 3 and brand in title_key(name))
        )

    # -- identity ------------------------------------------------------------------------------

    def canonical_url(self) -> str:
        candidates = [
            (link.get("href") or "") for link in select(self.root, 'link[rel="canonical"]') if link.get("href")
        ]
        og = self.page.meta_first("og:url")
        if og:
            candidates.append(og)
        main = self.page.article_ld.get("mainEntityOfPage")
        if isinstance(main, dict) and isinstance(main.get("@id"), str):
            candidates.append(main["@id"])
        elif isinstance(main, str):
            candidates.append(main)
        for candidate in candidates:
            absolute = self.absolute(candidate) or ""
            parts = urlsplit(absolute)
            on_site = parts.scheme in ("http", "https") and same_site(host_of(absolute), self.page.host)
            if on_site and parts.path.strip("/"):
                return canonical_url(absolute)
        return canonical_url(self.page.url)

    def site_name(self) -> str | None:
        if self.known_site_name:
            return self.known_site_name
        if "site_name" in self._memo:
            found: str | None = self._memo["site_name"]
            return found
        self._memo["site_name"] = found = self.find_site_name()
        return found

    def find_site_name(self) -> str | None:
        """og:site_name when it is a name (not a URL, not the page's title, not a section of the URL's path), else
        the JSON-LD publisher, else the part of the copyright or publisher line that holds the portal's brand
        ("Okezone.com, All Rights Reserved", "PT. VIVA MEDIA BARU - VIVA.co.id")."""
        og = self.page.meta_first("og:site_name")
        if og and not og.lower().startswith("http"):
            name = collapse_ws(re.split(r"\s*[:|]\s+|\s+[-–]\s+", og)[0])
            title = title_key(text_of(select_one(self.root, "title")))
            sections = {title_key(part) for part in urlsplit(self.page.url).path.split("/") if part}
            key = title_key(name)
            if name and not (len(key) > 20 and key in title and len(title) > len(key) + 5) and key not in sections:
                return name
        publisher = self.page.article_ld.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return collapse_ws(publisher["name"]) or None
        brand = title_key(brand_of(self.page.host))
        for line in (self.page.meta_first("copyright", "dc.rights"), self.page.meta_first("author", "publisher")):
            parts = [collapse_ws(p) for p in re.split(r"\s*[,|©]\s*|\s+[-–]\s+", line or "") if p.strip()]
            branded = [p for p in parts if len(brand) > 2 and brand in title_key(p) and len(p.split()) <= 3]
            if branded:
                return branded[-1]
        return None

    # -- headline ------------------------------------------------------------------------------

    def headline(self) -> str:
        """The visible headline, checked against the page's structured titles.

        The h1, ``og:title``, JSON-LD ``headline`` and ``<title>`` often differ: structured data drops a ':' or
        '?' the h1 keeps, titles carry the site's name before or after ("Okezone: ...", "... - Kompas.com"),
        and some templates print a second, SEO h1 with the site name in it. An h1 that agrees with a structured
        title once site names, case and punctuation are set aside wins, as printed; then an h1 that holds or is
        held by one; then the structured title; then the first h1.
        """
        h1s_raw = [text_of(h) for h in self.root.iter("h1") if not self.in_sidebar(h)]
        declared = {
            collapse_ws(t)
            for t in (self.page.article_ld.get("headline"), self.page.meta_first("og:title", "twitter:title"))
            if isinstance(t, str)
        }
        for h1 in h1s_raw:
            if len(h1) >= 10 and h1 in declared:
                return h1  # the visible h1 is the declared headline, to the letter: nothing to arbitrate
        site = self.site_name()
        names = [site] if site else []
        brand = brand_of(self.page.host)
        titles = [
            strip_site_names(t, names, brand)
            for t in (
                self.page.article_ld.get("headline"),
                self.page.meta_first("og:title", "twitter:title"),
                text_of(select_one(self.root, "title")),
            )
            if isinstance(t, str) and t.strip()
        ]
        h1s = [strip_site_names(h1, names, brand) for h1 in h1s_raw]
        h1s = [h for h in h1s if len(h) >= 10]
        keys = {title_key(t) for t in titles} - {""}
        for h1 in h1s:
            if title_key(h1) in keys:
                return h1
        for h1 in h1s:
            if any(h1.lower() in t.lower() or t.lower() in h1.lower() for t in titles):
                return h1
        if titles:
            return titles[0]
        return h1s[0] if h1s else ""

    def page_headline(self) -> str:
        """``headline()`` once per page: the body, date, tag and category rules all compare against it."""
        if "headline" not in self._memo:
            self._memo["headline"] = self.headline()
        value: str = self._memo["headline"]
        return value

    def headline_element(self) -> _Element | None:
        """The h1 the headline was read from (None when it came from structured data only)."""
        headline = title_key(self.page_headline())
        if not headline:
            return None
        for h1 in self.root.iter("h1"):
            key = title_key(text_of(h1))
            if key and headline in key and not self.in_sidebar(h1):
                return h1
        return None

    # -- dates ---------------------------------------------------------------------------------

    def structured_dates(self) -> list[str]:
        """Publication time strings from structured data, most trusted first."""
        ld = self.page.article_ld
        found = [
            ld.get("datePublished"),
            self.page.meta_first(*PUBLISHED_META),
            self.page.datalayer.get("published_date") or self.page.datalayer.get("publish_date"),
        ]
        for node in select(self.root, '[itemprop="datePublished"]'):
            found.append(node.get("content") or node.get("datetime"))
        for node in select(self.root, "time[datetime]"):
            if not self.in_sidebar(node):
                found.append(node.get("datetime"))
                break
        return [f.strip() for f in found if isinstance(f, str) and f.strip()]

    def visible_date(self) -> str | None:
        # Read several times per page (zone, choice); the selectors scan the whole document.
        if "visible_date" not in self._memo:
            self._memo["visible_date"] = self.find_visible_date()
        value: str | None = self._memo["visible_date"]
        return value

    def _rank(self, text: str) -> int:
        """3: a date with time and zone; 2: with a time; 1: a date with a zone; 0: a bare date; -1: not a date."""
        if dates.parse_date(text, default_offset=self.default_offset, now=self.now) is None:
            return -1
        return 2 * dates.has_time(text) + dates.has_explicit_zone(text)

    def find_visible_date(self) -> str | None:
        """The article's own printed date line (never a sidebar or listing date).

        Candidates come from the template's selectors, then the generic ones, then the lines around the headline,
        where every template prints its dateline (a date inside a byline is cut out of it). A candidate that
        agrees with the page's structured time (to the minute, or on the day for a bare date) beats one that
        does not; then one with a time and a zone beats one with a time only, which beats a bare date or a
        relative phrase ("kemarin"); a date more than a day from the day in the URL is never taken.
        """
        best: tuple[tuple[bool, int, int], str] | None = None
        order = 0
        own = list(self.date_selectors)
        selectors = own + [css for css in GENERIC_DATE_SELECTORS if css not in own]
        own_best: tuple[int, str] | None = None
        for index, css in enumerate(selectors):
            if index == len(own) and own_best is not None and own_best[0] >= 2:
                # The template's own selectors found a timed line: trusted as printed, as before the generic search
                # existed (checking it against structured data is for the generic selectors' finds).
                return own_best[1]
            for node in select(self.root, css):
                if self.in_sidebar(node):
                    continue
                text = text_of(node)
                if not text or len(text) > datelines.MAX_LINE:
                    continue
                rank = self._rank(text) if len(text) < 80 else -1
                if rank < 0:  # a date inside a longer line ("Name, Portal | Selasa, 01/05/2018 05:27 WIB")
                    text = datelines.date_in_text(text) or ""
                    rank = self._rank(text) if text else -1
                if rank < 0 or not self._agrees_with_url(text):
                    continue
                if index < len(own):
                    if rank == 3:
                        return text  # the template's own line, with a time and a zone
                    if own_best is None or rank > own_best[0]:
                        own_best = (rank, text)
                agrees = self._agrees_with(text, self._structured_plain)
                if rank == 3 and (agrees or not self._structured_plain):
                    return text
                order += 1
                key = (agrees, rank, -order)
                if best is None or key > best[0]:
                    best = (key, text)
        if best is not None and best[0][1] >= 2 and (best[0][0] or not self._structured_plain):
            return best[1]
        if best is not None and best[0][0] and any(value.time() for value in self._structured_plain):
            # A printed day that agrees with a timed structured value: published() takes that value's time.
            return best[1]
        near = self.dateline_near_headline()
        if near is not None:
            if datelines.is_time_only(near):
                return near if best is None else best[1]
            key = (self._agrees_with(near, self._structured_plain), self._rank(near), 0)
            if best is None or key > best[0]:
                return near
        return best[1] if best else None

    @cached_property
    def _structured_plain(self) -> list[datetime]:
        """The structured publication times as stated (no zone repair), for checking printed candidates."""
        parse = dates.parse_date
        values = (parse(raw, default_offset=self.default_offset, now=self.now) for raw in self.structured_dates())
        return [value for value in values if value is not None]

    def _agrees_with(self, text: str, structured: list[datetime]) -> bool:
        """True when the printed ``text`` names the same minute as a structured time (the same instant, or the
        same wall clock under a wrong offset), or the same day when it prints no time."""
        value = dates.parse_date(text, default_offset=self.default_offset, now=self.now)
        if value is None:
            return False
        timed = dates.has_time(text)
        for other in structured:
            if not timed:
                if value.date() in (other.date(), other.astimezone(value.tzinfo).date()):
                    return True
                continue
            if abs((value - other).total_seconds()) < 60:
                return True
            if abs((value.replace(tzinfo=None) - other.replace(tzinfo=None)).total_seconds()) < 60:
                return True
        return False

    def dateline_near_headline(self) -> str | None:
        """The best date printed within a few lines of the headline (or a time alone, dated by the URL)."""
        anchor = self.headline_element()
        if anchor is None:
            return None
        structured = self._structured_plain
        best: tuple[tuple[bool, int], str] | None = None
        time_only: str | None = None
        for _distance, text, _node in datelines.dates_near(self.root, anchor, is_sidebar_element):
            if datelines.is_time_only(text):
                time_only = time_only or text
                continue
            rank = self._rank(text)
            if rank < 0 or not self._agrees_with_url(text):
                continue
            key = (self._agrees_with(text, structured), rank)
            if key == (True, 3) or (key[1] == 3 and not structured):
                return text
            if best is None or key > best[0]:
                best = (key, text)
        if best is None and time_only and datelines.url_day(self.page.url):
            return time_only
        return best[1] if best else None

    def _agrees_with_url(self, text: str) -> bool:
        """False when the URL names a day and ``text`` is more than a day away from it (a sidebar's date)."""
        day = datelines.url_day(self.page.url)
        if day is None:
            return True
        value = dates.parse_date(text, default_offset=self.default_offset, now=self.now)
        return value is None or abs((value.date() - day).days) <= 1

    def local_offset(self) -> str:
        """The portal's zone: a zone printed on the page, else a non-UTC offset in structured data."""
        visible = self.visible_date()
        if visible and dates.has_explicit_zone(visible):
            parsed = dates.parse_date(visible, default_offset=self.default_offset, now=self.now)
            if parsed is not None and parsed.utcoffset():
                return dates.to_iso(parsed)[-6:]
        for raw in self.structured_dates():
            if dates.has_explicit_zone(raw) and not self.metadata_is_wall_clock:
                parsed = dates.parse_date(raw, default_offset=self.default_offset, now=self.now)
                if parsed is not None and parsed.utcoffset():
                    return dates.to_iso(parsed)[-6:]
        return self.default_offset

    @cached_property
    def metadata_is_wall_clock(self) -> bool:
        """True when the page's structured times are local wall-clock times labelled with a wrong offset.

        Many WordPress sites with an unset timezone write ``2020-10-09T14:58:53+00:00`` for a post the page
        prints as "09/10/2020 14:58 WITA": the same clock reading under another offset. When the printed time
        and a structured time differ by a whole number of hours and agree on the clock (to the minute), the
        structured offsets are not to be believed.
        """
        visible_raw = self.visible_date()
        if not visible_raw or not dates.has_time(visible_raw) or datelines.is_time_only(visible_raw):
            return False
        visible = dates.parse_date(visible_raw, default_offset=self.default_offset, now=self.now)
        if visible is None:
            return False
        for raw in self.structured_dates():
            value = dates.parse_date(raw, default_offset=self.default_offset, now=self.now)
            if value is None or not dates.has_explicit_zone(raw):
                continue
            value = value.replace(second=0, microsecond=0)
            same_clock = (visible.replace(tzinfo=None) - value.replace(tzinfo=None)).total_seconds()
            shift = (visible - value).total_seconds()
            if shift and shift % 3600 == 0 and abs(same_clock) < 60:
                return True
        return False

    def _structured_value(self, raw: str, offset: str) -> datetime | None:
        """A structured time in the portal's own offset (a wall-clock time mislabelled as UTC is re-labelled)."""
        value = dates.parse_date(raw, default_offset=offset, now=self.now)
        local_tz = dates.parse_date("2000-01-01T00:00:00" + offset)
        if value is None or local_tz is None:
            return value
        if self.metadata_is_wall_clock:
            return value.replace(tzinfo=local_tz.tzinfo)
        if value.utcoffset() != local_tz.utcoffset():
            value = value.astimezone(local_tz.tzinfo)
        return value

    def published(self) -> DateChoice | None:
        """Pick the publication time: the printed date line, checked against structured data and the URL.

        The printed string wins ("as printed") when it carries a time of day; a printed date without a time
        yields to a structured time on that day; a printed time alone ("14:38 WIB") takes its day from the URL.
        Structured times are expressed in the portal's own offset (a UTC ``datePublished`` becomes local), so a
        WITA portal stays ``+08:00``. Without any of these, the day in the URL is the date.
        """
        offset = self.local_offset()
        structured: list[DateChoice] = []
        for raw in self.structured_dates():
            value = self._structured_value(raw, offset)
            if value is not None:
                structured.append(DateChoice(raw, value))
        # A string already in the local offset is the better "raw" for the same instant.
        structured.sort(key=lambda c: not c.raw.rstrip().endswith((offset, offset.replace(":", ""))))
        day = datelines.url_day(self.page.url)
        if day is not None and any(abs((c.value.date() - day).days) <= 1 for c in structured):
            # A stale site-wide default ("2014-07-13" on every page) is not this article's time.
            structured = [c for c in structured if abs((c.value.date() - day).days) <= 1]
        visible_raw = self.visible_date()
        if visible_raw and datelines.is_time_only(visible_raw) and day is not None:
            value = dates.parse_date(f"{day.isoformat()} {visible_raw}", default_offset=offset, now=self.now)
            if value is not None:
                return DateChoice(visible_raw, value)
        if visible_raw:
            visible = dates.parse_date(visible_raw, default_offset=offset, now=self.now)
            if visible is not None:
                if dates.has_time(visible_raw):
                    return DateChoice(visible_raw, visible)
                same_day = [c for c in structured if c.value.date() == visible.date()]
                return same_day[0] if same_day else DateChoice(visible_raw, visible)
        if structured:
            return structured[0]
        if day is not None:
            value = dates.parse_date(day.isoformat(), default_offset=offset, now=self.now)
            if value is not None:
                return DateChoice(urlsplit(self.page.url).path, value)
        return None

    def modified(self) -> str | None:
        raw = self.page.article_ld.get("dateModified")
        if not isinstance(raw, str) or not raw.strip():
            raw = self.page.meta_first(*MODIFIED_META)
        if not isinstance(raw, str) or not raw.strip():
            return None
        if self.metadata_is_wall_clock:
            value = self._structured_value(raw.strip(), self.local_offset())
            return dates.to_iso(value) if value is not None else None
        return raw.strip()

    # -- people --------------------------------------------------------------------------------

    def authors(self) -> list[str]:
        editor = self.editor()
        names = self._ld_names(self.page.article_ld.get("author"))
        layer = self.page.datalayer
        writer_key = next((k for k in ("penulis", "author", "reporter") if k in layer), None)
        if writer_key is not None:
            # dataLayer objects name writer and editor separately; JSON-LD "author" is often the editor.
            writer = split_people(layer[writer_key])
            if writer:
                names = writer
            elif names == [editor]:
                names = []
        if names and editor and names == [editor] and writer_key is None:
            # JSON-LD "author" is often the editor (Tribun, Kompas): a reporter printed elsewhere comes first.
            names = self._printed_authors() or names
        if not names:
            # A dataLayer that has a writer field and leaves it empty is the CMS saying "no reporter": only a
            # printed label line can still name one (the credit and byline searches are for pages without it).
            names = self._printed_authors(thorough=writer_key is None)
        if not names and writer_key is None:
            for key in ("author", "article:author", "content_author", "dable:author"):
                people = [n for n in split_people(self.page.meta_first(key) or "") if not self._is_site_label(n)]
                if people:
                    names = people
                    break
        unique: list[str] = []
        for name in names:
            if self._is_site_label(name) or name in unique or _INITIALS.fullmatch(name):
                continue
            unique.append(name)
        return unique

    def _printed_authors(self, thorough: bool = True) -> list[str]:
        """Reporters the page prints: a "Penulis:"/"Reporter:"/"Pewarta:"/"Oleh:" line, then (``thorough``) a
        credits list and byline markup."""
        label = (
            self.labelled_lines.get("penulis")
            or self.labelled_lines.get("reporter")
            or self.labelled_lines.get("pewarta")
            or self.labelled_lines.get("oleh")
        )
        names = split_people(_cut_label_value(label)) if label else []
        names = [n for n in names if not _INITIALS.fullmatch(n) and not self._is_site_label(n)]
        if names or not thorough:
            return names
        return self.role_credits.get("author", []) or self.byline_names()

    @cached_property
    def _role_labels(self) -> list[_Element]:
        """Elements whose own text is a role word ("Author", "Penyunting"): one walk over the page."""
        labels: list[_Element] = []
        for element in self.root.iter():
            text = element.text
            if text and len(text) <= 40 and _role_of(text) and element.tag.__class__ is str:  # not a comment
                labels.append(element)
        return labels

    @cached_property
    def _byline_elements(self) -> list[_Element]:
        """Byline markup: ``<author>``, ``itemprop=author``, ``rel=author`` (attribute look-ups in C: reading
        attributes element by element from Python costs three times as much), then byline classes (from the
        page's class index, only when a class token names one)."""
        bylines = list(self.root.iter("author"))
        bylines += [value.getparent() for value in _BYLINE_ATTRIBUTES(self.root)]
        index = self.page.class_index()
        if any(_BYLINE_CLASS.search(token) for token in index.tokens):
            bylines += [element for element, value in index.classed if _BYLINE_CLASS.search(value)]
        return bylines

    @cached_property
    def role_credits(self) -> dict[str, list[str]]:
        """Names listed under a role label: a "Credits" box ("Author" / names / "Editor" / names), or a label
        element followed by name elements. Keys: ``author``, ``editor``."""
        found: dict[str, list[str]] = {}
        for label in self._role_labels:
            role = _role_of(label.text or "")
            if role is None or (len(label) and _role_of(text_content(label)) is None):
                continue  # not a role word, or a label with more in it ("Editor <a>Name</a>" is a label line)
            if self.in_sidebar(label):
                continue
            while (parent := label.getparent()) is not None and _role_of(text_content(parent)):
                label = parent
            names: list[str] = []
            for sibling in label.itersiblings():
                if not isinstance(sibling.tag, str):
                    continue
                text = collapse_ws(text_content(sibling))
                if _role_of(text) or len(names) >= 10:
                    break
                name = clean_person(text)
                if name and len(name) <= 60 and _PERSONISH.match(name) and name not in names:
                    names.append(name)
            if names:
                found.setdefault(role, names)
        return found

    def _editor_behind_initials(self) -> str | None:
        """ "Oleh : Rina Wulandari / RW" where "RW" links to the editor's profile: the name that link gives (its
        title, else the profile URL's last path segment)."""
        value = self.labelled_lines.get("oleh") or self.labelled_lines.get("penulis") or ""
        match = re.search(r"/\s*([A-Z]{2,4})\s*$", value)
        if match is None:
            return None
        for link in self.root.iter("a"):
            if text_of(link) != match.group(1) or self.in_sidebar(link):
                continue
            name = collapse_ws(link.get("title") or "")
            if not name:
                slug = urlsplit(link.get("href") or "").path.rstrip("/").rsplit("/", 1)[-1]
                name = " ".join(part.capitalize() for part in re.split(r"[-_.]+", slug) if part.isalpha())
            if name and _PERSONISH.match(name) and " " in name:
                return name
        return None

    def byline_names(self) -> list[str]:
        """Reporter names from byline markup: ``<author>``, microdata ``itemprop=author``, ``rel=author`` links,
        and short elements whose class says author, byline, reporter, penulis or writer (in that order)."""
        ranked: list[tuple[int, int, _Element]] = []
        for order, node in enumerate(self._byline_elements):
            ranked.append((_byline_rank(node), order, node))
        for _rank, _order, node in sorted(ranked, key=lambda item: (item[0], item[1])):
            if self.in_sidebar(node):
                continue
            named = select_one(node, "[itemprop='name']") if node.get("itemprop") == "author" else None
            if named is not None and named.get("content"):
                text = named.get("content") or ""
            else:
                text = text_of(named if named is not None else node)
            text = _cut_label_value(text)
            if not text or len(text) > 80:
                continue
            names = [n for n in split_people(_ROLE_SUFFIX.sub("", text)) if _PERSONISH.match(n)]
            names = [n for n in names if not self._is_site_label(n) and len(n) <= 50]
            if names:
                return names
        return []

    def editor(self) -> str | None:
        label = self.labelled_lines.get("editor") or self.labelled_lines.get("penyunting")
        if label:
            return clean_person(_cut_label_value(label)) or None
        initials_editor = self._editor_behind_initials()
        if initials_editor:
            return initials_editor
        value = self.page.datalayer.get("editor") or self.page.meta_first("content_editor")
        ld_editor = self._ld_names(self.page.article_ld.get("editor"))
        if not value and ld_editor:
            value = ld_editor[0]
        if value:
            value = clean_person(value)
            # CMS user codes ("fbn") are not names.
            if _PERSONISH.match(value) and (" " in value or value[:1].isupper()):
                return value
        if "editor" in self.page.datalayer:
            return None  # the CMS names its editor field (a code, or empty): no credits list to look for
        # A credits list ("Editor" / name): read last, as it takes a walk over the page.
        credited = self.role_credits.get("editor")
        return credited[0] if credited else None

    def source(self) -> str | None:
        label = self.labelled_lines.get("sumber")
        if label:
            return collapse_ws(label) or None
        value = self.page.datalayer.get("source")
        return collapse_ws(value) if value else None

    # -- body ----------------------------------------------------------------------------------

    def body_container(self) -> _Element | None:
        if "body_container" not in self._memo:
            self._memo["body_container"] = self.find_body_container()
        node: _Element | None = self._memo["body_container"]
        return node

    def find_body_container(self) -> _Element | None:
        """The element holding the article text: the template's selectors, then the generic ones, then the block
        holding the most running text (any layout: ``<p>``, ``<br>``-separated lines, text in a ``td``).

        ``body_layer`` says which found it; a network whose own selectors found nothing counts a ``body``
        fallback."""
        node = self._first_body_match(self.body_selectors)
        if node is not None:
            self.body_layer = "network" if self.network else "generic"
            return node
        if self.network:
            self.fallback("body", None)
        generic = [css for css in GENERIC_BODY_SELECTORS if css not in self.body_selectors]
        node = self._first_body_match(generic)
        if node is not None:
            self.body_layer = "generic"
            return node
        return self._densest_text_block()

    def _first_body_match(self, selectors: tuple[str, ...] | list[str]) -> _Element | None:
        for css in selectors:
            for node in select(self.root, css):
                if self.in_sidebar(node):
                    continue
                if sum(len(text_content(p)) for p in node.iter("p")) >= 80 or len(text_of(node)) >= 200:
                    return node
        return None

    def _densest_text_block(self) -> _Element | None:
        """The block holding the most running text outside links, sidebars, captions and widgets
        (``newscrawl.parsing.density``)."""
        self.body_layer = "density"
        return density.densest_text_block(self.root, _not_running_text)

    def body_paragraphs(self) -> list[str]:
        container = self.body_container()
        if container is None:
            return []
        # One combined selector, a single pass over the body; the rules naming a class or id the body lacks are
        # left out by the matcher's index (one compiled selector per network, not one per page).
        container = copy.deepcopy(container)
        self._drop_header(container)
        for node in select(container, ", ".join(self.drop_selectors)) if self.drop_selectors else ():
            if node is not container:
                _remove_keep_tail(node)
        _drop_read_also_boxes(container)
        self._memo["bold_datelines"] = _bold_datelines(container)
        _prune_widgets(container)
        paragraphs = [collapse_ws(t) for t in _text_blocks(container)]
        return self.clean_paragraphs(paragraphs)

    def _drop_header(self, container: _Element) -> None:
        """Remove the headline and what precedes it when the text block holds them (a broad ``article`` or
        ``div.article`` wrapper: breadcrumb, h1, date and byline above the text)."""
        headline = title_key(self.page_headline())
        if not headline:
            return
        h1 = next((h for h in container.iter("h1") if title_key(text_of(h)) == headline), None)
        if h1 is None:
            return
        total = len(text_content(container))
        before = 0
        node: _Element | None = h1
        while node is not None and node is not container:
            for sibling in node.itersiblings(preceding=True):
                before += len(text_content(sibling)) if isinstance(sibling.tag, str) else 0
            node = node.getparent()
        if before > total // 3:
            return  # most of the text comes before it: not a header
        node = h1
        while node is not None and node is not container:
            parent = node.getparent()
            for sibling in list(node.itersiblings(preceding=True)):
                parent.remove(sibling)
            if parent is not None:
                parent.text = None
            node = parent
        _remove_keep_tail(h1)

    def kind(self) -> str:
        """``photo`` or ``video`` for a photo or video story (by its URL path or host, or its structured data),
        else ``article``."""
        parts = urlsplit(self.page.url)
        path = [s.lower() for s in parts.path.split("/") if s][:2]
        segments = [*path, (parts.hostname or "").split(".")[0]]
        for segment in segments:
            if _PHOTO_SEGMENT.fullmatch(segment):
                return "photo"
            if _VIDEO_SEGMENT.fullmatch(segment):
                return "video"
        types = {t for node in self.page.jsonld for t in ld_types(node)}
        og_type = (self.page.meta_first("og:type") or "").lower()
        if not self.page.article_ld and ("VideoObject" in types or og_type.startswith("video")):
            return "video"
        if not self.page.article_ld and types & {"ImageGallery", "MediaGallery"}:
            return "photo"
        return "article"

    def caption_paragraphs(self, paragraphs: list[str]) -> list[str]:
        """The text of a photo or video story: its own paragraphs, then each caption once, else the standfirst."""
        found = list(paragraphs)
        for css in ("figcaption", ".caption", ".wp-caption-text", "[class*='caption']", "[class*='keterangan']"):
            for node in select(self.root, css):
                text = text_of(node)
                if text and not self.in_sidebar(node) and text not in found:
                    found.append(text)
        if not found:
            summary = self.summary()
            found = [summary] if summary else []
        self.body_layer = "captions"
        return self.clean_paragraphs(found)

    def library_paragraphs(self) -> list[str]:
        """The article text a content-extraction library finds (the last layer, for pages whose own layers found
        none), cleaned by the same furniture, dateline and sign-off rules as every other body."""
        self.body_layer = "library"
        paragraphs = library.main_text(self.root, self.page.url)
        return self.clean_paragraphs([collapse_ws(p) for p in paragraphs])

    def dateline_prefixes(self) -> tuple[str, ...]:
        site = self.site_name()
        return (site.upper(),) if site else ()

    def clean_paragraphs(self, paragraphs: list[str]) -> list[str]:
        kept: list[str] = []
        seen: set[str] = set()
        for text in paragraphs:
            if not text or is_furniture(text) or text in seen:
                continue
            if not re.search(r"\w", text):
                continue
            seen.add(text)
            kept.append(text)
        kept = self._drop_header_lines(kept)
        if kept:
            kept[0] = strip_dateline(kept[0], self.dateline_prefixes())
        for place in self._memo.get("bold_datelines", ()):
            # "<strong>Jakarta</strong> - ...": a place in bold before a dash opens the text.
            if kept and kept[0].startswith(place):
                rest = re.sub(r"^\s*[-–—]{1,2}\s*", "", kept[0][len(place) :], count=1)
                if rest != kept[0][len(place) :] and len(rest) > 20:
                    kept[0] = rest
                break
        # Sign-off codes of reporter/editor ("(fbn)", "(***/Name)", "... bangsa. (E-2)") are not text.
        while kept and _SIGN_OFF.fullmatch(kept[-1]):
            kept.pop()
        if kept:
            kept[-1] = _TRAILING_CODE.sub("", kept[-1])
        return kept

    def _drop_header_lines(self, paragraphs: list[str]) -> list[str]:
        """Drop what a broad text block repeats above the text: the headline, the date line, font-size buttons
        ("A+ A-"), and a byline naming the site ("Ardan Adhi Chandra - detikFinance"). Only at the head of the
        body, and never past the first line that is none of these."""
        headline = title_key(self.page_headline())
        brand = title_key(brand_of(self.page.host))
        meta_author = collapse_ws(self.page.meta_first("author") or "").lower()
        start = 0
        for text in paragraphs[:6]:
            date = datelines.date_in_text(text) if len(text) <= 100 else None
            words = len(text.split())
            header = (
                (bool(headline) and title_key(text) == headline)
                or (date is not None and len(date) >= 0.6 * len(text))
                or _FONT_BUTTONS.fullmatch(text) is not None
                or (words <= 8 and _is_site_byline(text, brand))
                or (words <= 8 and len(meta_author) > 3 and text.lower().startswith(meta_author))
            )
            if not header:
                break
            start += 1
        return paragraphs[start:]

    def summary(self) -> str | None:
        for value in (
            self.page.article_ld.get("description"),
            self.page.meta_first("og:description", "description", "twitter:description"),
        ):
            if isinstance(value, str) and value.strip():
                return collapse_ws(value)
        return None

    # -- classification ------------------------------------------------------------------------

    def tags(self) -> list[str]:
        values: list[str] = []
        for css in ("a[rel='tag']", ".tag__list a", ".tags a", ".tagcloud a", ".tag a", ".jeg_post_tags a"):
            values = [text_of(a) for a in select(self.root, css) if not self.in_sidebar(a) and self._own_link(a)]
            if values:
                break
        if not values:
            values = self.tag_block()
        if not values:
            keywords = self.page.article_ld.get("keywords")
            if isinstance(keywords, list):
                values = [str(k) for k in keywords]
            elif isinstance(keywords, str):
                values = keywords.split(",")
        if not values:
            values = self.page.meta.get("article:tag", [])
        if not values:
            raw = self.page.meta_first("news_keywords", "keywords", "content_tags")
            values = raw.split(",") if raw else []
        out: list[str] = []
        for value in values:
            tag = collapse_ws(value).lstrip("#")
            if tag and tag not in out and len(tag) < 80:
                out.append(tag)
        return out

    def tag_block(self) -> list[str]:
        """The links of the first block outside sidebars whose class names tags as a word ("detail_tag",
        "tag-links", "tagDetailList", "found_tag_rel_det"; not "tagline"), or its headings when it has none."""
        headline = self.headline_element()
        after_headline = headline is None
        for node in self.root.iter():
            if node is headline:
                after_headline = True  # a tag block above the headline is the site's trending list
            if not after_headline or node.tag not in _TAG_BLOCK_TAGS or not _has_class_word(node, _TAG_WORDS):
                continue
            if self.in_sidebar(node):
                continue
            links = [a for a in node.iter("a") if self._own_link(a)]
            items = [text_of(a) for a in links] or [text_of(h) for h in node.iter("h3", "h4", "h5", "li")]
            items = [item.lstrip("#").strip() for item in items]
            items = [item for item in items if item and len(item) < 60 and not _TAG_LABEL.fullmatch(item)]
            items = [item for item in items if item.lower() not in _SHARE_WORDS]
            if 0 < len(items) <= 30:
                return items
        return []

    def category(self) -> str | None:
        """The deepest breadcrumb before the headline (structured, then visible), else the declared section."""
        headline = self.page_headline().lower()
        for crumb in self.page.ld_of_type("BreadcrumbList"):
            names = [
                n for n in _breadcrumb_names(crumb) if n.lower() not in ("home", "beranda") and n.lower() != headline
            ]
            if names:
                return names[-1]
        visible = self.visible_breadcrumb()
        if visible:
            return visible
        section = self.page.article_ld.get("articleSection")
        if isinstance(section, list):
            section = section[0] if section else None
        if isinstance(section, str) and section.strip():
            return collapse_ws(section)
        meta = self.page.meta_first("article:section")
        return collapse_ws(meta) if meta else None

    # -- image ---------------------------------------------------------------------------------

    def image_url(self) -> str | None:
        image: Any = self.page.meta_first("og:image", "twitter:image")
        if not image:
            image = self.page.article_ld.get("image")
            if isinstance(image, list) and image:
                image = image[0]
            if isinstance(image, dict):
                image = image.get("url")
        return self.absolute(image) if isinstance(image, str) else None

    def _own_link(self, link: _Element) -> bool:
        """A link to this site (or a link-less anchor): a tag links to the site's own tag page, not to Twitter."""
        href = self.absolute(link.get("href"))
        return not href or not href.startswith("http") or same_site(host_of(href), self.page.host)

    def visible_breadcrumb(self) -> str | None:
        """The deepest entry of the page's visible breadcrumb (class "breadcrumb", "bredcrumb", "crumbs"), skipping
        "Home", the headline and placeholders such as "Detail Berita"."""
        headline = title_key(self.page_headline())
        for node in self.root.iter("div", "ul", "ol", "nav", "h3", "p"):
            marker = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
            if not _BREADCRUMB.search(marker) or "menu" in marker:
                continue
            items = [text_of(li) for li in node.iter("li")] or [
                text_of(child) for child in node if isinstance(child.tag, str) and child.tag in ("a", "span", "b")
            ]
            names: list[str] = []
            for item in items:
                item = item.strip(" >»/|")
                key = title_key(item)
                if not key or key in _CRUMB_SKIP or key == headline or len(item) > 60:
                    continue
                if not names or names[-1] != item:
                    names.append(item)
            if names:
                return names[-1]
        return None

    def image_caption(self) -> str | None:
        for css in (".photo__caption", "figcaption", ".wp-caption-text", ".caption", "[class*='caption']"):
            for node in select(self.root, css):
                if self.in_sidebar(node):
                    continue
                text = text_of(node)
                if text and len(text) <= 400:
                    return text
        return self.lead_image_caption()

    def lead_image_caption(self) -> str | None:
        """The short text printed right under or beside the lead image (the printed ``og:image`` photo): the next
        element of the image or of its wrapper, when it is not a link."""
        lead = _image_key(self.image_url() or "")
        if not lead:
            return None  # without a declared lead image the first image may be a logo: no guess
        for img in self.root.iter("img"):
            if self.in_sidebar(img):
                continue
            if _image_key(img.get("src") or img.get("data-src") or "") != lead:
                continue
            node: _Element | None = img
            for _ in range(3):  # the image, its link or wrapper, the wrapper's wrapper
                if node is None:
                    break
                sibling = node.getnext()
                while sibling is not None and not isinstance(sibling.tag, str):
                    sibling = sibling.getnext()
                if sibling is not None and sibling.tag not in ("a", "script", "style", "img", "iframe"):
                    text = text_of(sibling)
                    after = collapse_ws(sibling.tail or "")
                    if len(text) <= 40 and len(after) >= 20:
                        text = after  # a photo credit, then the caption as bare text ("KOMPAS.com/X" + caption)
                    date = datelines.date_in_text(text)
                    dateline = date is not None and len(date) >= 0.6 * len(text)
                    if 10 <= len(text) <= 400 and not sibling.findall(".//a") and not dateline:
                        return text
                node = node.getparent()
            return None
        return None

    # -- pages ---------------------------------------------------------------------------------

    def pagination(self) -> Pagination:
        """Read the pager. Generic: links with ?page=N inside an element whose class mentions paging."""
        current = page_number(self.page.url) or 1
        links: dict[int, str] = {}
        canonical = self.canonical_url()
        # Pages numbered in the path ("/slug/2", or SINDOnews' "/slug/13" by offset) belong to the article too:
        # the pager's label gives the page number, the link the page.
        article_path = urlsplit(canonical).path.rstrip("/") + "/"
        for pager in select(self.root, "[class*='paging'], [class*='pagination']"):
            if self.in_sidebar(pager):
                continue
            for a in pager.iter("a"):
                href = self.absolute(a.get("href"))
                if not href or href.endswith("#"):
                    continue
                number = page_number(href)
                label = text_of(a)
                same = canonical_url(href) == canonical
                in_path = (
                    not same
                    and urlsplit(href).path.startswith(article_path)
                    and same_site(host_of(href), self.page.host)
                )
                if number is None and label.isdigit() and same:
                    number = 1 if a.get("rel") == "start" or label == "1" else None
                elif number is None and label.isdigit() and in_path and int(label) > 1:
                    number = int(label)
                    same = True
                if number is not None and same:
                    links.setdefault(number, href)
            active = select_one(pager, "[class*='active']")
            if active is not None and text_of(active).isdigit():
                current = int(text_of(active))
        if not links:
            # No pager read, but the page declares a next page of the same article (<link rel="next">).
            for node in select(self.root, "link[rel='next']"):
                href = self.absolute(node.get("href"))
                if (
                    href
                    and (urlsplit(href).path.startswith(article_path) or page_number(href))
                    and same_site(host_of(href), self.page.host)
                ):
                    links[current + 1] = href
                    break
        total = max([current, *links]) if links else current
        return Pagination(current=current, total=total, links=links, complete=total == 1)

    # -- refusal -------------------------------------------------------------------------------

    def has_article_data(self) -> bool:
        """The page declares itself an article: an article JSON-LD node, og:type=article or a published time."""
        return bool(
            self.page.article_ld
            or (self.page.meta_first("og:type") or "").lower() == "article"
            or self.page.meta_first("article:published_time")
        )

    def title_texts(self) -> list[str]:
        """The page's own titles: <title>, og:title, twitter:title and its h1s outside sidebars."""
        found = [
            text_of(select_one(self.root, "title")),
            collapse_ws(self.page.meta_first("og:title") or ""),
            collapse_ws(self.page.meta_first("twitter:title") or ""),
        ]
        found += [text_of(h) for h in self.root.iter("h1") if not self.in_sidebar(h)]
        return [t for t in found if t]

    def _check_link_index(self, body_chars: int) -> None:
        """Refuse an index: a short text whose main block is mostly link text."""
        container = self.body_container()
        if container is not None and body_chars < 1500:
            link_chars = sum(len(text_of(a)) for a in container.iter("a"))
            if link_chars / (len(text_of(container)) or 1) > 0.6:
                raise Refused("not_article", "the main block is mostly links (an index page)")

    def check_refusals(self, headline: str, paragraphs: list[str]) -> None:
        """The refusals that do not depend on finding the text: an index of links, a cut-off page, a soft 404,
        a listing. Run before the library layer is asked, so that it cannot turn such a page into a record."""
        body_chars = sum(len(p) for p in paragraphs)
        self._check_link_index(body_chars)
        if self.page.truncated:
            raise Refused("truncated", "the document is cut off (no </body> or </html>) before any article text")
        self.check_not_found(paragraphs, body_chars)
        self.check_listing(body_chars)

    def check_article(self, headline: str, paragraphs: list[str]) -> None:
        """Raise Refused for pages that only look like articles (index, tag, error pages, cut-off pages).

        In order: an index whose main block is mostly links (``not_article``); a document cut off before
        its end whose article text is missing or runs to the cut (``truncated``); a page that says it is not
        found (``soft_404``, checked first when headline or text is missing: a removed article); no headline
        (``no_headline``); no text (``no_body``); a listing, tag or search page (``not_article``).
        """
        body_chars = sum(len(p) for p in paragraphs)
        self._check_link_index(body_chars)
        container = self.body_container()
        only_by_text = self.body_layer in ("density", "library")  # no template rule vouches for the block
        if self.page.truncated and (not paragraphs or container is None or only_by_text or _ends_document(container)):
            raise Refused("truncated", "the document is cut off (no </body> or </html>) before the article text ends")
        if not headline or not paragraphs:
            # A removed article or an error page that says so is a soft 404, not a template that broke
            # (no_headline / no_body are the signals of a changed template).
            self.check_not_found(paragraphs, body_chars)
        if not headline:
            raise Refused("no_headline", "the page has no headline")
        if not paragraphs:
            # A page of links and no text: a listing says so (title, teasers, og:type) before it is a lost body.
            self.check_listing(0)
            raise Refused("no_body", "no article text found")
        self.check_not_found(paragraphs, body_chars)
        self.check_listing(body_chars)

    def check_not_found(self, paragraphs: list[str], body_chars: int) -> None:
        """Refuse a soft 404: an error page that answers 200 ("Halaman tidak ditemukan", "Page not found").

        A title, og:title or h1 that *is* a not-found label ("404", "Artikel Tidak Ditemukan - Site") is
        enough, and so is a body that opens with the notice ("Maaf, halaman yang Anda cari ...") on a
        page without article data. The notice anywhere else in a title or the body's opening counts only on
        a short page without article data, so an article that reports a "404" or a site that was "tidak
        dapat diakses" is kept.
        """
        titles = [title[:300] for title in self.title_texts()]  # bounded: a title can be megabytes of junk
        for title in titles:
            for part in [title, *_TITLE_SEGMENTS.split(title)]:
                if _NOT_FOUND_LABEL.fullmatch(collapse_ws(part)):
                    raise Refused("soft_404", f"the page is titled {title[:80]!r}")
        opening = " ".join(paragraphs)[:300]
        if self.has_article_data():
            return
        if _NOT_FOUND_NOTICE.match(opening):
            raise Refused("soft_404", f"the page opens with a not-found notice: {opening[:80]!r}")
        if body_chars < 1500 and any(_NOT_FOUND_NOTICE.search(text) for text in [*titles, opening]):
            raise Refused("soft_404", "a short page without article data that says it was not found")

    def check_listing(self, body_chars: int) -> None:
        """Refuse index, tag, category and search pages, whatever URL they were reached by."""
        og_type = (self.page.meta_first("og:type") or "").lower()
        if og_type in ("website", "profile") and not self.page.article_ld and body_chars < 600:
            raise Refused("not_article", f"og:type={og_type} and no article data")
        if self.page.article_ld:
            return
        listing_types = {t for node in self.page.jsonld for t in ld_types(node)} & _LISTING_LD_TYPES
        if listing_types:
            raise Refused("not_article", f"the page declares itself a {sorted(listing_types)[0]}, not an article")
        if self.has_article_data():
            return
        for title in self.title_texts():
            if _LISTING_TITLE.match(title):
                raise Refused("not_article", f"a listing page without article data: {title[:80]!r}")
        teasers = self.teaser_links()
        if len(teasers) >= 4:
            raise Refused("not_article", f"{len(teasers)} headlines link to other pages and no article data: a listing")

    def teaser_links(self) -> set[str]:
        """Distinct same-site URLs that headings (h2-h4) outside sidebars link to: a listing's items."""
        own = canonical_url(self.page.url)
        found: set[str] = set()
        sidebar: dict[_Element, bool] = {}
        for heading in self.root.iter("h2", "h3", "h4"):
            parent = heading.getparent()
            if parent not in sidebar:
                sidebar[parent] = self.in_sidebar(heading)
            if sidebar[parent]:
                continue
            for a in heading.iter("a"):
                href = self.absolute(a.get("href"))
                if not href or len(text_of(a)) < 15 or not same_site(host_of(href), self.page.host):
                    continue
                if canonical_url(href) != own:
                    found.add(canonical_url(href))
        return found


def _ends_document(node: _Element) -> bool:
    """True when nothing follows ``node`` in the document: a cut-off page ended inside it."""
    for element in (node, *node.iterancestors()):
        if element.getnext() is not None or (element.tail or "").strip():
            return False
    return True


#: Paths that are listings on any portal: a page naming one as its canonical URL is not an article (used for
#: networks without their own ``not_article_path``).
LISTING_PATH = re.compile(
    r"^/(?:tag|tags|topik|topic|search|cari|pencarian|kategori|category|indeks|index|arsip|archives?|author|penulis)"
    r"(?:/|$)",
    re.I,
)
_LISTING_LD_TYPES = frozenset({"CollectionPage", "SearchResultsPage", "ProfilePage", "ItemList"})
_LISTING_TITLE = re.compile(
    r"^(?:(?:hasil\s+)?pencarian|search\s+results?|tag|tags|topik|topic|arsip|archives?|kategori|category|kanal)"
    r"\s*(?::|untuk\b|for\b)"
    r"|^(?:indeks\s+berita|berita\s+terkini|berita\s+terbaru|hasil\s+pencarian|search\s+results?)\b",
    re.I,
)
_TITLE_SEGMENTS = re.compile(r"\s+[-–—|:]\s+")
# A whole title segment that only says "not found": "404", "Error 404", "Halaman Tidak Ditemukan", "Page not
# found", "Oops! That page can't be found." A bare "Tidak Ditemukan" is not one ("Pencarian Hari Ketiga - Tidak
# Ditemukan" is a headline).
_NOT_FOUND_LABEL = re.compile(
    r"(?:oops\W*|maaf\W*|error\W*|kesalahan\W*)?"
    r"(?:(?:error\s*)?404(?:\s*(?:error|not\s+found|page\s+not\s+found|halaman\s+tidak\s+ditemukan))?"
    r"|(?:404\W*)?(?:halaman|artikel|berita|konten|page|article|content|post)\s+"
    r"(?:(?:yang\s+anda\s+cari\s+)?(?:tidak|tak)\s+(?:dapat\s+|bisa\s+)?(?:ditemukan|tersedia)|not\s+found)"
    r"|(?:404\W*)?not\s+found|that\s+page\s+can(?:'|’|no)?t\s+be\s+found|nothing\s+found)"
    r"\W*",
    re.I,
)
# The notice a not-found page prints ("Maaf, halaman yang Anda cari tidak ditemukan", "The page you requested
# could not be found").
_NOT_FOUND_NOTICE = re.compile(
    r"\W*(?:(?:mohon\s+)?maaf\W+(?:\w+\W+){0,3})?halaman\s+yang\s+(?:anda|kamu)\s+(?:cari|tuju|akses|minta|buka)"
    r"(?:\s+\w+){0,3}\s+(?:tidak|tak|sudah\s+tidak|telah\s+dihapus|sudah\s+dihapus)"
    r"|\W*(?:halaman|artikel|berita|konten)\s+(?:ini\s+|tersebut\s+)?(?:tidak|tak)\s+(?:dapat\s+|bisa\s+)?"
    r"(?:ditemukan|tersedia)"
    r"|\W*(?:sorry\W+)?(?:the\s+)?(?:page|article|content)\s+(?:you\s+(?:are\s+looking\s+for|requested)\s+)?"
    r"(?:was\s+not|could\s+not\s+be|cannot\s+be|can(?:'|’)t\s+be|not)\s+found"
    r"|\W*(?:oops\W+)?that\s+page\s+can(?:'|’|no)?t\s+be\s+found"
    r"|\W*it\s+looks\s+like\s+nothing\s+was\s+found",
    re.I,
)


_TAG_WORDS = frozenset({"tag", "tags"})
_TAG_BLOCK_TAGS = frozenset({"div", "ul", "section", "p", "span", "nav"})
_SHARE_WORDS = frozenset({"print", "email", "e-mail", "copy", "share", "facebook", "twitter", "whatsapp", "line"})
_TAG_LABEL = re.compile(r"(?:tags?|topik|terkait|kata\s+kunci)\s*:?", re.I)
_BREADCRUMB = re.compile(r"bre?a?dcrumb|crumbs?\b")
_CRUMB_SKIP = frozenset({"home", "beranda", "index", "detailberita", "detail", "berita", "read", "baca"})
_CLASS_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def _has_class_word(node: _Element, words: frozenset[str]) -> bool:
    """True when a class token of ``node``, split at '-', '_' and camelCase, holds one of ``words``."""
    classes = node.get("class")
    if not classes:
        return False
    return any(part.lower() in words for token in classes.split() for part in _CLASS_WORDS.findall(token))


def _image_key(url: str) -> str:
    """An image URL without scheme, query and size suffix, to match the og:image with the printed image."""
    path = urlsplit(url).path
    path = re.sub(r"(?:_\d+x\d+|-\d+x\d+|_169)(?=\.\w+$)", "", path)
    return path.rsplit("/", 1)[-1].lower()


def _breadcrumb_names(crumb: dict[str, Any]) -> list[str]:
    names: list[str] = []
    elements = crumb.get("itemListElement")
    if not isinstance(elements, list):
        return names
    for element in sorted((e for e in elements if isinstance(e, dict)), key=lambda e: int(e.get("position") or 0)):
        name = element.get("name")
        item = element.get("item")
        if not name and isinstance(item, dict):
            name = item.get("name")
        if isinstance(name, str) and name.strip() and collapse_ws(name) not in names:
            names.append(collapse_ws(name))
    return names


_SIGN_OFF = re.compile(r"\(\s*[\w*./ -]{1,40}\)|\[\s*[\w*./ -]{1,40}\]|[-–—]{1,2}\s*\w{1,6}\s*[-–—]{1,2}")
# A bracketed code or name after the last sentence: "... bangsa. (E-2)", "... Denpasar. (Luh Wayanti)", "[ian]".
_TRAILING_CODE = re.compile(r"(?<=[.!?\"”’])\s*[(\[](?=[A-Za-z*])[\w*.'’ /-]{1,40}[)\]]\s*$")
_FONT_BUTTONS = re.compile(r"(?:A\s*[+-]\s*){2,3}", re.I)
# "Name - detikFinance", "Name, CNN Indonesia", "Oleh Name | Site": a name, a separator, the site.
_BYLINE_SHAPE = re.compile(r"^(?:oleh\s*:?\s*)?[A-Z][\w.'’]*(?:\s+[\w.'’]+){0,4}\s*[-–|,]\s*(\S.*)$")


def _is_site_byline(text: str, brand: str) -> bool:
    """True for "Name - detikFinance": what follows the separator is a short credit holding the portal's brand
    (so "KOMPAS.com - Harga cabai naik" is text, not a byline)."""
    match = _BYLINE_SHAPE.match(text)
    if match is None or len(brand) <= 3:
        return False
    credit = match.group(1)
    return len(credit.split()) <= 3 and brand in title_key(credit)


_TEXT_TAGS = ("p", "h2", "h3", "h4", "blockquote", "ul", "ol")


def _remove_keep_tail(node: _Element) -> None:
    """Remove an element but keep its tail text, which belongs to the surrounding paragraph."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    previous = node.getprevious()
    parent.remove(node)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


# A run of text summarised for whitespace collapsing: (length with each whitespace run as one space, starts with
# whitespace, ends with whitespace, is only whitespace). Two runs join in O(1), so the collapsed length of every
# element's text is known after one pass over the tree.
_Run = tuple[int, bool, bool, bool]


def _run(text: str | None) -> _Run | None:
    text = (text or "").replace("\xa0", " ").replace("\u200b", "")
    if not text:
        return None
    collapsed = WHITESPACE.sub(" ", text)
    return len(collapsed), collapsed[0] == " ", collapsed[-1] == " ", collapsed == " "


def _join(left: _Run | None, right: _Run | None) -> _Run | None:
    if left is None:
        return right
    if right is None:
        return left
    shared = 1 if left[2] and right[1] else 0
    return left[0] + right[0] - shared, left[1], right[2], left[3] and right[3]


def _collapsed_len(run: _Run | None) -> int:
    """``len(collapse_ws(text))`` for the text the run summarises."""
    if run is None or run[3]:
        return 0
    return run[0] - run[1] - run[2]


def _link_stats(container: _Element) -> dict[_Element, tuple[float, int, int]]:
    """(link-text ratio, link count, text length) of every element under ``container``, in one pass.

    The same numbers as ``len(collapse_ws(text_content(node)))`` and the collapsed texts of its ``<a>``
    elements, computed bottom-up: linear in the size of the container, where measuring each element on its
    own costs its text once per ancestor (minutes for a body nested 250 deep around megabytes of text).
    """
    elements = [e for e in container.iter() if isinstance(e.tag, str)]
    runs: dict[_Element, _Run | None] = {}
    links: dict[_Element, tuple[int, int]] = {}
    stats: dict[_Element, tuple[float, int, int]] = {}
    for element in reversed(elements):  # children before parents
        run = _run(element.text)
        count, link_chars = 0, 0
        for child in element:
            if isinstance(child.tag, str):
                run = _join(run, runs[child])
                count += links[child][0]
                link_chars += links[child][1]
            run = _join(run, _run(child.tail))
        chars = _collapsed_len(run)
        if element.tag == "a":
            count, link_chars = count + 1, link_chars + chars
        runs[element], links[element] = run, (count, link_chars)
        stats[element] = (link_chars / chars if chars else 0.0), count, chars
    return stats


def _prune_widgets(container: _Element) -> None:
    """Drop related-link paragraphs, link lists, and widget blocks that follow the last paragraph."""
    # Measured before any removal: a node's own subtree is never changed by removing nodes before it.
    stats = _link_stats(container)
    for node in list(container.iter("p", "div", "ul", "ol", "section", "table")):
        if node is container or node.getparent() is None:
            continue
        ratio, count, chars = stats[node]
        if (node.tag == "p" and count and ratio > 0.8 and chars < 300) or (
            node.tag != "p" and count >= 3 and ratio > 0.5
        ):
            _remove_keep_tail(node)
    children = [c for c in container if isinstance(c.tag, str)]
    paragraph_positions = [i for i, c in enumerate(children) if c.tag == "p"]
    if len(paragraph_positions) >= 3:
        for child in children[paragraph_positions[-1] + 1 :]:
            if child.tag not in _TEXT_TAGS:
                _remove_keep_tail(child)


def _bold_datelines(container: _Element) -> list[str]:
    """Texts of the first bold elements followed by a dash ("<b>Jakarta</b> - "): candidate datelines."""
    found: list[str] = []
    for node in container.iter("strong", "b"):
        text = collapse_ws(text_content(node))
        if 0 < len(text) <= 40 and (node.tail or "").lstrip().startswith(("-", "–", "—")):
            found.append(text)
        if len(found) >= 3:
            break
    return found


# Path segments (or the first host label) of photo and video stories: /foto/, /galeri/, /photo/, foto.x.com,
# /video/, /tv/, /foto-news/.
_PHOTO_SEGMENT = re.compile(r"(?:foto|photos?|galeri|gallery|galleries|fotografi)(?:-[a-z]+)?")
_VIDEO_SEGMENT = re.compile(r"(?:video|videos|vidio|tv)(?:-[a-z]+)?")

_READ_ALSO = re.compile(
    r"^\W*(?:baca|lihat|simak|tonton|saksikan)\s+(?:juga|pula|selengkapnya)\b|^\W*(?:berita|artikel)\s+terkait\b",
    re.I,
)
_BOX_TAGS = frozenset({"div", "table", "section", "aside", "ul", "blockquote", "p", "span"})
# How a read-also label opens its element's text ("Baca Juga:", "LIHAT JUGA", "Berita Terkait").
_READ_ALSO_OPENINGS = ("baca ", "lihat ", "simak ", "tonton ", "saksikan ", "berita terkait", "artikel terkait")


def _drop_read_also_boxes(container: _Element) -> None:
    """Drop inline "Baca Juga" / "Lihat juga" plugin boxes: a block that opens with such a label and whose
    remaining text is mostly links, wherever a related-posts plugin put it between the paragraphs."""
    stats: dict[_Element, tuple[float, int, int]] | None = None
    # Elements whose own text opens with a label; only the few blocks around them are measured. (An XPath with
    # string functions over every text node cost more than the whole body extraction.)
    candidates: list[_Element] = []
    for element in container.iter():
        opening = element.text
        if not opening or not opening[:24].lstrip().lower().startswith(_READ_ALSO_OPENINGS):
            continue
        node: _Element | None = element
        for _ in range(4):  # the label's element and the boxes around it
            if node is None or node is container:
                break
            if node.tag in _BOX_TAGS and node not in candidates:
                candidates.append(node)
            node = node.getparent()
    for node in candidates:
        if node.getparent() is None or any(a.getparent() is None for a in node.iterancestors() if a is not container):
            continue  # already removed with a box around it
        text = text_content(node)
        if len(text) > 600 or not _READ_ALSO.match(text):
            continue
        if stats is None:
            stats = _link_stats(container)
        ratio, count, chars = stats.get(node, (0.0, 0, 0))
        label = _READ_ALSO.match(collapse_ws(text))
        rest = chars - (label.end() if label else 0)
        if count and rest > 0 and ratio * chars >= 0.5 * rest:
            _remove_keep_tail(node)


def _text_blocks(container: _Element) -> list[str]:
    """Split a container into paragraph texts at block elements and <br> runs."""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = "".join(buffer)
        if text.strip():
            blocks.append(text)
        buffer.clear()

    def walk(node: _Element) -> None:
        if node.text:
            buffer.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                flush()
            elif tag in _BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            elif tag:
                walk(child)
            if child.tail:
                buffer.append(child.tail)

    walk(container)
    flush()
    return blocks
