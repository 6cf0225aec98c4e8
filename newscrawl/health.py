"""Extraction-health alarms and a progress line a person can follow.

``HealthCheck``: at the end of a crawl, per network, the share of this run's records that have each field the
network's module watches (``Network.health``, over ``DEFAULT_HEALTH``). A share under its threshold is the sign
that a template changed: it is logged as an ERROR naming network and field, counted in the stats
(``newscrawl/health/breaches``, ``newscrawl/health/breach/<network>/<field>``) and makes ``crawl-all`` exit
non-zero. Every measured share is in the stats too (``newscrawl/health/<network>/<field>``, 0..1). Networks with
fewer than ``NEWSCRAWL_HEALTH_MIN_RECORDS`` records in the run are not judged (a share of 3 records is noise).

Spidermon was tried first (its FieldCoverageMonitor does this job) and does not fit Scrapy 2.19 cleanly: its
monitor runner calls the deprecated ``Spider.log()`` (spidermon 1.27.0), which fails a crawl run with Scrapy
deprecations as errors, as ours are in tests.

``ProgressLog``: every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds (default 60; 0 turns it off) one INFO line with
pages and records so far, their rates over the interval, drops, and records per network.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

from newscrawl.sites import GENERIC, network_named
from newscrawl.sites.base import Network

logger = logging.getLogger(__name__)

#: watched by every network unless its module says otherwise
DEFAULT_HEALTH: dict[str, float] = {"headline": 1.0, "body": 1.0, "published_at": 0.9}


def network_of(name: str) -> Network:
    try:
        return network_named(name)
    except KeyError:
        return GENERIC


def thresholds(name: str) -> dict[str, float]:
    return {**DEFAULT_HEALTH, **network_of(name).health}


class HealthCheck:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.min_records = crawler.settings.getint("NEWSCRAWL_HEALTH_MIN_RECORDS", 20)
        self.records: Counter[str] = Counter()
        self.filled: dict[str, Counter[str]] = {}
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HealthCheck:
        if not crawler.settings.getbool("NEWSCRAWL_HEALTH_ENABLED", True):
            raise NotConfigured("NEWSCRAWL_HEALTH_ENABLED is off")
        return cls(crawler)

    def item_scraped(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        name = adapter.get("network") or "generic"
        self.records[name] += 1
        filled = self.filled.setdefault(name, Counter())
        for field_name in thresholds(name):
            if adapter.get(field_name):
                filled[field_name] += 1

    def coverage(self) -> dict[str, dict[str, float]]:
        return {
            name: {f: self.filled.get(name, Counter())[f] / count for f in thresholds(name)}
            for name, count in self.records.items()
        }

    def spider_closed(self, reason: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        breaches = 0
        for name, shares in sorted(self.coverage().items()):
            count = self.records[name]
            for field_name, share in shares.items():
                stats.set_value(f"newscrawl/health/{name}/{field_name}", round(share, 4))
                wanted = thresholds(name)[field_name]
                if count < self.min_records or share >= wanted:
                    continue
                breaches += 1
                stats.set_value(f"newscrawl/health/breach/{name}/{field_name}", 1)
                logger.error(
                    "health: %s %s in %.0f%% of %d records, under its %.0f%% threshold: has the template changed?",
                    name,
                    field_name,
                    share * 100,
                    count,
                    wanted * 100,
                )
        stats.set_value("newscrawl/health/breaches", breaches)


class ProgressLog:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.per_network: Counter[str] = Counter()
        self.last = (time.monotonic(), 0, 0)
        self.task: LoopingCall | None = None
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLog:
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL", 60.0)
        if interval <= 0:
            raise NotConfigured("NEWSCRAWL_PROGRESS_INTERVAL is 0")
        return cls(crawler, interval)

    def item_scraped(self, item: Any) -> None:
        self.per_network[ItemAdapter(item).get("network") or "generic"] += 1

    def spider_opened(self) -> None:
        self.last = (time.monotonic(), 0, 0)
        self.task = LoopingCall(self.log_line)
        self.task.start(self.interval, now=False)

    def spider_closed(self, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def line(self) -> str:
        stats = self.crawler.stats
        assert stats is not None
        values = stats.get_stats()
        pages = int(values.get("response_received_count", 0))
        records = int(values.get("item_scraped_count", 0))
        dropped = sum(int(v) for k, v in values.items() if k.startswith("newscrawl/dropped/"))
        now = time.monotonic()
        then, pages_then, records_then = self.last
        minutes = max(now - then, 1e-9) / 60
        self.last = (now, pages, records)
        networks = ", ".join(f"{name} {count}" for name, count in self.per_network.most_common()) or "none yet"
        return (
            f"progress: {pages} pages ({(pages - pages_then) / minutes:.0f}/min), {records} records "
            f"({(records - records_then) / minutes:.0f}/min), {dropped} dropped; records per network: {networks}"
        )

    def log_line(self) -> None:
        logger.info(self.line())
