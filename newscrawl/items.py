"""The article record: one JSON Lines line per article. Field names are a public contract."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields

SCHEMA_VERSION = "1.1"


@dataclass
class ArticleItem:
    """One news article, all its pages merged.

    Every field's format is stated here and in ``docs/schema.md``; the JSON Schema in
    ``newscrawl/schema/article.schema.json`` is the machine-readable form of the same contract.
    """

    #: sha1 hex digest of ``url`` (40 lowercase hex characters).
    id: str = ""
    #: Canonical article URL: page 1, no paging (``?page=``) or tracking (``utm_*``) query.
    url: str = ""
    #: Host name of ``url``, e.g. ``zonajakarta.pikiran-rakyat.com``.
    site: str = ""
    #: The portal's own name, e.g. ``Zona Jakarta``; null when the page does not say.
    site_name: str | None = None
    #: Network module that handled the page (``prmn``, ``tribun``, ...); null for the generic layer.
    network: str | None = None
    #: Article headline as printed in its ``h1``, without a `` - Site Name`` suffix.
    headline: str = ""
    #: Publication time, ISO 8601 with the portal's local offset (+07:00 WIB, +08:00 WITA, +09:00 WIT).
    published_at: str | None = None
    #: The publication time string as the page printed it (or the attribute it came from).
    published_at_raw: str | None = None
    #: Last modification time, ISO 8601 with offset; null when the page does not say.
    modified_at: str | None = None
    #: Reporters/writers, each a person's name; empty when the page names none.
    authors: list[str] = field(default_factory=list)
    #: The editor ("Editor:", "Red:"); null when the page names none.
    editor: str | None = None
    #: What the page credits as origin ("Sumber: Reuters" -> "Reuters"); null when none.
    source: str | None = None
    #: Article text only; paragraphs separated by one blank line.
    body: str = ""
    #: Standfirst / description; null when none.
    summary: str | None = None
    #: Tags as the page lists them.
    tags: list[str] = field(default_factory=list)
    #: Section ("kanal") name, e.g. ``Internasional``; null when none.
    category: str | None = None
    #: Lead image URL (absolute); null when none.
    image_url: str | None = None
    #: Caption/credit of the lead image; null when none.
    image_caption: str | None = None
    #: ISO 639-1 language code of the article: ``id``.
    language: str = "id"
    #: What the page is: ``article`` (running text), ``photo`` or ``video`` (a gallery or video story whose text
    #: is its captions and standfirst). Added in 1.1; records of 1.0 have no such field and are articles.
    kind: str = "article"
    #: Number of pages merged into ``body`` (1 for a single-page article).
    page_count: int = 1
    #: When the record was made, UTC ISO 8601 (``...Z``).
    crawled_at: str = ""
    #: Version of this record layout, ``MAJOR.MINOR``.
    schema_version: str = SCHEMA_VERSION


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ArticleItem))


def article_id(url: str) -> str:
    """The record id: sha1 hex of the canonical URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()
