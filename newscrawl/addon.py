"""Scrapy add-on that wires newscrawl's output: JSON Lines under NEWSCRAWL_DATA_DIR unless -o/-O is given; with
NEWSCRAWL_REDIS_URL, the shared Redis frontier of a distributed crawl (newscrawl.distributed)."""

from __future__ import annotations

from scrapy.settings import BaseSettings

#: priority Scrapy gives to -o/-O and -s on the command line
_CMDLINE = 40

FEED_OPTIONS = {
    "format": "jsonlines",
    "encoding": "utf-8",
    "store_empty": False,
}


def data_feed_uri(data_dir: str) -> str:
    """``<data dir>/<spider>/<UTC date>/<run id>.jsonl``; name/run_date/run_id are spider attributes."""
    return f"{data_dir.rstrip('/')}/%(name)s/%(run_date)s/%(run_id)s.jsonl"


def user_chose_output(settings: BaseSettings) -> bool:
    """True when -o/-O (or FEEDS set on the command line) replaces the data-dir feed."""
    return (settings.getpriority("FEEDS") or 0) >= _CMDLINE and bool(settings.getdict("FEEDS"))


def data_dir_feed(settings: BaseSettings) -> str | None:
    """The data-dir feed URI template this crawl writes to, or None when the user chose the output."""
    if user_chose_output(settings):
        return None
    return data_feed_uri(settings.get("NEWSCRAWL_DATA_DIR") or "data")


def redis_url(settings: BaseSettings) -> str | None:
    """NEWSCRAWL_REDIS_URL, or None: distributed mode is off (docs/distributed.md)."""
    value = settings.get("NEWSCRAWL_REDIS_URL")
    text = str(value).strip() if value else ""
    return text or None


class NewscrawlAddon:
    """Adds the data-dir feed to FEEDS unless the user chose their own output with -o/-O; with
    NEWSCRAWL_REDIS_URL, switches the scheduler and dupefilter to scrapy-redis's (newscrawl.distributed)."""

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        uri = data_dir_feed(settings)
        if uri is not None:
            settings.set("FEEDS", {uri: dict(FEED_OPTIONS)}, priority="addon")
        if redis_url(settings) is not None:
            from newscrawl.distributed import distributed_settings

            for name, value in distributed_settings(settings).items():
                settings.set(name, value, priority="addon")
