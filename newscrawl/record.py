"""From page to record: parse one page, merge pages, and the record steps the pipelines apply.

The same functions serve the crawl (through ``newscrawl.pipelines``) and ``extract_article``, so a
record made offline is the record a crawl writes.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newscrawl import dates
from newscrawl.errors import Refused
from newscrawl.items import SCHEMA_VERSION, article_id
from newscrawl.parsing.article import Pagination
from newscrawl.parsing.page import NotHTML, Page
from newscrawl.sites import network_for
from newscrawl.sites.base import Network
from newscrawl.text import collapse_ws, is_furniture, strip_headline_suffix
from newscrawl.urls import host_of

DEFAULT_MIN_BODY_CHARS = 200
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass
class ParsedPage:
    """One fetched page of an article: its record fields, paragraphs and pager."""

    record: dict[str, Any]
    paragraphs: list[str]
    pagination: Pagination
    network: Network
    fallbacks: list[str] = field(default_factory=list)


def parse_page(
    html: str | bytes,
    url: str,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
    network: Network | None = None,
) -> ParsedPage:
    """Parse one page into record fields. Raises Refused for what is not an article page."""
    try:
        page = Page(html, url, content_type)
    except NotHTML as exc:
        raise Refused("not_html", str(exc)) from exc
    net = network or network_for(url)
    parser = net.make_parser(page, now=now)
    headline = parser.headline()
    paragraphs = parser.body_paragraphs()
    parser.check_article(headline, paragraphs)
    canonical = net.canonicalize(parser.canonical_url())
    published = parser.published()
    record: dict[str, Any] = {
        "id": article_id(canonical),
        "url": canonical,
        "site": host_of(canonical),
        "site_name": parser.site_name(),
        "network": net.name,
        "headline": headline,
        "published_at": dates.to_iso(published.value) if published else None,
        "published_at_raw": published.raw if published else None,
        "modified_at": parser.modified(),
        "authors": parser.authors(),
        "editor": parser.editor(),
        "source": parser.source(),
        "body": PARAGRAPH_SEPARATOR.join(paragraphs),
        "summary": parser.summary(),
        "tags": parser.tags(),
        "category": parser.category(),
        "image_url": parser.image_url(),
        "image_caption": parser.image_caption(),
        "language": "id",
        "page_count": 1,
        "crawled_at": "",
        "schema_version": SCHEMA_VERSION,
    }
    return ParsedPage(record, paragraphs, parser.pagination(), net, parser.fallbacks)


def merge_pages(pages: list[ParsedPage]) -> dict[str, Any]:
    """One record from an article's pages in page order: page 1's fields, every paragraph once."""
    if not pages:
        raise ValueError("no pages to merge")
    first = pages[0]
    record = dict(first.record)
    paragraphs: list[str] = []
    seen: set[str] = set()
    for part in pages:
        for text in part.paragraphs:
            if text not in seen:
                seen.add(text)
                paragraphs.append(text)
        for key in ("editor", "source", "image_caption", "category", "summary"):
            if not record.get(key) and part.record.get(key):
                record[key] = part.record[key]
        for key in ("authors", "tags"):
            if not record.get(key) and part.record.get(key):
                record[key] = part.record[key]
    record["body"] = PARAGRAPH_SEPARATOR.join(paragraphs)
    record["page_count"] = len(pages)
    return record


# -- the steps the pipelines apply, in order -------------------------------------------------------


def validate(record: MutableMapping[str, Any], min_body_chars: int = DEFAULT_MIN_BODY_CHARS) -> None:
    """Refuse a record without url, headline or body, or with a body too short to be an article."""
    if not record.get("url"):
        raise Refused("missing_url", "record has no url")
    if not collapse_ws(record.get("headline") or ""):
        raise Refused("missing_headline", "record has no headline")
    body = record.get("body") or ""
    if not body.strip():
        raise Refused("missing_body", "record has no body")
    if len(body) < min_body_chars:
        raise Refused("body_too_short", f"body has {len(body)} characters (< {min_body_chars})")


def clean(record: MutableMapping[str, Any]) -> None:
    """Normalise text fields; drop any furniture paragraph that reached the body."""
    for key in ("headline", "site_name", "editor", "source", "summary", "category", "image_caption"):
        value = record.get(key)
        if isinstance(value, str):
            record[key] = collapse_ws(value) or None
    record["headline"] = strip_headline_suffix(record.get("headline") or "", [record.get("site_name") or ""])
    paragraphs = [collapse_ws(p) for p in (record.get("body") or "").split(PARAGRAPH_SEPARATOR)]
    kept = [p for p in paragraphs if p and not is_furniture(p)]
    record["body"] = PARAGRAPH_SEPARATOR.join(kept)
    for key in ("authors", "tags"):
        values: list[str] = []
        for value in record.get(key) or []:
            value = collapse_ws(str(value))
            if value and value not in values:
                values.append(value)
        record[key] = values
    url = record.get("url") or ""
    record["id"] = article_id(url)
    record["site"] = host_of(url)
    record["language"] = record.get("language") or "id"
    record["schema_version"] = SCHEMA_VERSION


def normalise_dates(
    record: MutableMapping[str, Any], default_offset: str = "+07:00", now: datetime | None = None
) -> None:
    """ISO 8601 with the local offset for published_at/modified_at; crawled_at in UTC."""
    now_utc = (now or datetime.now(UTC)).astimezone(UTC)
    raw = record.get("published_at_raw")
    current = record.get("published_at")
    source = current or raw
    if source:
        parsed = dates.parse_date(str(source), default_offset=default_offset, now=now)
        record["published_at"] = dates.to_iso(parsed) if parsed else None
    modified = record.get("modified_at")
    if modified:
        parsed = dates.parse_date(str(modified), default_offset=default_offset, now=now)
        record["modified_at"] = dates.to_iso(parsed) if parsed else None
    record["crawled_at"] = now_utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def finish(
    record: MutableMapping[str, Any],
    *,
    min_body_chars: int = DEFAULT_MIN_BODY_CHARS,
    default_offset: str = "+07:00",
    now: datetime | None = None,
) -> None:
    """Every pipeline step but deduplication, in pipeline order (used by extract)."""
    validate(record, min_body_chars)
    clean(record)
    normalise_dates(record, default_offset, now)
