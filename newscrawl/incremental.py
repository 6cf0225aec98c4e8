"""Incremental crawls: the seen-store wired into Scrapy.

* ``open_state`` (called when a spider is built, before anything is fetched) opens the spider's store,
  failing the crawl at once with a clear message when the data dir cannot be written or another run holds
  the lock. It is active only when records go to the data-dir feed (not with ``-o``/``-O``) and
  ``NEWSCRAWL_STATE`` is on.
* ``SeenFilterMiddleware`` drops requests for articles already delivered, before they are fetched, wherever
  the URL tells (``urls``/``urls_file``, listings, indexes, sitemaps, feeds).
* ``SeenPipeline`` drops, before writing, a record whose URL was delivered earlier (an article reached under
  another URL, e.g. through a redirect).
* ``StateExtension`` marks each written record, and finishes the run once the feed file is closed and fsynced.

``-a refresh=1`` re-fetches and re-emits delivered articles; ``-a reset_state=1`` forgets them all.

With ``NEWSCRAWL_REDIS_URL`` the store is ``newscrawl.redis_state.RedisSeenStore``, shared by every worker of a
distributed crawl: ``SeenPipeline`` then *claims* each url atomically, so two workers never both write one
article (docs/distributed.md). The store is the spider's ``seen_store`` (Scrapy's own ``spider.state`` is the
JOBDIR state dict).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import Request

from newscrawl.addon import data_dir_feed, redis_url
from newscrawl.redis_state import RedisSeenStore
from newscrawl.state import DeliveredStore, SeenStore, StateError

if TYPE_CHECKING:
    from newscrawl.spiders.base import NewsSpider

logger = logging.getLogger(__name__)


def output_file(crawler: Crawler, spider: NewsSpider) -> Path | None:
    """This run's data-dir output file, or None when the user chose another output (-o/-O)."""
    # Called when the spider is built, before add-ons run: decide as NewscrawlAddon will.
    uri = data_dir_feed(crawler.settings)
    if uri is None:
        return None
    return Path(uri % {"name": spider.name, "run_date": spider.run_date, "run_id": spider.run_id})


def open_state(crawler: Crawler, spider: NewsSpider) -> DeliveredStore | None:
    """Open the spider's seen-store and register this run; None when state is off for this crawl."""
    url = redis_url(crawler.settings)
    if url is not None:
        return open_distributed_state(crawler, spider, url)
    if not crawler.settings.getbool("NEWSCRAWL_STATE", True):
        return None
    file = output_file(crawler, spider)
    if file is None:
        logger.info("state: records go to the user's -o/-O output, so the seen-store is not used")
        return None
    data_dir = crawler.settings.get("NEWSCRAWL_DATA_DIR") or "data"
    store = SeenStore.open(data_dir, str(spider.name), reset=spider.reset_state)
    if spider.refresh:
        logger.warning("state: refresh=1, articles already delivered are fetched and written again")
    logger.info("state: %d articles already delivered by earlier %s runs", store.count(), spider.name)
    store.start_run(spider.run_id, file)
    return store


def open_distributed_state(crawler: Crawler, spider: NewsSpider, url: str) -> RedisSeenStore:
    """Join the spider's distributed crawl: the Redis seen-store and worker registry (newscrawl.redis_state)."""
    from newscrawl.distributed import crawl_signature, key_prefix

    settings = crawler.settings
    name = str(spider.name)
    if not settings.getbool("NEWSCRAWL_STATE", True):
        raise StateError("distributed crawls (NEWSCRAWL_REDIS_URL) need the seen-store: NEWSCRAWL_STATE cannot be off")
    file = output_file(crawler, spider)
    if file is None:
        raise StateError(
            "distributed crawls (NEWSCRAWL_REDIS_URL) write each worker's records under NEWSCRAWL_DATA_DIR; "
            "-o/-O cannot be used with them"
        )
    if spider.refresh:
        raise StateError(
            "refresh=1 is not available in distributed crawls: to fetch delivered articles again, reset the crawl "
            f"with python -m newscrawl.distributed reset {name} --forget-delivered"
        )
    if spider.reset_state:
        raise StateError(
            "reset_state=1 is not available in distributed crawls (every worker would reset it): run "
            f"python -m newscrawl.distributed reset {name} --forget-delivered once, then start the workers"
        )
    store = RedisSeenStore.open(
        url,
        prefix=key_prefix(settings),
        data_dir=settings.get("NEWSCRAWL_DATA_DIR") or "data",
        spider=name,
        run_id=spider.run_id,
        file=file,
        signature=crawl_signature(spider),
        ttl=settings.getfloat("NEWSCRAWL_REDIS_WORKER_TTL", 30.0),
    )
    logger.info("state: %d articles already delivered (Redis seen-store shared by the %s workers)", store.count(), name)
    return store


def _store(spider: Spider) -> DeliveredStore | None:
    store = getattr(spider, "seen_store", None)
    return store if isinstance(store, DeliveredStore) and not getattr(spider, "refresh", False) else None


class SeenFilterMiddleware:
    """Spider middleware: requests for page 1 of an already-delivered article are never sent."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenFilterMiddleware:
        return cls(crawler)

    def _keep(self, obj: Any) -> bool:
        if not isinstance(obj, Request):
            return True
        article = obj.meta.get("newscrawl_article")
        if not article or obj.meta.get("newscrawl_page"):
            return True
        spider = self.crawler.spider
        store = _store(spider) if spider is not None else None
        # Articles of earlier runs only: a repeat within this run is Scrapy's dupefilter's business.
        if store is None or not store.is_seen(article, before_run=getattr(spider, "run_id", None)):
            return True
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawl/state/skipped_seen")
        return False

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in start:
            if self._keep(obj):
                yield obj

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterable[Any]:
        return (obj for obj in result if self._keep(obj))

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in result:
            if self._keep(obj):
                yield obj


class SeenPipeline:
    """Last step before writing: a record delivered by an earlier run is not written again."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        spider = self.crawler.spider
        store = _store(spider) if spider is not None else None
        url = ItemAdapter(item).get("url")
        if store is None or not url:
            return item
        assert self.crawler.stats is not None
        # The claim is atomic in Redis: of two distributed workers holding one article, one writes it.
        try:
            claimed = store.claim(url, getattr(spider, "run_id", ""))
        except StateError as exc:
            self.crawler.stats.inc_value("newscrawl/state/unavailable")
            raise DropItem(f"not written now, the seen-store cannot be reached: {exc} <{url}>") from exc
        if not claimed:
            self.crawler.stats.inc_value("newscrawl/state/already_delivered")
            raise DropItem(f"already delivered by an earlier run or another worker <{url}>", log_level="INFO")
        return item


class StateExtension:
    """Marks every written record; finishes the run when the feed file is closed."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.feed_closed, signal=signals.feed_exporter_closed)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        self.finished = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StateExtension:
        if not crawler.settings.getbool("NEWSCRAWL_STATE", True):
            raise NotConfigured("NEWSCRAWL_STATE is off")
        return cls(crawler)

    def _spider_store(self) -> tuple[Any, DeliveredStore | None]:
        spider = self.crawler.spider
        store = getattr(spider, "seen_store", None)
        return spider, store if isinstance(store, DeliveredStore) else None

    def spider_opened(self) -> None:
        """Stats of what opening the store repaired (the store opens before stats exist)."""
        _spider, store = self._spider_store()
        if store is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        repair = store.repair
        stats.set_value("newscrawl/state/delivered_before", store.count())
        if repair.rebuilt:
            stats.set_value(f"newscrawl/state/rebuilt_{repair.rebuilt}", 1)
        if repair.runs_reconciled:
            stats.set_value("newscrawl/state/runs_reconciled", len(repair.runs_reconciled))
        if repair.torn_lines_cut:
            stats.set_value("newscrawl/state/torn_lines_cut", repair.torn_lines_cut)

    def item_scraped(self, item: Any) -> None:
        spider, store = self._spider_store()
        if store is None:
            return
        adapter = ItemAdapter(item)
        store.mark(adapter["url"], spider.run_id, adapter.get("published_at"))

    def feed_closed(self) -> None:
        spider, store = self._spider_store()
        if store is None or self.finished:
            return
        file = output_file(self.crawler, spider)
        if file is not None:
            store.finish_run(spider.run_id, file)
        self.finished = True
        store.close()

    def spider_closed(self, reason: str) -> None:
        # The feed exporter closes its files on this same signal and then sends feed_exporter_closed;
        # nothing to do here unless there is no feed at all.
        _spider, store = self._spider_store()
        if store is not None and not self.crawler.settings.getdict("FEEDS"):
            self.feed_closed()
