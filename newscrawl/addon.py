"""Scrapy add-on that wires newscrawl's output: JSON Lines under NEWSCRAWL_DATA_DIR unless -o/-O is given."""

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


class NewscrawlAddon:
    """Adds the data-dir feed to FEEDS unless the user chose their own output with -o/-O."""

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        feeds_priority = settings.getpriority("FEEDS") or 0
        if feeds_priority >= _CMDLINE and settings.getdict("FEEDS"):
            return
        data_dir = settings.get("NEWSCRAWL_DATA_DIR") or "data"
        settings.set("FEEDS", {data_feed_uri(data_dir): dict(FEED_OPTIONS)}, priority="addon")
