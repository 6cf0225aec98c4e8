"""Crawl-level extensions: the end-of-crawl summary line and the stats file."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


class CrawlSummary:
    """At the end of every crawl: one log line with pages, records, drops by reason, retries;
    and, when ``NEWSCRAWL_STATS_FILE`` names a file, every stat written there as JSON."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats_file = crawler.settings.get("NEWSCRAWL_STATS_FILE") or ""
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        if crawler.stats is None:
            raise NotConfigured("no stats collector")
        return cls(crawler)

    def summary(self) -> dict[str, Any]:
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        drops = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("newscrawl/dropped/")}
        return {
            "pages_fetched": stats.get("response_received_count", 0),
            "records_written": stats.get("item_scraped_count", 0),
            "dropped": drops,
            "retries": stats.get("retry/count", 0),
            "robots_refused": stats.get("robotstxt/forbidden", 0),
            "fallbacks": sum(v for k, v in stats.items() if k.startswith("newscrawl/fallback/")),
        }

    def spider_closed(self, reason: str) -> None:
        summary = self.summary()
        drops = ", ".join(f"{k}={v}" for k, v in sorted(summary["dropped"].items())) or "none"
        logger.info(
            "newscrawl summary: %d pages fetched, %d records written, dropped: %s, %d retries, "
            "%d refused by robots.txt, %d field fallbacks (finish reason: %s)",
            summary["pages_fetched"],
            summary["records_written"],
            drops,
            summary["retries"],
            summary["robots_refused"],
            summary["fallbacks"],
            reason,
        )
        if self.stats_file:
            assert self.crawler.stats is not None
            stats = {
                k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in self.crawler.stats.get_stats().items()
            }
            path = Path(self.stats_file)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                json.dumps({"summary": summary, "stats": stats}, indent=1, sort_keys=True), encoding="utf-8"
            )
