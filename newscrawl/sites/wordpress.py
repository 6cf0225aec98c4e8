"""WordPress profile: independent regional portals built on WordPress themes, one profile for all.

Many regional portals are a WordPress install with a news theme (JNews, tagDiv Newspaper, GeneratePress,
the Twenty* themes) and often Yoast SEO. They share WordPress's own markup - ``.entry-content`` bodies,
``h1.entry-title``, ``time.entry-date[datetime]``, ``rel="author"`` / ``.author.vcard`` bylines,
``rel="tag"`` and ``rel="category tag"`` links, ``.wp-caption-text`` captions, ``<!--nextpage-->`` pages
(``.page-links``, ``/slug/2/``) - and WordPress's URLs (``/YYYY/MM/DD/slug/`` or ``/slug/`` permalinks,
``/category/``, ``/tag/``, ``/author/``, ``/page/N/``, ``/feed/``, ``/wp-sitemap.xml``).

The generic layer uses this profile's parser for a WordPress page of *any* host
(:func:`looks_like_wordpress`, in ``Generic.make_parser``); the record's ``network`` then stays null.
``scrapy crawl wordpress -a sites=HOST`` crawls any WordPress host with this profile (``network`` is
"wordpress"); without ``-a sites=`` it crawls the portals listed here.

How it was checked: **real page** - ``beritamanado.com`` (JNews theme + Yoast SEO, Manado, WITA), the
article ``beritamanado.com/forkopimda-mitra-covid.html`` and the homepage
``beritamanado.com/homepage-listing.html`` in ../shared/fixtures/real (both 2020-10-09): body
(``.entry-content .content-inner``), meta ``article:published_time``/``article:modified_time`` in the
local offset (Yoast JSON-LD is UTC), the Yoast ``author`` ``@id`` reference, JNews bylines and tags, and
every article/non-article link of the homepage (``/slug/`` permalinks beside ``/category/``,
``/author/`` and static pages such as ``/privacy-policy/``). Every other rule (``<!--nextpage-->`` pager,
``/2/`` pages, tagDiv ``.td-post-content``, ``.tags-links``/``.cat-links``, sharedaddy/Jetpack/YARPP
furniture, ``wp-sitemap.xml``, ``/feed/``, ``/page/N/`` listings, ``?p=N``) is WordPress core or theme
markup as WordPress writes it, checked only on our own fixture pages (``unverified``).

Portals listed (only ones the shared reference calls WordPress): ``beritamanado.com`` (real pages,
"regional WordPress/JNews" in reference/real-pages.md); ``bantennews.co.id`` ("WordPress search",
``h1.entry-title``, ``time.entry-date[datetime]``, ``div.td-post-content`` in reference/templates.md
§24); ``fajar.co.id`` (Makassar; ``/{Y}/{M}/{D}/{slug}/``, "WP ``/page/N/?s=``", ``.entry-content``,
``article:published_time`` in templates.md §24).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from lxml.etree import _Element

from newscrawl.parsing.article import (
    GENERIC_BODY_SELECTORS,
    GENERIC_DATE_SELECTORS,
    GENERIC_DROP_SELECTORS,
    ArticleParser,
    Pagination,
)
from newscrawl.parsing.page import Page, select, select_one, text_content, text_of
from newscrawl.sites.base import Network
from newscrawl.text import collapse_ws, split_people
from newscrawl.urls import canonical_url, host_of, with_query

# -- detection -------------------------------------------------------------------------------------

_GENERATOR = re.compile(r"\bwordpress\b", re.I)
_WP_ASSET = re.compile(r"/wp-(?:content|includes)/")
_WP_BODY_CLASS = re.compile(r"(?:^|\s)(?:postid-\d+|single-post)(?:\s|$)")


def looks_like_wordpress(page: Page) -> bool:
    """True when the page was served by WordPress.

    Any one of: a ``generator`` meta naming WordPress; the REST API link (``rel="https://api.w.org/"``
    or a ``/wp-json/`` link); the theme's or WordPress's own scripts/stylesheets under ``/wp-content/``
    or ``/wp-includes/``; body classes ``postid-N`` / ``single-post``. An ``<img>`` from some
    ``/wp-content/uploads/`` alone does not count (pages hot-link images from WordPress sites).
    """
    root = page.root
    for value in page.meta.get("generator", []):
        if _GENERATOR.search(value):
            return True
    for link in root.iter("link"):
        href = link.get("href") or ""
        if link.get("rel") == "https://api.w.org/" or "/wp-json/" in href:
            return True
        if _WP_ASSET.search(href) and "stylesheet" in (link.get("rel") or ""):
            return True
    for script in root.iter("script"):
        if _WP_ASSET.search(script.get("src") or ""):
            return True
    body = root.find("body")
    return body is not None and bool(_WP_BODY_CLASS.search(body.get("class") or ""))


# -- URLs ------------------------------------------------------------------------------------------

_SLUG = r"[\w%-]*[a-z][\w%-]*"
# /YYYY/MM[/DD]/slug/ (date permalinks, any slug); /slug/ or /section/slug/ (postname permalinks, a slug
# of at least four words: WordPress *pages* such as /privacy-policy/ share the root); then an optional
# /N/ page of a <!--nextpage--> post and an optional /amp/.
ARTICLE_PATH = re.compile(
    rf"^/(?:\d{{4}}/\d{{2}}(?:/\d{{2}})?/{_SLUG}|(?:[\w%-]+/)?[\w%]+(?:-[\w%]+){{3,}})/?(?:\d{{1,3}}/?)?(?:amp/?)?$",
    re.I,
)
# Static pages of Indonesian portals (about, editorial board, policies, ad rates, index pages): a root
# slug of up to five words starting with one of these words.
_STATIC_PAGE = (
    r"tentang|about|redaksi|susunan|struktur|kontak|contact|hubungi|privacy|kebijakan|pedoman|disclaimer|"
    r"syarat|terms|karir|career|lowongan|info-iklan|iklan|kode-etik|indeks|index|terpopuler|arsip|sitemap"
)
NOT_ARTICLE_PATH = re.compile(
    r"^/(?:category|kategori|tag|tags|topik|topic|author|penulis|search|cari|feed|comments|amp|page|wp-[\w-]+)(?:/|$)"
    r"|/page/\d+/?$"
    r"|/(?:feed|rss|embed|trackback|attachment)(?:/|$)"
    r"|/comment-page-\d+"
    r"|\.(?:jpe?g|png|gif|webp|svg|pdf|xml|php|js|css|zip|mp3|mp4)$"
    rf"|^/(?:{_STATIC_PAGE})(?:-[\w%]+){{0,4}}/?$",
    re.I,
)
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_HAS_LETTER = re.compile(r"[a-z]", re.I)
_POST_ID_QUERY = re.compile(r"^\d+$")


def _post_id(url: str) -> str | None:
    """The N of a ``/?p=N`` (plain permalink) URL."""
    parts = urlsplit(url)
    if parts.path not in ("", "/"):
        return None
    for key, value in parse_qsl(parts.query):
        if key == "p" and _POST_ID_QUERY.match(value):
            return value
    return None


def strip_page_suffix(url: str) -> str:
    """``/slug/2/`` and ``/slug/amp/`` -> ``/slug/`` (query and fragment dropped as canonical_url does)."""
    url = canonical_url(url)
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    kept = list(segments)
    if len(kept) > 1 and kept[-1].lower() == "amp":
        kept.pop()
    # a page number after a slug (never after a date: /2026/03/ is an archive, not page 3 of /2026/)
    if len(kept) > 1 and _PAGE_NUMBER.fullmatch(kept[-1]) and _HAS_LETTER.search(kept[-2]):
        kept.pop()
    if kept == segments:
        return url
    return urlunsplit((parts.scheme, parts.netloc, "/" + "/".join(kept) + "/", parts.query, ""))


# -- parser ----------------------------------------------------------------------------------------

WORDPRESS_BODY_SELECTORS: tuple[str, ...] = (
    "div.entry-content .content-inner",  # JNews
    "div.td-post-content",  # tagDiv Newspaper
    "div.entry-content",  # WordPress core class (Twenty*, GeneratePress, Astra, ...)
    "div.post-content",
    "div.single-content",
    "div.entry",
)

WORDPRESS_DROP_SELECTORS: tuple[str, ...] = (
    *GENERIC_DROP_SELECTORS,
    ".page-links",  # wp_link_pages() pager of a <!--nextpage--> post
    ".post-nav-links",
    ".page-nav-post",  # tagDiv's pager
    ".sharedaddy",  # Jetpack sharing and likes
    "#jp-relatedposts",
    ".jp-relatedposts",
    ".yarpp",
    ".yarpp-related",
    ".td-post-sharing",  # tagDiv share bar ("sharing" escapes the generic [class*='share'])
    ".heateor_sss_sharing_container",
    ".td-a-rec",  # tagDiv ad slots
    ".code-block",  # Ad Inserter
    ".jeg_ad",
    ".awac-wrapper",  # widgets injected into the content (JNews)
    ".wpp-list",
    ".tags-links",
    ".cat-links",
    ".entry-meta",
    ".entry-footer",
    ".post-navigation",
    ".nav-links",
    ".author-box",
    ".saboxplugin-wrap",
    ".wp-block-buttons",
)

WORDPRESS_DATE_SELECTORS: tuple[str, ...] = (
    "time.entry-date.published",
    "time.entry-date",
    ".td-post-date time",
    ".jeg_meta_date",
    ".posted-on time",
    ".entry-meta time",
    *GENERIC_DATE_SELECTORS,
)

_BYLINE_SELECTORS = (
    ".author.vcard a",
    ".author.vcard .fn",
    "a[rel~='author']",
    ".td-post-author-name a",
    ".jeg_meta_author a",
    ".entry-meta .author a",
    ".byline a",
)
_TAG_SELECTORS = (
    ".tags-links a",
    ".td-tags a",
    ".jeg_post_tags a",
    ".post-tags a",
    ".entry-tags a",
    "a[rel='tag']",
)
_CATEGORY_SELECTORS = (
    ".cat-links a",
    ".td-category a",
    ".jeg_meta_category a",
    "a[rel~='category']",
)
_CAPTION_SELECTORS = (
    ".td-post-featured-image .wp-caption-text",
    ".td-post-featured-image figcaption",
    ".jeg_featured .wp-caption-text",
    ".post-thumbnail figcaption",
    ".wp-post-image ~ figcaption",
)
_PAGER_SELECTORS = ".page-links, .post-nav-links, .page-nav-post"
# Desk accounts that WordPress prints as the post's author: not reporters.
_ACCOUNT = re.compile(r"^(?:admin\w*|administrator|redaksi\w*|webmaster|editor|superadmin)$", re.I)
_PATH_PAGE = re.compile(r"/(\d{1,3})/?$")
# The post's own element: WordPress's post_class() gives it "hentry" / "type-post".
_POST_CLASS = re.compile(r"(?:^|\s)(?:hentry|type-post)(?:\s|$)")
# Blocks inside the post element that are not the post: related posts, widgets, popular lists, comments.
_IN_POST_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:related\w*|widget|sidebar|jeg_block\w*|popular|populer|terpopuler|recommend\w*|comments?)"
    r"(?:$|[\s_-])",
    re.I,
)


def _marker(node: _Element) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}"


def _is_post(node: _Element) -> bool:
    return node.tag == "article" and bool(_POST_CLASS.search(node.get("class") or ""))


class WordPressParser(ArticleParser):
    """WordPress core and theme markup; everything else from structured data and the generic layer."""

    network = "wordpress"
    body_selectors = WORDPRESS_BODY_SELECTORS
    drop_selectors = WORDPRESS_DROP_SELECTORS
    date_selectors = WORDPRESS_DATE_SELECTORS

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def in_sidebar(node: _Element) -> bool:
        """Inside the post's own ``<article class="hentry">``, its ``<header>``/``<footer>`` (tags, byline)
        belong to the post and only related/widget blocks are furniture; elsewhere the generic rule."""
        between: list[_Element] = []
        for ancestor in node.iterancestors():
            if _is_post(ancestor):
                return any(_IN_POST_FURNITURE.search(_marker(a)) for a in between)
            between.append(ancestor)
        return ArticleParser.in_sidebar(node)

    def article_texts(self, css: str) -> list[str]:
        """Texts of the elements a selector matches outside sidebars, widgets and listings, de-duplicated."""
        found: list[str] = []
        for node in select(self.root, css):
            text = text_of(node)
            if text and text not in found and not self.in_sidebar(node):
                found.append(text)
        return found

    def _ld_node(self, ref: Any) -> dict[str, Any] | None:
        """The JSON-LD node an ``{"@id": ...}`` reference names (Yoast writes people as references)."""
        if not isinstance(ref, dict) or "name" in ref or not isinstance(ref.get("@id"), str):
            return None
        for node in self.page.jsonld:
            if node.get("@id") == ref["@id"]:
                return node
        return None

    # -- identity ------------------------------------------------------------------------------

    def canonical_url(self) -> str:
        # Yoast gives page 2 of a <!--nextpage--> post its own canonical (/slug/2/): page 1 is the article.
        url = super().canonical_url()
        if select_one(self.root, _PAGER_SELECTORS) is not None or self.pagination_current() > 1:
            return strip_page_suffix(url)
        return url

    # -- headline ------------------------------------------------------------------------------

    def headline(self) -> str:
        for css in ("h1.entry-title", "h1.jeg_post_title", "h1.tdb-title-text", "h1.post-title"):
            for node in select(self.root, css):
                text = text_of(node)
                if text and not self.in_sidebar(node):
                    return text
        return self.fallback("headline", super().headline())

    # -- dates ---------------------------------------------------------------------------------

    def structured_dates(self) -> list[str]:
        # WordPress writes article:published_time and <time datetime> in the site's own offset; Yoast's
        # JSON-LD is UTC. The local strings go first (the same instant either way).
        found: list[str] = []
        meta = self.page.meta_first("article:published_time")
        if meta:
            found.append(meta.strip())
        for css in ("time.entry-date.published[datetime]", "time.entry-date[datetime]"):
            for node in select(self.root, css):
                if not self.in_sidebar(node):
                    found.append((node.get("datetime") or "").strip())
                    break
        found = [value for value in found if value]
        if not found:
            return self.fallback("published_at", super().structured_dates())
        return found + [value for value in super().structured_dates() if value not in found]

    def modified(self) -> str | None:
        # WordPress's own <time class="updated"> and Yoast's article:modified_time are in the site's offset;
        # Jetpack's meta and Yoast's JSON-LD are UTC. The same instant: prefer the local string.
        found: list[str] = []
        meta = self.page.meta_first("article:modified_time")
        if meta:
            found.append(meta.strip())
        for node in select(self.root, "time.updated[datetime]:not(.td-module-date)"):
            if not self.in_sidebar(node):
                found.append((node.get("datetime") or "").strip())
                break
        found = [value for value in found if value]
        if not found:
            return self.fallback("modified_at", super().modified())
        offset = self.local_offset()
        local = [v for v in found if v.endswith((offset, offset.replace(":", "")))]
        return (local or found)[0]

    # -- people --------------------------------------------------------------------------------

    def authors(self) -> list[str]:
        names: list[str] = []
        for css in _BYLINE_SELECTORS:
            for text in self.article_texts(css):
                for name in split_people(text):
                    if name and name not in names and not _ACCOUNT.match(name) and not self._is_site_label(name):
                        names.append(name)
            if names:
                return names
        person = self._ld_node(self.page.article_ld.get("author"))
        if person is not None and isinstance(person.get("name"), str):
            names = [n for n in split_people(person["name"]) if not _ACCOUNT.match(n) and not self._is_site_label(n)]
            if names:
                return names
        generic = [name for name in super().authors() if not _ACCOUNT.match(name)]
        return self.fallback("authors", generic)

    # -- body ----------------------------------------------------------------------------------

    def find_body_container(self) -> _Element | None:
        for css in self.body_selectors:
            for node in select(self.root, css):
                if self.in_sidebar(node):
                    continue
                if sum(len(text_content(p)) for p in node.iter("p")) >= 80 or len(text_of(node)) >= 200:
                    return node
        # No theme container: the generic containers, then the densest paragraph block.
        for css in GENERIC_BODY_SELECTORS:
            for node in select(self.root, css):
                if not self.in_sidebar(node) and sum(len(text_content(p)) for p in node.iter("p")) >= 80:
                    return self.fallback("body", node)
        return self.fallback("body", self._densest_text_block())

    # -- classification ------------------------------------------------------------------------

    def tags(self) -> list[str]:
        for css in _TAG_SELECTORS:
            values = [collapse_ws(t).lstrip("#") for t in self.article_texts(css)]
            values = [v for v in values if v and len(v) < 80]
            if values:
                return values
        return self.fallback("tags", super().tags())

    def category(self) -> str | None:
        # A breadcrumb (Yoast/theme JSON-LD) names the section best; else the post's category links.
        if self.page.ld_of_type("BreadcrumbList"):
            crumb = super().category()
            if crumb:
                return crumb
        for css in _CATEGORY_SELECTORS:
            values = self.article_texts(css)
            if values:
                return values[0]
        return self.fallback("category", super().category())

    def image_caption(self) -> str | None:
        for css in _CAPTION_SELECTORS:
            values = self.article_texts(css)
            if values:
                return values[0]
        container = self.body_container()
        if container is not None:
            for node in select(container, ".wp-caption-text, figcaption"):
                text = text_of(node)
                if text:
                    return text
        return self.fallback("image_caption", super().image_caption())

    # -- pages ---------------------------------------------------------------------------------

    def pagination_current(self) -> int:
        """This page's number: ``/slug/N/``, ``?page=N`` (plain permalinks), else the pager's current."""
        parts = urlsplit(self.page.url)
        match = _PATH_PAGE.search(parts.path)
        if match and ARTICLE_PATH.search(parts.path):
            return int(match.group(1))
        for key, value in parse_qsl(parts.query):
            if key == "page" and value.isdigit():
                return int(value)
        for pager in select(self.root, _PAGER_SELECTORS):
            current = select_one(pager, ".current, [aria-current]")
            if current is not None and text_of(current).isdigit():
                return int(text_of(current))
        return 1

    def pagination(self) -> Pagination:
        """wp_link_pages(): ``<div class="page-links">Halaman: <span class="current">1</span> <a>2</a>``."""
        pagers = [p for p in select(self.root, _PAGER_SELECTORS) if not self.in_sidebar(p)]
        if not pagers:
            # A one-page post has no pager: nothing to fall back from.
            return super().pagination()
        current = self.pagination_current()
        canonical = self.canonical_url()
        links: dict[int, str] = {}
        for pager in pagers:
            for a in pager.iter("a"):
                href = self.absolute(a.get("href"))
                label = text_of(a)
                if not href or not label.isdigit():
                    continue
                if strip_page_suffix(href) == strip_page_suffix(canonical):
                    links.setdefault(int(label), href)
        total = max([current, *links]) if links else current
        return Pagination(current=current, total=total, links=links, complete=total == 1)


# -- the profile -----------------------------------------------------------------------------------

PORTALS: dict[str, str | None] = {
    "beritamanado.com": "BeritaManado.com",
    "bantennews.co.id": None,
    "fajar.co.id": None,
}
HOST_OFFSETS = {"beritamanado.com": "+08:00", "fajar.co.id": "+08:00"}


class WordPress(Network):
    """Any WordPress portal: the listed ones by default, any host a spider is given (``extra_hosts``)."""

    name = "wordpress"
    title = "WordPress portals (profile)"
    portals = PORTALS
    host_pattern = None
    open_portals = True
    article_path = ARTICLE_PATH
    not_article_path = NOT_ARTICLE_PATH
    parser = WordPressParser
    host_offsets = HOST_OFFSETS
    full_text_param = None
    real_pages = ("beritamanado.com/forkopimda-mitra-covid.html",)
    real_listings: ClassVar[tuple[str, ...]] = ("beritamanado.com/homepage-listing.html",)
    unverified = (
        "<!--nextpage--> pager (.page-links) and /N/ pages",
        "tagDiv .td-post-content body",
        ".tags-links / .cat-links (rel=category tag)",
        "sharedaddy / jp-relatedposts / yarpp furniture",
        "wp-sitemap.xml and Yoast sitemap_index.xml",
        "/feed/",
        "/page/N/ homepage listing",
        "/?p=N plain permalinks",
    )
    discovery = ("robots.txt", "wp-sitemap.xml", "sitemap_index.xml", "/feed/", "homepage /page/N/")
    listing_paths = ("/",)
    health: ClassVar[dict[str, float]] = {"published_at": 1.0, "body": 1.0, "authors": 0.6}

    def __init__(self, extra_hosts: Iterable[str] = ()) -> None:
        self.extra_hosts = frozenset(self.portal_key(host) for host in extra_hosts if host.strip())

    def with_hosts(self, hosts: Iterable[str]) -> WordPress:
        """This profile owning ``hosts`` too (``scrapy crawl wordpress -a sites=any.host``)."""
        return type(self)([*self.extra_hosts, *hosts])

    # -- portals ---------------------------------------------------------------------------------

    def owns(self, url: str) -> bool:
        """Only listed portals and hosts given to this instance: WordPress hosts cannot be told by name."""
        host = host_of(url)
        return host in self.portals or host in self.extra_hosts

    # -- article URLs ----------------------------------------------------------------------------

    def is_article_url(self, url: str) -> bool:
        if self.owns(url) and _post_id(url) is not None:
            return True
        return super().is_article_url(url)

    def canonicalize(self, url: str) -> str:
        return strip_page_suffix(url)

    def page_url(self, canonical: str, number: int) -> str:
        """Page N of a <!--nextpage--> post: ``/slug/N/``; ``?p=ID&page=N`` under plain permalinks."""
        if number == 1:
            return canonical
        if _post_id(canonical) is not None:
            return with_query(canonical, page=str(number))
        parts = urlsplit(canonical)
        path = parts.path.rstrip("/") + f"/{number}/"
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))

    # -- discovery -------------------------------------------------------------------------------

    def sitemap_urls(self, portal: str) -> list[str]:
        """WordPress core's sitemap index (5.5+) and Yoast's, besides what robots.txt names."""
        base = self.portal_base(portal)
        return [f"{base}/wp-sitemap.xml", f"{base}/sitemap_index.xml"]

    def feed_urls(self, portal: str) -> list[str]:
        return [f"{self.portal_base(portal)}/feed/"]

    def listing_page_url(self, url: str, number: int) -> str:
        """The homepage's older posts: ``/page/N/``."""
        if number == 1:
            return url
        parts = urlsplit(url)
        path = re.sub(r"/page/\d+/?$", "/", parts.path or "/").rstrip("/") + f"/page/{number}/"
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
