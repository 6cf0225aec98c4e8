"""One parsed HTML page with its structured data (JSON-LD, meta, dataLayer) read once and cached."""

from __future__ import annotations

import json
import re
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError, _Element
from w3lib.encoding import html_to_unicode

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


class NotHTML(ValueError):
    """The bytes are not an HTML document (empty, binary, or unparseable)."""


@lru_cache(maxsize=512)
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css)


def select(node: _Element, css: str) -> list[_Element]:
    """Elements under ``node`` matching a CSS selector (compiled once per selector)."""
    return list(_selector(css)(node))


def select_one(node: _Element, css: str) -> _Element | None:
    found = _selector(css)(node)
    return found[0] if found else None


def text_of(node: _Element | None) -> str:
    """Visible text of an element, whitespace collapsed."""
    if node is None:
        return ""
    return collapse_ws(node.text_content())


def decode_html(html: str | bytes, content_type: str | None = None) -> str:
    """Decode page bytes using the HTTP header, BOM, and <meta charset>, in that order."""
    if isinstance(html, str):
        return html
    _, text = html_to_unicode(content_type, html)
    return text


_BINARY_SNIFF = re.compile(rb"^(%PDF|\x89PNG|GIF8|\xff\xd8\xff|PK\x03\x04|\x1f\x8b)")


def parse_html(html: str | bytes, content_type: str | None = None) -> _Element:
    """Parse a page into an lxml tree; raise NotHTML for what is not an HTML document."""
    if isinstance(html, bytes):
        if not html.strip():
            raise NotHTML("empty document")
        if _BINARY_SNIFF.match(html[:8]) or b"\x00" in html[:2048]:
            raise NotHTML("binary content, not HTML")
    text = decode_html(html, content_type)
    if not text.strip():
        raise NotHTML("empty document")
    if "<" not in text[:4096]:
        raise NotHTML("no markup in document")
    try:
        root = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise NotHTML(f"unparseable HTML: {exc}") from exc
    return root


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
        self.root = parse_html(html, content_type)
        self.host = (urlsplit(url).hostname or "").lower()

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
