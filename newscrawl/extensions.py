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
    """At the end of every crawl: one log line with pages fetched, records written, drops by reason, retries
    (and how many gave up), refusals (robots.txt, and requests newscrawl declined: off-site, redirect loops,
    rate-limited hosts), field fallbacks. The same figures go into the stats as ``newscrawl/summary/<figure>``
    (so Scrapy's stats dump shows them) and, with ``NEWSCRAWL_STATS_FILE``, into that JSON file with every stat.

    Every figure is read from a stat: ``response_received_count``, ``item_scraped_count``,
    ``newscrawl/dropped/<reason>``, ``retry/count``, ``retry/max_reached``, ``robotstxt/forbidden``,
    ``newscrawl/refused/<reason>``, ``newscrawl/fallback/...``."""

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

        def by_reason(prefix: str) -> dict[str, int]:
            return {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith(prefix)}

        return {
            "pages_fetched": stats.get("response_received_count", 0),
            "records_written": stats.get("item_scraped_count", 0),
            "dropped": by_reason("newscrawl/dropped/"),
            "retries": stats.get("retry/count", 0),
            "retries_exhausted": stats.get("retry/max_reached", 0),
            "robots_refused": stats.get("robotstxt/forbidden", 0),
            "refused": by_reason("newscrawl/refused/"),
            "fallbacks": sum(v for k, v in stats.items() if k.startswith("newscrawl/fallback/")),
        }

    def spider_closed(self, reason: str) -> None:
        assert self.crawler.stats is not None
        summary = self.summary()
        for figure, value in summary.items():
            total = sum(value.values()) if isinstance(value, dict) else value
            self.crawler.stats.set_value(f"newscrawl/summary/{figure}", total)
        logger.info(
            "newscrawl summary: %d pages fetched, %d records written, dropped: %s, %d retries (%d gave up), "
            "%d refused by robots.txt, other refusals: %s, %d field fallbacks (finish reason: %s)",
            summary["pages_fetched"],
            summary["records_written"],
            _by_reason(summary["dropped"]),
            summary["retries"],
            summary["retries_exhausted"],
            summary["robots_refused"],
            _by_reason(summary["refused"]),
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


def _by_reason(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "none"
