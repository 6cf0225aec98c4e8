"""One parsed HTML page with its structured data (JSON-LD, meta, dataLayer) read once and cached."""

from __future__ import annotations

import codecs
import contextlib
import json
import re
import weakref
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urlsplit

import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError, _Element
from w3lib.encoding import html_to_unicode, read_bom

from newscrawl.parsing.css import TokenIndex, compile_css
from newscrawl.parsing.css import select as css_select
from newscrawl.text import collapse_ws

ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "Report",
}


#: Pages larger than this (bytes, or characters for a ``str``) are refused as ``too_large`` before they are
#: parsed. It is Scrapy's ``DOWNLOAD_MAXSIZE`` in ``newscrawl/settings.py``: no news article page is this big
#: (real ones are 50-300 KiB), and a page this size is read or refused within about 3 s (``bench_hostile.py``).
MAX_PAGE_BYTES = 16 * 1024 * 1024

#: libxml2 (without XML_PARSE_HUGE, which newscrawl does not set) stops building the tree at this element depth
#: and silently drops the rest of the document; such a page is refused as ``too_deep`` instead of being read
#: in part. The real and fixture pages nest at most 22 deep (median 9).
MAX_DEPTH = 256


class NotHTML(ValueError):
    """The bytes are not an HTML document newscrawl can read whole; ``reason`` is the refusal slug.

    ``empty`` (nothing but whitespace), ``not_html`` (binary, PDF, image, XML or plain text),
    ``too_large`` (over :data:`MAX_PAGE_BYTES`), ``too_deep`` (nested beyond :data:`MAX_DEPTH`).
    """

    def __init__(self, detail: str, reason: str = "not_html") -> None:
        super().__init__(detail)
        self.reason = reason


@lru_cache(maxsize=512)
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css)


# Whole-page look-ups are the costly ones: parsers ask for many theme variants a page does not use. They are
# matched by ``newscrawl.parsing.css`` (right to left, from a per-page index of class and id tokens, no
# whole-tree XPath scan), and on the current page's root (which parsers never modify: they change copies)
# each answer is kept for the page. Selectors that module cannot match go to lxml's CSSSelector.
#
# The answers live on the Page; this module only keeps a weak reference to the newest Page, so a finished
# page's tree is freed with it (a strong reference kept the previous page's tree alive while the next one
# was parsed: twice the memory on a 15 MiB page).
class _Lookups:
    def __init__(self, root: _Element) -> None:
        self.root = root
        self.index: TokenIndex | None = None
        self.answers: dict[str, list[_Element]] = {}

    def token_index(self) -> TokenIndex:
        if self.index is None:
            self.index = TokenIndex(self.root)
        return self.index


_current: weakref.ref[Page] | None = None


def _lookups_for(node: _Element) -> _Lookups | None:
    """The look-up cache of the newest page, when ``node`` is its root."""
    page = _current() if _current is not None else None
    if page is not None and page.root is node:
        return page._lookups
    return None


def _evaluate(node: _Element, css: str, index: TokenIndex | None) -> list[_Element]:
    compiled = compile_css(css)
    if compiled is None or (index is None and any(alt.uses_siblings for alt in compiled)):
        # lxml's XPath: pseudo-classes, and sibling combinators below the root (whose XPath can reach out of
        # the subtree)
        return list(_selector(css)(node))
    return css_select(node, compiled, index)


def select(node: _Element, css: str) -> list[_Element]:
    """Elements at or under ``node`` matching a CSS selector, in document order, as
    ``lxml.cssselect.CSSSelector(css)(node)`` gives them (on a page's root, evaluated at most once per page)."""
    lookups = _lookups_for(node)
    if lookups is not None:
        found = lookups.answers.get(css)
        if found is None:
            found = lookups.answers[css] = _evaluate(node, css, lookups.token_index())
        return list(found)
    return _evaluate(node, css, None)


def select_one(node: _Element, css: str) -> _Element | None:
    found = select(node, css)
    return found[0] if found else None


_STRING_VALUE = etree.XPath("string()", smart_strings=False)


def text_content(node: _Element) -> str:
    """All the text under an element, as ``lxml.html``'s ``HtmlElement.text_content()`` gives it. Pages are
    parsed into plain lxml elements (no Python class look-up per element, which made every walk over the tree
    two to three times slower), so this is a function."""
    return _STRING_VALUE(node)


def text_of(node: _Element | None) -> str:
    """Visible text of an element, whitespace collapsed."""
    if node is None:
        return ""
    return collapse_ws(text_content(node))


def _cp1252_for_invalid_utf8(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as windows-1252 (ftfy's sloppy variant)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("sloppy-windows-1252"), error.end


codecs.register_error("newscrawl_cp1252", _cp1252_for_invalid_utf8)


def _utf8(data: bytes, errors: str) -> str:
    """Decode UTF-8, dropping an incomplete multi-byte character at the very end (a truncated page)."""
    return codecs.getincrementaldecoder("utf-8")(errors).decode(data, final=False)


def decode_html(html: str | bytes, content_type: str | None = None) -> str:
    """Decode page bytes using the BOM, the HTTP header and <meta charset>, and repair a wrong label.

    w3lib picks the encoding (BOM, then header, then meta, else UTF-8). Two mislabellings are then undone
    at the byte level, where they are certain: bytes labelled UTF-8 that are not all UTF-8 (a windows-1252
    or latin-1 page, or windows-1252 text pasted into a UTF-8 one) have each non-UTF-8 byte read as
    windows-1252 instead of becoming U+FFFD; bytes labelled with an 8-bit charset (latin-1, windows-1252,
    ...) that are valid, non-ASCII UTF-8 are read as UTF-8. Mojibake already in the text (UTF-8 read as
    windows-1252 upstream) is the text layer's job (``newscrawl.text.repair_mojibake``).
    """
    if isinstance(html, str):
        return html
    encoding, text = html_to_unicode(content_type, html)
    if read_bom(html)[0] is not None:
        return text
    codec = codecs.lookup(encoding).name
    if codec == "utf-8":
        if "\ufffd" in text:
            text = _utf8(html, "newscrawl_cp1252")
    elif not codec.startswith(("utf-16", "utf-32")) and not html.isascii():
        with contextlib.suppress(UnicodeDecodeError):
            text = _utf8(html, "strict")
    return text


# Files that are not HTML whatever the Content-Type says: PDF, images, fonts, archives, audio/video.
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"RIFF",
    b"II*\x00",
    b"MM\x00*",
    b"\x00\x00\x01\x00",
    b"wOFF",
    b"wOF2",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x28\xb5\x2f\xfd",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"OggS",
    b"ID3",
    b"\x1a\x45\xdf\xa3",
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
# The first element of a document that is markup but not a web page: SVG, feeds, sitemaps.
_TAG_NAME = re.compile(r"<([A-Za-z][\w:.-]*)")
_NOT_PAGE_ROOTS = frozenset({"svg", "rss", "feed", "urlset", "sitemapindex", "rdf:rdf", "kml", "gpx"})
_CLOSING_TAG = re.compile(r"</(?:html|body)\s*>", re.I)
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_CONTROL_CHARS = tuple(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))


def _safe_char(match: re.Match[str]) -> str:
    char = match.group()
    return " " if char == "\x0c" else "\ufffd" if char >= "\ud800" else ""


def _first_tag(text: str) -> str | None:
    """The name of the document's first element, past the XML declaration, comments and doctype."""
    at = 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        for opening, closing in (("<?", "?>"), ("<!--", "-->"), ("<!", ">")):
            if text.startswith(opening, at):
                end = text.find(closing, at + len(opening))
                if end < 0:
                    return None
                at = end + len(closing)
                break
        else:
            match = _TAG_NAME.match(text, at)
            return match.group(1).lower() if match else None


def _sniff_binary(html: bytes) -> str | None:
    """Why the bytes are not text, or None."""
    head = html[:4096]
    if read_bom(head)[0] is not None:
        return None  # UTF-16/32 with a BOM holds NUL bytes and is still text
    start = head.lstrip()
    if start.startswith(_BINARY_MAGIC) or start[4:8] == b"ftyp":
        return "binary content (a PDF, image, font, archive or media file), not HTML"
    controls = len(_CONTROL_BYTES.findall(head))
    if b"\x00" in head or controls * 20 > len(head):
        return "binary content (control bytes), not HTML"
    return None


def parse_html(html: str | bytes, content_type: str | None = None) -> _Element:
    """Parse a page into an lxml tree; raise :class:`NotHTML` (with its reason) for what cannot be read whole."""
    return _parse(html, content_type)[0]


def _parse(html: str | bytes, content_type: str | None) -> tuple[_Element, bool]:
    """The tree, and whether the document ends before its closing ``</body>``/``</html>`` (truncated)."""
    if len(html) > MAX_PAGE_BYTES:
        raise NotHTML(f"{len(html)} bytes, over the {MAX_PAGE_BYTES}-byte bound", "too_large")
    if isinstance(html, bytes):
        if not html or html.isspace():
            raise NotHTML("empty document", "empty")
        binary = _sniff_binary(html)
        if binary:
            raise NotHTML(binary)
    text = decode_html(html, content_type)
    if not text or text.isspace():
        raise NotHTML("empty document", "empty")
    if "<" not in text[:4096]:
        raise NotHTML("no markup in document")
    # Control characters and lone surrogates cannot live in an lxml tree (setting such text raises): a form
    # feed is whitespace, the other C0 controls are dropped and surrogates count as lost characters.
    # Text decoded here from bytes holds no surrogates, so 29 substring searches (memchr-fast) tell whether
    # the regex has anything to do: a third of the time of running it on every page.
    if not isinstance(html, bytes) or any(char in text for char in _CONTROL_CHARS):
        text = _UNSAFE_CHARS.sub(_safe_char, text)
    first = _first_tag(text[:4096])
    if first in _NOT_PAGE_ROOTS:
        raise NotHTML(f"an XML document (<{first}>), not a web page")
    parser = etree.HTMLParser()
    try:
        root = etree.fromstring(text, parser)
    except (ParserError, ValueError, etree.XMLSyntaxError) as exc:
        raise NotHTML(f"unparseable HTML: {exc}") from exc
    if root is None:
        raise NotHTML("unparseable HTML: Document is empty")
    for error in parser.error_log:
        if "Excessive depth" in error.message:
            raise NotHTML(f"elements nested deeper than {MAX_DEPTH}: the parser stops there", "too_deep")
        if error.type_name == "ERR_RESOURCE_LIMIT" or "huge" in error.message.lower():
            raise NotHTML(f"over a parser limit: {error.message.strip()}", "too_large")
    closed = "</html>" in text or "</body>" in text or _CLOSING_TAG.search(text) is not None
    return root, not closed


def _flatten_ld(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for entry in data:
            _flatten_ld(entry, out)
    elif isinstance(data, dict):
        if "@graph" in data:
            _flatten_ld(data["@graph"], out)
        if "@type" in data:
            out.append(data)


def ld_types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    if isinstance(kind, list):
        return {str(k) for k in kind}
    return {str(kind)} if kind else set()


# Portals write JS object literals, not JSON: single quotes, trailing commas, unquoted keys.
_DATALAYER = re.compile(r"dataLayer\s*(?:=|\.push\()\s*\[?\s*(\{.*?\})\s*\]?\s*\)?\s*;", re.S)
_JS_PAIR = re.compile(
    r"""["']?([A-Za-z_][\w-]*)["']?\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?))"""
)


def parse_js_object(source: str) -> dict[str, str]:
    """Flat string/number pairs of a JS object literal (nested objects are not needed)."""
    result: dict[str, str] = {}
    for key, dq, sq, num in _JS_PAIR.findall(source):
        value = dq if dq or not (sq or num) else (sq or num)
        if dq:
            try:
                value = json.loads(f'"{dq}"')
            except json.JSONDecodeError:
                value = dq
        result.setdefault(key, value)
    return result


class Page:
    """A page and everything read from it once: tree, JSON-LD nodes, meta tags, dataLayer."""

    def __init__(self, html: str | bytes, url: str, content_type: str | None = None) -> None:
        self.url = url
        #: ``truncated``: the document ends before its closing ``</body>``/``</html>`` (cut off in transit)
        self.root, self.truncated = _parse(html, content_type)
        self._lookups = _Lookups(self.root)
        global _current
        _current = weakref.ref(self)
        self.host = (urlsplit(url).hostname or "").lower()

    def class_index(self) -> TokenIndex:
        """The page's class/id index (built once, shared with every selector look-up)."""
        return self._lookups.token_index()

    @cached_property
    def jsonld(self) -> list[dict[str, Any]]:
        nodes: list[dict[str, Any]] = []
        for script in select(self.root, 'script[type="application/ld+json"]'):
            raw = (script.text or "").strip()
            if not raw:
                continue
            try:
                data = json.loads(raw, strict=False)
            except json.JSONDecodeError:
                # Some CMSs leave a trailing comma or a raw newline; one repair attempt only.
                try:
                    data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
                except json.JSONDecodeError:
                    continue
            _flatten_ld(data, nodes)
        return nodes

    @cached_property
    def article_ld(self) -> dict[str, Any]:
        """The first NewsArticle-like JSON-LD node, or {}."""
        for node in self.jsonld:
            if ld_types(node) & ARTICLE_TYPES:
                return node
        return {}

    def ld_of_type(self, kind: str) -> list[dict[str, Any]]:
        return [n for n in self.jsonld if kind in ld_types(n)]

    @cached_property
    def meta(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for node in self.root.iter("meta"):
            key = node.get("property") or node.get("name") or node.get("itemprop")
            content = node.get("content")
            if key and content is not None:
                found.setdefault(key.strip().lower(), []).append(content.strip())
        return found

    def meta_first(self, *keys: str) -> str | None:
        for key in keys:
            for value in self.meta.get(key.lower(), []):
                if value:
                    return value
        return None

    @cached_property
    def datalayer(self) -> dict[str, str]:
        merged: dict[str, str] = {}
        for script in self.root.iter("script"):
            code = script.text or ""
            if "dataLayer" not in code:
                continue
            for match in _DATALAYER.finditer(code):
                for key, value in parse_js_object(match.group(1)).items():
                    merged.setdefault(key, value)
        return merged
