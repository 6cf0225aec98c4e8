"""Thin pipeline adapters over ``newscrawl.record``: validate, clean, normalise dates, drop duplicates."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl import record as steps
from newscrawl.errors import Refused
from newscrawl.sites import network_for


def drop(crawler: Crawler, reason: str, detail: str, url: str) -> DropItem:
    """Count a dropped record under ``newscrawl/dropped/<reason>`` and build the DropItem to raise."""
    assert crawler.stats is not None
    crawler.stats.inc_value(f"newscrawl/dropped/{reason}")
    return DropItem(f"{reason}: {detail} <{url}>")


class _Step:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _Step:
        return cls(crawler)


class ValidatePipeline(_Step):
    """Drop records without url, headline or body, or with a body too short to be an article."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.min_body_chars = crawler.settings.getint("NEWSCRAWL_MIN_BODY_CHARS", steps.DEFAULT_MIN_BODY_CHARS)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        try:
            steps.validate(adapter, self.min_body_chars)
        except Refused as exc:
            raise drop(self.crawler, exc.reason, exc.detail, adapter.get("url") or "?") from exc
        return item


class CleanPipeline(_Step):
    """Whitespace, headline suffixes, furniture paragraphs, id and site from the url."""

    def process_item(self, item: Any) -> Any:
        steps.clean(ItemAdapter(item))
        return item


class DatesPipeline(_Step):
    """published_at / modified_at to ISO 8601 with the portal's local offset; crawled_at in UTC."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = adapter.get("url") or ""
        steps.normalise_dates(adapter, network_for(url).offset_for(url))
        if adapter.get("published_at_raw") and not adapter.get("published_at"):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/date_unparsed")
        return item


class DedupePipeline(_Step):
    """One record per canonical url within a run."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item: Any) -> Any:
        url = ItemAdapter(item).get("url") or ""
        if url in self.seen:
            raise drop(self.crawler, "duplicate", "already written in this run", url)
        self.seen.add(url)
        return item


class DateRangePipeline(_Step):
    """With ``-a since=`` / ``-a until=``, only articles published in those days are written (a backfill)."""

    def process_item(self, item: Any) -> Any:
        spider = self.crawler.spider
        # Network spiders parse since/until into datetimes; other spiders keep -a values as plain strings.
        since = getattr(spider, "since", None)
        until = getattr(spider, "until", None)
        since = since if isinstance(since, datetime) else None
        until = until if isinstance(until, datetime) else None
        if since is None and until is None:
            return item
        adapter = ItemAdapter(item)
        published = adapter.get("published_at")
        if not published:
            # Undated records are kept (never lose an article) and counted.
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/range/undated_kept")
            return item
        value = datetime.fromisoformat(published)
        if (since is not None and value < since) or (until is not None and value >= until + timedelta(days=1)):
            raise drop(self.crawler, "out_of_range", f"published {published}", adapter.get("url") or "?")
        return item
