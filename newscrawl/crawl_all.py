"""``python -m newscrawl crawl-all``: every network spider in one process, for the scheduler.

All spiders run concurrently in one Scrapy process with the same settings (the project's, plus ``-s``) and
the same spider arguments (``-a since=... -a until=...``). At the end one table says, per network: ok or
failed, new records, drops by reason, field fallbacks, errors and pages fetched. The exit code is 1 when
any network failed outright — it could not start (another run holds its lock, the data dir is not
writable, a bad argument), did not finish normally, or not one page answered — or raised an extraction-health
alarm (a field's coverage under its module's threshold: newscrawl.health), else 0.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)


@dataclass
class NetworkResult:
    name: str
    status: str = "ok"
    why: str = ""
    records: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    fallbacks: int = 0
    errors: int = 0
    pages: int = 0
    skipped_seen: int = 0


def spider_names() -> list[str]:
    """Every network spider, and the wordpress profile's (generic needs URLs, so it is not included)."""
    from newscrawl.sites import NETWORKS, PROFILES

    return [str(net.name) for net in (*NETWORKS, *PROFILES)]


def result_of(name: str, stats: dict[str, Any], bootstrap_error: str | None) -> NetworkResult:
    result = NetworkResult(name)
    if bootstrap_error is not None:
        result.status, result.why = "failed", bootstrap_error
        return result
    result.records = int(stats.get("item_scraped_count", 0))
    result.dropped = {k.rsplit("/", 1)[1]: int(v) for k, v in stats.items() if k.startswith("newscrawl/dropped/")}
    result.fallbacks = sum(int(v) for k, v in stats.items() if k.startswith("newscrawl/fallback/"))
    result.errors = int(stats.get("log_count/ERROR", 0))
    result.pages = int(stats.get("response_received_count", 0))
    result.skipped_seen = int(stats.get("newscrawl/state/skipped_seen", 0))
    reason = stats.get("finish_reason")
    requests = int(stats.get("downloader/request_count", 0))
    breaches = sorted(
        k.removeprefix("newscrawl/health/breach/") for k in stats if k.startswith("newscrawl/health/breach/")
    )
    if reason != "finished":
        result.status, result.why = "failed", f"finish reason {reason}"
    elif requests and not result.pages:
        result.status, result.why = "failed", f"none of {requests} requests was answered"
    elif breaches:
        result.status, result.why = "alarm", "coverage under threshold: " + ", ".join(breaches)
    return result


def format_table(results: Sequence[NetworkResult]) -> str:
    rows = [("network", "status", "new", "already had", "dropped", "fallbacks", "errors", "pages")]
    for r in results:
        dropped = ", ".join(f"{k}={v}" for k, v in sorted(r.dropped.items())) or "-"
        status = r.status if not r.why else f"{r.status}: {r.why}"
        rows.append(
            (
                r.name,
                status,
                str(r.records),
                str(r.skipped_seen),
                dropped,
                str(r.fallbacks),
                str(r.errors),
                str(r.pages),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows)


def run(names: Sequence[str], settings_overrides: dict[str, str], spider_args: dict[str, str]) -> int:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    from scrapy.crawler import AsyncCrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for key, value in settings_overrides.items():
        settings.set(key, value, priority="cmdline")
    # The async process installs the reactor up front, so a spider that cannot start does not stop the others.
    process = AsyncCrawlerProcess(settings)
    crawlers: dict[str, Any] = {}
    bootstrap_errors: dict[str, str] = {}

    def done(task: asyncio.Task[None], name: str) -> None:
        error = None if task.cancelled() else task.exception()
        if error is not None:
            bootstrap_errors[name] = str(error) or type(error).__name__
            logger.error("crawl-all: %s could not run: %s", name, bootstrap_errors[name])

    for name in names:
        crawler = process.create_crawler(name)
        crawlers[name] = crawler
        task = process.crawl(crawler, **spider_args)
        task.add_done_callback(functools.partial(done, name=name))
    process.start()

    results = []
    for name in names:
        try:
            stats = crawlers[name].stats.get_stats()
        except RuntimeError:  # the crawl never started: no stats
            stats = {}
        results.append(result_of(name, stats, bootstrap_errors.get(name)))
    print(format_table(results))
    failures = [r.name for r in results if r.status != "ok"]
    if failures:
        print(f"newscrawl crawl-all: failed: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0
