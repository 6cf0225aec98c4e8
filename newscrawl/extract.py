"""One page to one finished record, without a crawl: ``extract_article(html, url) -> dict``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newscrawl.items import FIELD_NAMES
from newscrawl.record import DEFAULT_MIN_BODY_CHARS, finish, parse_page


def extract_article(
    html: str | bytes,
    url: str,
    *,
    now: datetime | None = None,
    min_body_chars: int = DEFAULT_MIN_BODY_CHARS,
) -> dict[str, Any]:
    """The finished record for one article page, every pipeline step applied.

    Raises ``newscrawl.errors.Refused`` (with ``.reason``) for a page that is not an article: an
    index, tag or error page, an empty or binary file, or a body too short to be an article.
    """
    parsed = parse_page(html, url, now=now)
    record = parsed.record
    finish(record, min_body_chars=min_body_chars, default_offset=parsed.network.offset_for(url), now=now)
    return {name: record.get(name) for name in FIELD_NAMES}
