"""From page to record: parse one page, merge pages, and the record steps the pipelines apply.

The same functions serve the crawl (through ``newscrawl.pipelines``) and ``extract_article``, so a
record made offline is the record a crawl writes.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from newscrawl import dates
from newscrawl.errors import Refused
from newscrawl.items import SCHEMA_VERSION, article_id
from newscrawl.parsing.article import LISTING_PATH, Pagination
from newscrawl.parsing.page import NotHTML, Page, text_content
from newscrawl.sites import network_for
from newscrawl.sites.base import Network
from newscrawl.text import collapse_ws, damaged_chars, is_furniture, repair_mojibake, strip_headline_suffix
from newscrawl.urls import canonical_url, host_of

DEFAULT_MIN_BODY_CHARS = 200
PARAGRAPH_SEPARATOR = "\n\n"
#: An article page whose text is longer than this is refused as ``too_large``: the longest news articles
#: run to some 50,000 characters, so a page with more text than this is a dump, not one article.
MAX_BODY_CHARS = 1_000_000
#: A body is refused as ``bad_encoding`` when more than this share of its characters is unreadable: U+FFFD
#: (bytes lost in decoding) or paragraphs still garbled after mojibake repair. One lost character in an article
#: is kept; a body in the wrong encoding, or riddled with lost bytes, is not.
MAX_UNREADABLE_SHARE = 0.01


@dataclass
class ParsedPage:
    """One fetched page of an article: its record fields, paragraphs and pager."""

    record: dict[str, Any]
    paragraphs: list[str]
    pagination: Pagination
    network: Network
    fallbacks: list[str] = field(default_factory=list)
    #: which layer found the body: ``network`` (the module's selectors), ``generic`` (generic selectors),
    #: ``density`` (the block holding the most running text), ``library`` (trafilatura) or ``captions``
    body_layer: str = "network"


def parse_page(
    html: str | bytes,
    url: str,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
    network: Network | None = None,
) -> ParsedPage:
    """Parse one page into record fields. Raises Refused for what is not an article page.

    Nothing else escapes for bad input: unreadable bytes, an empty, binary, oversized or too deeply nested
    document, a soft 404, a listing, a truncated article or text that stays garbled after mojibake repair
    each raise :class:`Refused` with its reason (``newscrawl/dropped/<reason>`` in a crawl).
    """
    try:
        page = Page(html, url, content_type)
    except NotHTML as exc:
        raise Refused(exc.reason, str(exc)) from exc
    net = network or network_for(url)
    parser = net.make_parser(page, now=now)
    headline = repair_mojibake(parser.page_headline())
    container = parser.body_container()
    if container is not None and len(text_content(container)) > 2 * MAX_BODY_CHARS:
        # Checked before the body is cleaned: megabytes of text are refused without reading them paragraph by
        # paragraph (twice the bound, as markup-free text still holds scripts and furniture the cleaning drops).
        raise Refused("too_large", f"the article block holds over {2 * MAX_BODY_CHARS} characters of text")
    paragraphs = [repair_mojibake(p) for p in parser.body_paragraphs()]
    kind = parser.kind()
    if kind != "article" and sum(len(p) for p in paragraphs) < DEFAULT_MIN_BODY_CHARS:
        # A photo or video story: its text is the captions (and the standfirst), not running paragraphs.
        paragraphs = parser.caption_paragraphs(paragraphs)
    elif sum(len(p) for p in paragraphs) < DEFAULT_MIN_BODY_CHARS:
        # Our own layers found no article text: the refusals run first (a listing, an error page or a cut-off
        # page stays refused), then a content-extraction library is asked.
        parser.check_refusals(headline, paragraphs)
        found = [repair_mojibake(p) for p in parser.library_paragraphs()]
        # Less than an article's worth from the library is a fragment of page furniture, not a found body.
        if sum(len(p) for p in found) >= DEFAULT_MIN_BODY_CHARS:
            paragraphs = found
            if net.name:
                parser.fallback("body", None)
    parser.check_article(headline, paragraphs)
    _check_text(headline, paragraphs)
    declared = parser.canonical_url()
    listing = net.not_article_path or LISTING_PATH
    if canonical_url(declared) != canonical_url(url) and listing.search(urlsplit(declared).path):
        raise Refused("not_article", f"the page names {declared} as its address: a listing, not an article")
    canonical = net.canonicalize(declared)
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
        "kind": kind,
        "page_count": 1,
        "crawled_at": "",
        "schema_version": SCHEMA_VERSION,
    }
    for key in ("site_name", "editor", "source", "summary", "category", "image_caption", "published_at_raw"):
        if isinstance(record[key], str):
            record[key] = repair_mojibake(record[key])
    for key in ("authors", "tags"):
        record[key] = [repair_mojibake(value) for value in record[key]]
    return ParsedPage(record, paragraphs, parser.pagination(), net, parser.fallbacks, parser.body_layer)


def _check_text(headline: str, paragraphs: list[str]) -> None:
    """Refuse article text that is garbled after mojibake repair, or too long to be one article."""
    body_chars = sum(len(p) for p in paragraphs)
    if body_chars > MAX_BODY_CHARS:
        raise Refused("too_large", f"{body_chars} characters of text, over the {MAX_BODY_CHARS} bound")
    if damaged_chars(headline):
        raise Refused("bad_encoding", f"the headline is garbled after repair: {headline[:80]!r}")
    damaged = sum(damaged_chars(p) for p in paragraphs)
    if damaged > MAX_UNREADABLE_SHARE * body_chars:
        share = f"{damaged} of {body_chars} body characters"
        raise Refused("bad_encoding", f"{share} are unreadable (lost bytes or mojibake left after repair)")


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
    if len(body) < min_body_chars and record.get("kind", "article") == "article":
        # Photo and video stories are captions and a standfirst: short by nature, and still what a reader saw.
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
